import { Card, CardContent, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import RestoreIcon from '@mui/icons-material/Restore';
import type { DishRecord, DishVersion } from '@ajimi/core/contracts/dishes';
import { useState } from 'react';
import { Button, Edit, ListButton, TopToolbar, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { postJson, useApi } from '../knowledge/api';
import { DishForm, toDishContent } from './DishForm';

/** The version the editor opened goes with the save: a save over someone else's newer version is refused. */
const transform = (data: Partial<DishRecord>) => ({ ...toDishContent(data), version: data.version });

const DishTitle = () => {
  const record = useRecordContext<DishRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  return <span>{translate('ajimi.dishes.edit_title', { name: locale === 'en' ? record.name_en : record.name_ja })}</span>;
};

/** Every saved version, newest first; an older one can be restored (as a new version). */
const DishVersions = () => {
  const record = useRecordContext<DishRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const { data } = useApi<DishVersion[]>(record ? `/dishes/${record.id}/versions?v=${record.version}` : null);
  if (!record) return null;
  const restore = async (version: number) => {
    setBusy(true);
    try {
      await postJson(`/dishes/${record.id}/versions/${version}/restore`);
      notify('ajimi.dishes.versions.restored', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const versions = data ?? [];
  return (
    <Card sx={{ width: 320, ml: 2, flexShrink: 0, alignSelf: 'flex-start' }}>
      <CardContent>
        <Stack spacing={1}>
          <Typography variant="subtitle1">{translate('ajimi.dishes.versions.title')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('ajimi.dishes.fields.source')}: {translate(`ajimi.dishes.source.${record.rubric_source}`)}
          </Typography>
          {versions.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {translate('ajimi.dishes.versions.empty')}
            </Typography>
          ) : (
            <List dense disablePadding data-testid="dish-versions">
              {versions.map((v) => (
                <ListItem
                  key={v.id}
                  disableGutters
                  divider
                  secondaryAction={
                    v.version !== record.version &&
                    v.snapshot.rubric && (
                      <Button label="ajimi.dishes.versions.restore" disabled={busy} onClick={() => restore(v.version)}>
                        <RestoreIcon />
                      </Button>
                    )
                  }
                >
                  <ListItemText
                    primary={`${translate('ajimi.dishes.versions.version', { version: v.version })} · ${new Date(v.created_at).toLocaleString(locale)}`}
                    secondary={translate('ajimi.dishes.versions.by', { name: v.edited_by_name ?? translate('ajimi.dishes.versions.seed') })}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};

const DishEditForm = () => {
  const record = useRecordContext<DishRecord>();
  return <DishForm variant="edit" slug={record?.slug} />;
};

export const DishEdit = () => (
  <Edit<DishRecord>
    mutationMode="pessimistic"
    transform={transform}
    redirect={false}
    title={<DishTitle />}
    actions={
      <TopToolbar>
        <ListButton />
      </TopToolbar>
    }
    aside={<DishVersions />}
  >
    <DishEditForm />
  </Edit>
);

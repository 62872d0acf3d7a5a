import { Box, Card, CardContent, Chip, Divider, LinearProgress, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import PublicIcon from '@mui/icons-material/Public';
import PublicOffIcon from '@mui/icons-material/PublicOff';
import { useState } from 'react';
import { Button, Edit, ListButton, TopToolbar, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { postJson, useApi } from './api';
import { EmbeddingStatusChip } from './EmbeddingStatusChip';
import { PrincipleForm, toPrincipleContent } from './PrincipleForm';
import type { Principle, PrincipleVersion } from './types';

/** The version the editor opened goes with the save: a save over someone else's newer version is refused. */
const transform = (data: Partial<Principle>) => ({ ...toPrincipleContent(data), version: data.version });

const PrincipleTitle = () => {
  const record = useRecordContext<Principle>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  return <span>{translate('ajimi.knowledge.edit_title', { title: locale === 'en' ? record.title_en : record.title_ja })}</span>;
};

const PublishToggle = () => {
  const record = useRecordContext<Principle>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const publish = !record.published;
  const onClick = async () => {
    setBusy(true);
    try {
      await postJson(`/principles/${record.id}/${publish ? 'publish' : 'unpublish'}`);
      notify(publish ? 'ajimi.knowledge.published_now' : 'ajimi.knowledge.unpublished_now', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label={publish ? 'ajimi.knowledge.publish' : 'ajimi.knowledge.unpublish'} onClick={onClick} disabled={busy} data-testid="publish-toggle">
      {publish ? <PublicIcon /> : <PublicOffIcon />}
    </Button>
  );
};

const EditActions = () => (
  <TopToolbar>
    <PublishToggle />
    <ListButton />
  </TopToolbar>
);

const CONTENT_KEYS = ['title_ja', 'title_en', 'dishes', 'is_core', 'skill', 'symptoms', 'why', 'next_action', 'success_signs', 'addresses', 'body_md'];

/** Which content fields a version changed compared with the one before it. */
function changedFields(version: PrincipleVersion, previous: PrincipleVersion | undefined): string[] {
  if (!previous) return [];
  return CONTENT_KEYS.filter((k) => JSON.stringify(version.snapshot[k]) !== JSON.stringify(previous.snapshot[k]));
}

const VersionHistory = ({ id }: { id: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // The parent keys this component by version, so a save reloads the history.
  const { data } = useApi<PrincipleVersion[]>(`/principles/${id}/versions`);
  const versions = data ?? [];
  return (
    <Box>
      <Typography variant="subtitle1">{translate('ajimi.knowledge.versions.title')}</Typography>
      {versions.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('ajimi.knowledge.versions.empty')}
        </Typography>
      ) : (
        <List dense disablePadding data-testid="version-history">
          {versions.map((v, i) => {
            const changed = changedFields(v, versions[i + 1]);
            const fields = changed.map((k) => translate(`ajimi.knowledge.fields.${k}`)).join(', ');
            return (
              <ListItem key={v.id} disableGutters divider>
                <ListItemText
                  primary={`${translate('ajimi.knowledge.versions.version', { version: v.version })} · ${new Date(v.created_at).toLocaleString(locale)}`}
                  secondary={
                    <>
                      {translate('ajimi.knowledge.versions.by', { name: v.edited_by_name ?? translate('ajimi.knowledge.versions.unknown_editor') })}
                      <br />
                      {i === versions.length - 1 ? translate('ajimi.knowledge.versions.first') : fields ? translate('ajimi.knowledge.versions.changed', { fields }) : ''}
                    </>
                  }
                />
              </ListItem>
            );
          })}
        </List>
      )}
    </Box>
  );
};

/** Live embedding status (polled until the re-embedding job has finished) and the version history. */
const PrincipleAside = () => {
  const record = useRecordContext<Principle>();
  const translate = useTranslate();
  const { data: live } = useApi<Principle>(record ? `/principles/${record.id}` : null, {
    every: 1500,
    while: (p) => !p || p.embedding_status === 'pending' || p.embedding_status === 'embedding' || (record !== undefined && p.version < record.version),
  });
  if (!record) return null;
  const current = live && live.version >= record.version ? live : record;
  return (
    <Card sx={{ width: 320, ml: 2, flexShrink: 0, alignSelf: 'flex-start' }}>
      <CardContent>
        <Stack spacing={1}>
          <Typography variant="subtitle1">{translate('ajimi.knowledge.embedding.title')}</Typography>
          <Stack direction="row" spacing={1}>
            <EmbeddingStatusChip status={current.embedding_status} version={current.version} />
            <Chip size="small" color={record.published ? 'success' : 'default'} label={translate(record.published ? 'ajimi.knowledge.fields.published' : 'ajimi.knowledge.draft')} />
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {translate('ajimi.knowledge.fields.version')}: <span data-testid="principle-version">{current.version}</span>
            {' · '}
            {translate('ajimi.knowledge.embedding.chunks', { count: current.chunk_count })}
          </Typography>
          {current.embedding_model && (
            <Typography variant="body2" color="text.secondary">
              {translate('ajimi.knowledge.embedding.model', { model: current.embedding_model })}
            </Typography>
          )}
          <Divider />
          <VersionHistory key={record.version} id={record.id} />
        </Stack>
      </CardContent>
    </Card>
  );
};

/** List rows carry no body: mount the form only once the full record is here, so it is never reset under the editor. */
const FullRecordForm = () => {
  const record = useRecordContext<Principle>();
  if (record?.body_md === undefined) return <LinearProgress />;
  return <PrincipleForm variant="edit" />;
};

export const PrincipleEdit = () => (
  <Edit<Principle> mutationMode="pessimistic" transform={transform} redirect={false} title={<PrincipleTitle />} actions={<EditActions />} aside={<PrincipleAside />}>
    <FullRecordForm />
  </Edit>
);

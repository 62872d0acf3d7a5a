import { Alert, Box, Card, CardContent, Chip, Divider, LinearProgress, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import PublicIcon from '@mui/icons-material/Public';
import PublicOffIcon from '@mui/icons-material/PublicOff';
import RestoreIcon from '@mui/icons-material/Restore';
import { useState } from 'react';
import { Button, Edit, ListButton, TopToolbar, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { postJson, useApi } from './api';
import { EmbeddingStatusChip } from './EmbeddingStatusChip';
import { PrincipleForm, toPrincipleContent } from './PrincipleForm';
import type { Principle, PrincipleVersion } from './types';

/** The draft revision the editor opened goes with the save: a save over someone else's newer draft is refused. */
const transform = (data: Partial<Principle>) => ({ ...toPrincipleContent(data), draft_revision: data.draft_revision });

/** Runs a console action on the principle, says how it went, and reloads the record. */
const usePrincipleAction = () => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const run = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    try {
      await postJson(path, body);
      notify(done, { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
};

const PrincipleTitle = () => {
  const record = useRecordContext<Principle>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  return <span>{translate('ajimi.knowledge.edit_title', { title: locale === 'en' ? record.title_en : record.title_ja })}</span>;
};

/**
 * Publishing is on purpose: it puts the saved draft live (a new version, re-embedded) or makes an
 * unpublished principle searchable. Unpublishing hides it from retrieval.
 */
const PublishActions = () => {
  const record = useRecordContext<Principle>();
  const { busy, run } = usePrincipleAction();
  if (!record) return null;
  const base = `/principles/${record.id}`;
  return (
    <>
      {(record.draft || !record.published) && (
        <Button
          label={record.draft ? 'ajimi.knowledge.publish_draft' : 'ajimi.knowledge.publish'}
          disabled={busy}
          data-testid="publish"
          onClick={() => run(`${base}/publish`, { draft_revision: record.draft_revision }, 'ajimi.knowledge.published_now')}
        >
          <PublicIcon />
        </Button>
      )}
      {record.draft && (
        <Button label="ajimi.knowledge.discard_draft" disabled={busy} data-testid="discard-draft" onClick={() => run(`${base}/discard-draft`, {}, 'ajimi.knowledge.discarded_now')}>
          <DeleteSweepIcon />
        </Button>
      )}
      {record.published && (
        <Button label="ajimi.knowledge.unpublish" disabled={busy} data-testid="unpublish" onClick={() => run(`${base}/unpublish`, {}, 'ajimi.knowledge.unpublished_now')}>
          <PublicOffIcon />
        </Button>
      )}
    </>
  );
};

const EditActions = () => (
  <TopToolbar>
    <PublishActions />
    <ListButton />
  </TopToolbar>
);

/** Says which content the form holds and what retrieval uses meanwhile. */
const DraftNotice = () => {
  const record = useRecordContext<Principle>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  if (!record.draft) {
    return (
      <Alert severity="info" sx={{ mb: 1 }} data-testid="live-notice">
        {translate('ajimi.knowledge.draft_notice.none', { version: record.version })}
      </Alert>
    );
  }
  return (
    <Alert severity="warning" sx={{ mb: 1 }} data-testid="draft-notice">
      {translate('ajimi.knowledge.draft_notice.waiting', {
        name: record.draft_updated_by_name ?? '—',
        time: record.draft_updated_at ? new Date(record.draft_updated_at).toLocaleString(locale) : '—',
        version: record.version,
      })}
    </Alert>
  );
};

const CONTENT_KEYS = ['title_ja', 'title_en', 'dishes', 'is_core', 'skill', 'symptoms', 'why', 'next_action', 'success_signs', 'addresses', 'body_md'];

/** Which content fields a version changed compared with the one before it. */
function changedFields(version: PrincipleVersion, previous: PrincipleVersion | undefined): string[] {
  if (!previous) return [];
  return CONTENT_KEYS.filter((k) => JSON.stringify(version.snapshot[k]) !== JSON.stringify(previous.snapshot[k]));
}

const VersionHistory = ({ id, live }: { id: string; live: number }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { busy, run } = usePrincipleAction();
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
              <ListItem
                key={v.id}
                disableGutters
                divider
                secondaryAction={
                  v.version !== live && (
                    <Button
                      label="ajimi.knowledge.versions.restore"
                      disabled={busy}
                      onClick={() => run(`/principles/${id}/versions/${v.version}/restore`, {}, 'ajimi.knowledge.versions.restored')}
                    >
                      <RestoreIcon />
                    </Button>
                  )
                }
              >
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
    while: (p) => !p || p.embedding_status === 'pending' || p.embedding_status === 'embedding' || p.embedded_version !== p.version || (record !== undefined && p.version < record.version),
  });
  if (!record) return null;
  const current = live && live.version >= record.version ? live : record;
  return (
    <Card sx={{ width: 320, ml: 2, flexShrink: 0, alignSelf: 'flex-start' }}>
      <CardContent>
        <Stack spacing={1}>
          <Typography variant="subtitle1">{translate('ajimi.knowledge.embedding.title')}</Typography>
          <Stack direction="row" spacing={1}>
            <EmbeddingStatusChip status={current.embedding_status} version={current.version} embeddedVersion={current.embedded_version} />
            <Chip size="small" color={record.published ? 'success' : 'default'} label={translate(record.published ? 'ajimi.knowledge.fields.published' : 'ajimi.knowledge.unpublished')} />
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {translate('ajimi.knowledge.fields.version')}: <span data-testid="principle-version">{current.version}</span>
            {/* Opened from the list, the first paint is the list's row, which carries no chunk figures. */}
            {current.chunk_count !== undefined && ` · ${translate('ajimi.knowledge.embedding.chunks', { count: current.chunk_count })}`}
          </Typography>
          {current.embedding_model && (
            <Typography variant="body2" color="text.secondary">
              {translate('ajimi.knowledge.embedding.model', { model: current.embedding_model })}
            </Typography>
          )}
          <Divider />
          <VersionHistory key={`${record.version}:${record.draft_revision}`} id={record.id} live={record.version} />
        </Stack>
      </CardContent>
    </Card>
  );
};

/** List rows carry no body: mount the form only once the full record is here, so it is never reset under the editor. */
const FullRecordForm = () => {
  const record = useRecordContext<Principle>();
  const translate = useTranslate();
  if (record?.body_md === undefined) return <LinearProgress aria-label={translate('ra.page.loading')} />;
  // The form edits the saved draft when there is one, else the live version.
  return (
    <>
      <DraftNotice />
      <PrincipleForm variant="edit" record={record.draft ? { ...record, ...record.draft } : record} />
    </>
  );
};

export const PrincipleEdit = () => {
  const notify = useNotify();
  return (
    <Edit<Principle>
      mutationMode="pessimistic"
      // A save is a draft: say so (react-admin's default would say the principle was updated).
      mutationOptions={{ onSuccess: () => notify('ajimi.knowledge.draft_saved', { type: 'success' }) }}
      transform={transform}
      redirect={false}
      title={<PrincipleTitle />}
      actions={<EditActions />}
      aside={<PrincipleAside />}
    >
      <FullRecordForm />
    </Edit>
  );
};

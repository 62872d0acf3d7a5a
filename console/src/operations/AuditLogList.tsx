import { Box, Button, Collapse, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { AuditRow } from '@ajimi/core/contracts/audit-log';
import { BooleanInput, DataTable, DateField, FunctionField, List, SearchInput, SelectInput, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { useApi } from '../knowledge/api';
import { useLabels } from '../labels/useLabels';


const A = (key: string) => `ajimi.operations.audit.${key}`;
const L = (key: string) => `ajimi.labels.${key}`;
const Column = DataTable.Col<AuditRow>;

const Json = ({ value }: { value: unknown }) => (
  <Box component="pre" tabIndex={0} sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 360, overflow: 'auto' }}>
    {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
  </Box>
);

/** The target named for a person: the cook, dish and session; a principle's title; a user's name. */
const useTargetText = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const labels = useLabels();
  return (row: AuditRow): string => {
    const t = row.target;
    const kind = labels.entity(row.entity_type);
    if (!t) return row.entity_id ? `${kind}: ${translate(L('target_gone'))}` : kind;
    const pick = (b: { ja: string; en: string }) => (locale === 'en' ? b.en : b.ja);
    if (t.dish && t.attempt !== undefined) return translate(L('target_session'), { person: t.person ?? '', dish: pick(t.dish), n: t.attempt });
    if (t.room) return translate(L('target_room'), { person: t.person ?? '', room: translate(`ajimi.cooks.chat.rooms.${t.room}`) });
    if (t.title) return `${kind}: ${pick(t.title)}`;
    return `${kind}: ${t.person ?? ''}`;
  };
};

/** Before and after, side by side, when a row is expanded; the request id behind "details". */
const AuditDetail = () => {
  const record = useRecordContext<AuditRow>();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  return (
    <Stack spacing={1}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="subtitle2">{translate(A('before'))}</Typography>
          <Json value={record.before} />
        </Box>
        <Box sx={{ flex: 1 }}>
          <Typography variant="subtitle2">{translate(A('after'))}</Typography>
          <Json value={record.after} />
        </Box>
      </Stack>
      {record.request_id && (
        <Box>
          <Button size="small" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {translate(L('details'))}
          </Button>
          <Collapse in={open}>
            <Typography variant="caption" color="text.secondary">
              {translate(L('request_id'), { id: record.request_id })}
            </Typography>
          </Collapse>
        </Box>
      )}
    </Stack>
  );
};

/** The audit log: actions and targets in words; claim/release rows folded away unless asked for. */
export const AuditLogList = () => {
  const [locale] = useLocaleState();
  const labels = useLabels();
  const targetText = useTargetText();
  const { data: facets } = useApi<{ actions: string[]; entityTypes: string[] }>('/audit-log/facets');
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="action" source="action" label={A('fields.action')} choices={(facets?.actions ?? []).map((a) => ({ id: a, name: labels.auditAction(a) }))} translateChoice={false} alwaysOn />,
    <SelectInput key="entity_type" source="entity_type" label={A('fields.entity_type')} choices={(facets?.entityTypes ?? []).map((a) => ({ id: a, name: labels.entity(a) }))} translateChoice={false} />,
    <BooleanInput key="routine" source="routine" label={L('show_routine')} alwaysOn />,
  ];
  return (
    <List<AuditRow> filters={filters} filterDefaultValues={{ routine: false }} sort={{ field: 'id', order: 'DESC' }} perPage={50} title="ajimi.operations.audit_menu">
      <DataTable<AuditRow> bulkActionButtons={false} expand={<AuditDetail />} rowClick="expand">
        <Column source="created_at" label={A('fields.created_at')}>
          <DateField source="created_at" showTime locales={locale} />
        </Column>
        <Column source="actor_name" label={A('fields.actor_name')} />
        <Column source="action" label={A('fields.action')}>
          <FunctionField<AuditRow> render={(r) => labels.auditAction(r.action)} />
        </Column>
        <Column source="entity_id" label={A('fields.entity_id')} disableSort>
          <FunctionField<AuditRow> render={targetText} />
        </Column>
      </DataTable>
    </List>
  );
};

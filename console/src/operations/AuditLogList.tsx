import { Box, Stack, Typography } from '@mui/material';
import { DataTable, DateField, List, SearchInput, SelectInput, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { AuditRow } from '@ajimi/core/contracts/audit-log';
import { useApi } from '../knowledge/api';

const A = (key: string) => `ajimi.operations.audit.${key}`;
const Column = DataTable.Col<AuditRow>;

const Json = ({ value }: { value: unknown }) => (
  <Box component="pre" sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 360, overflow: 'auto' }}>
    {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
  </Box>
);

/** Before and after, side by side, when a row is expanded. */
const AuditDetail = () => {
  const record = useRecordContext<AuditRow>();
  const translate = useTranslate();
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
        <Typography variant="caption" color="text.secondary">
          {translate(A('request'), { id: record.request_id })}
        </Typography>
      )}
    </Stack>
  );
};

export const AuditLogList = () => {
  const [locale] = useLocaleState();
  const { data: facets } = useApi<{ actions: string[]; entityTypes: string[] }>('/audit-log/facets');
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="action" source="action" label={A('fields.action')} choices={(facets?.actions ?? []).map((a) => ({ id: a, name: a }))} translateChoice={false} alwaysOn />,
    <SelectInput key="entity_type" source="entity_type" label={A('fields.entity_type')} choices={(facets?.entityTypes ?? []).map((a) => ({ id: a, name: a }))} translateChoice={false} />,
  ];
  return (
    <List<AuditRow> filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50} title="ajimi.operations.audit_menu">
      <DataTable<AuditRow> bulkActionButtons={false} expand={<AuditDetail />} rowClick="expand">
        <Column source="created_at" label={A('fields.created_at')}>
          <DateField source="created_at" showTime locales={locale} />
        </Column>
        <Column source="actor_name" label={A('fields.actor_name')} />
        <Column source="actor_role" label={A('fields.actor_role')} disableSort />
        <Column source="action" label={A('fields.action')} />
        <Column source="entity_type" label={A('fields.entity_type')} />
        <Column source="entity_id" label={A('fields.entity_id')} disableSort />
      </DataTable>
    </List>
  );
};

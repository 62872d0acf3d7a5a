import { Chip } from '@mui/material';
import { BooleanInput, DataTable, DateField, List, SearchInput, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { OpenQuestions } from './OpenQuestions';
import type { Cook } from './types';

const L = (field: string) => `ajimi.cooks.fields.${field}`;
const Column = DataTable.Col<Cook>;

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <BooleanInput key="awaiting_reply" source="awaiting_reply" label={L('awaiting_reply')} />,
  <BooleanInput key="ai_paused" source="ai_paused" label={L('ai_paused')} />,
];

const Flags = () => {
  const record = useRecordContext<Cook>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
        {record.awaiting_reply && <Chip size="small" color="warning" label={translate(L('awaiting_reply'))} sx={{ mr: 0.5 }} />}
        {record.ai_paused && <Chip size="small" color="info" label={translate(L('ai_paused'))} />}
    </>
  );
};

export const CookList = () => {
  const [locale] = useLocaleState();
  return (
    <>
      <OpenQuestions />
      <List<Cook> filters={filters} sort={{ field: 'last_message_at', order: 'DESC' }} perPage={25} title="ajimi.cooks.menu">
        <DataTable<Cook> rowClick="show" bulkActionButtons={false}>
          <Column source="name" label={L('name')} />
          <Column source="email" label={L('email')} />
          <Column source="session_count" label={L('session_count')} />
          <Column source="last_session_at" label={L('last_session_at')}>
            <DateField source="last_session_at" showTime locales={locale} />
          </Column>
          <Column source="last_message_at" label={L('last_message_at')}>
            <DateField source="last_message_at" showTime locales={locale} />
          </Column>
          <Column source="awaiting_reply" label={L('awaiting_reply')} disableSort>
            <Flags />
          </Column>
        </DataTable>
      </List>
    </>
  );
};

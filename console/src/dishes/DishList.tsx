import { Chip } from '@mui/material';
import type { DishRecord } from '@ajimi/core/contracts/dishes';
import { CreateButton, DataTable, DateField, List, SearchInput, TopToolbar, useLocaleState, useRecordContext, useTranslate } from 'react-admin';

const L = (field: string) => `ajimi.dishes.fields.${field}`;
const Column = DataTable.Col<DishRecord>;

const SourceCell = () => {
  const record = useRecordContext<DishRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" variant="outlined" color={record.rubric_source === 'console' ? 'primary' : 'default'} label={translate(`ajimi.dishes.source.${record.rubric_source}`)} />;
};

const MotionCell = () => {
  const record = useRecordContext<DishRecord>();
  const translate = useTranslate();
  return <>{record?.rubric ? translate(`ajimi.dishes.motion.${record.rubric.motion}`) : '—'}</>;
};

export const DishList = () => {
  const [locale] = useLocaleState();
  return (
    <List<DishRecord>
      filters={[<SearchInput key="q" source="q" alwaysOn />]}
      sort={{ field: 'slug', order: 'ASC' }}
      perPage={25}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
      title="ajimi.dishes.menu"
    >
      <DataTable<DishRecord> rowClick="edit" bulkActionButtons={false}>
        <Column source="name_ja" label={L('name_ja')} />
        <Column source="name_en" label={L('name_en')} />
        <Column source="slug" label={L('slug')} />
        <Column source="rubric" label={L('motion')} disableSort>
          <MotionCell />
        </Column>
        <Column source="rubric_source" label={L('source')} disableSort>
          <SourceCell />
        </Column>
        <Column source="version" label={L('version')} />
        <Column source="updated_at" label={L('updated_at')}>
          <DateField source="updated_at" showTime locales={locale} />
        </Column>
      </DataTable>
    </List>
  );
};

import ScienceIcon from '@mui/icons-material/Science';
import { Chip, Stack, Typography } from '@mui/material';
import {
  Button,
  CreateButton,
  DataTable,
  DateField,
  Link,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { EmbeddingStatusChip } from './EmbeddingStatusChip';
import type { PrincipleListRow as Principle } from './types';
import { useFormOptions } from './useFormOptions';

export const RETRIEVAL_TESTER_PATH = '/retrieval-tester';

const statusChoices = ['pending', 'embedding', 'ready', 'failed'].map((s) => ({ id: s, name: `ajimi.knowledge.status.${s}` }));
const publishedChoices = [
  { id: true, name: 'ajimi.knowledge.fields.published' },
  { id: false, name: 'ajimi.knowledge.unpublished' },
];
const L = (field: string) => `ajimi.knowledge.fields.${field}`;

const Actions = () => (
  <TopToolbar>
    <Button component={Link} to={RETRIEVAL_TESTER_PATH} label="ajimi.knowledge.tester_menu">
      <ScienceIcon />
    </Button>
    <CreateButton />
  </TopToolbar>
);

const TitleCell = () => {
  const record = useRecordContext<Principle>();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <Stack>
      <Typography variant="body2">{locale === 'en' ? record.title_en : record.title_ja}</Typography>
      <Typography variant="caption" color="text.secondary">
        {record.slug}
      </Typography>
    </Stack>
  );
};

const DishesCell = ({ dishName }: { dishName: (slug: string) => string }) => {
  const record = useRecordContext<Principle>();
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
      {(record?.dishes ?? []).map((d) => (
        <Chip key={d} size="small" variant="outlined" label={dishName(d)} />
      ))}
      {record?.is_core && <Chip size="small" color="primary" label={translate('ajimi.knowledge.core')} />}
    </Stack>
  );
};

const PublishedCell = () => {
  const record = useRecordContext<Principle>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5}>
      <Chip size="small" color={record.published ? 'success' : 'default'} label={translate(record.published ? 'ajimi.knowledge.fields.published' : 'ajimi.knowledge.unpublished')} />
      {record.has_draft && <Chip size="small" color="warning" variant="outlined" label={translate('ajimi.knowledge.has_draft')} />}
    </Stack>
  );
};

const StatusCell = () => <EmbeddingStatusChip status={useRecordContext<Principle>()?.embedding_status} />;

const Column = DataTable.Col<Principle>;

export const PrincipleList = () => {
  const [locale] = useLocaleState();
  const { dishChoices, dishName } = useFormOptions();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="dish" source="dish" label={L('dish')} choices={dishChoices} translateChoice={false} alwaysOn />,
    <SelectInput key="published" source="published" label={L('published')} choices={publishedChoices} />,
    <SelectInput key="embedding_status" source="embedding_status" label={L('embedding_status')} choices={statusChoices} />,
  ];
  return (
    // Re-embedding runs in the background: refresh so the status chips move on their own.
    <List<Principle> filters={filters} sort={{ field: 'updated_at', order: 'DESC' }} perPage={25} actions={<Actions />} queryOptions={{ refetchInterval: 5000 }} title="ajimi.knowledge.menu">
      <DataTable<Principle> rowClick="edit" bulkActionButtons={false}>
        <Column source="title_ja" label={L('title_ja')}>
          <TitleCell />
        </Column>
        <Column source="dishes" label={L('dishes')} disableSort>
          <DishesCell dishName={dishName} />
        </Column>
        <Column source="published" label={L('published')}>
          <PublishedCell />
        </Column>
        <Column source="embedding_status" label={L('embedding_status')}>
          <StatusCell />
        </Column>
        <Column source="version" label={L('version')} />
        <Column source="updated_at" label={L('updated_at')}>
          <DateField source="updated_at" showTime locales={locale} />
        </Column>
      </DataTable>
    </List>
  );
};

import {
  BooleanField,
  CreateButton,
  DataTable,
  DateField,
  ExportButton,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  TopToolbar,
  useLocaleState,
} from 'react-admin';
import { localeChoices, roleChoices } from './choices';
import type { User } from './types';

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />,
];

const UserListActions = () => (
  <TopToolbar>
    <CreateButton />
    <ExportButton />
  </TopToolbar>
);

const Column = DataTable.Col<User>;

export const UserList = () => {
  const [locale] = useLocaleState();
  return (
    <List<User>
      filters={userFilters}
      sort={{ field: 'email', order: 'ASC' }}
      perPage={25}
      actions={<UserListActions />}
    >
      {/* Users are disabled, never deleted: no bulk actions. */}
      <DataTable<User> rowClick="edit" bulkActionButtons={false}>
        <Column source="email" />
        <Column source="name" />
        <Column source="role">
          <SelectField source="role" choices={roleChoices} />
        </Column>
        <Column source="locale">
          <SelectField source="locale" choices={localeChoices} />
        </Column>
        <Column source="disabled">
          {/* A mark only on disabled accounts; active ones stay blank. */}
          <BooleanField source="disabled" FalseIcon={null} />
        </Column>
        <Column source="created_at">
          <DateField source="created_at" showTime locales={locale} />
        </Column>
      </DataTable>
    </List>
  );
};

import {
  BooleanInput,
  DateField,
  Edit,
  Labeled,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  required,
  useLocaleState,
} from 'react-admin';
import { localeChoices, roleChoices } from './choices';
import type { User, UserUpdate } from './types';
import { ResetPasswordPanel } from './ResetPasswordPanel';

/** Send only the fields an admin may change (PUT /api/console/users/:id). */
export const toUserUpdate = (data: Partial<User>): UserUpdate => ({
  name: (data.name ?? '').trim(),
  role: data.role as User['role'],
  locale: data.locale as User['locale'],
  disabled: Boolean(data.disabled),
});

/** Save only: accounts are disabled rather than deleted. */
const UserEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const UserEdit = () => {
  const [locale] = useLocaleState();
  return (
    <Edit<User> mutationMode="pessimistic" transform={toUserUpdate} redirect="list" aside={<ResetPasswordPanel />}>
      <SimpleForm toolbar={<UserEditToolbar />} sx={{ maxWidth: 560 }}>
        <TextInput source="email" readOnly helperText="resources.users.helpers.email" />
        <TextInput source="name" validate={required()} />
        <SelectInput source="role" choices={roleChoices} validate={required()} />
        <SelectInput source="locale" choices={localeChoices} validate={required()} />
        <BooleanInput source="disabled" helperText="resources.users.helpers.disabled" />
        <Labeled source="created_at">
          <DateField source="created_at" showTime locales={locale} />
        </Labeled>
      </SimpleForm>
    </Edit>
  );
};

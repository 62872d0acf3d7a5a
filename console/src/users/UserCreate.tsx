import {
  Create,
  PasswordInput,
  SelectInput,
  SimpleForm,
  TextInput,
  email,
  minLength,
  required,
} from 'react-admin';
import { localeChoices, roleChoices } from './choices';
import type { User, UserCreateInput } from './types';

export const PASSWORD_MIN_LENGTH = 12;

/** Send exactly the create contract (POST /api/console/users). */
export const toUserCreateInput = (data: Partial<UserCreateInput>): UserCreateInput => ({
  email: (data.email ?? '').trim(),
  name: (data.name ?? '').trim(),
  role: data.role as User['role'],
  locale: data.locale as User['locale'],
  password: data.password ?? '',
});

export const UserCreate = () => (
  <Create<User> transform={toUserCreateInput} redirect="list">
    <SimpleForm defaultValues={{ locale: 'ja' }} sx={{ maxWidth: 560 }}>
      <TextInput source="email" type="email" validate={[required(), email()]} autoComplete="off" />
      <TextInput source="name" validate={required()} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <SelectInput source="locale" choices={localeChoices} validate={required()} />
      <PasswordInput
        source="password"
        validate={[required(), minLength(PASSWORD_MIN_LENGTH)]}
        helperText="resources.users.helpers.password"
        autoComplete="new-password"
      />
    </SimpleForm>
  </Create>
);

import type { Role, UserLocale } from '../roles';

/** A row of GET /api/console/users. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: UserLocale;
  disabled: boolean;
  created_at: string;
}

/** Body of PUT /api/console/users/:id: only what an admin may change. */
export type UserUpdate = Pick<User, 'name' | 'role' | 'locale' | 'disabled'>;

/** Body of POST /api/console/users. */
export type UserCreateInput = Pick<User, 'email' | 'name' | 'role' | 'locale'> & { password: string };

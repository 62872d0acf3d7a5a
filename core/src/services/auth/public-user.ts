import type { Locale, Role } from '../../domain/roles';

/** What the API ever shows of a user: never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
}

export function toPublicUser(row: { id: string; email: string; name: string; role: string; locale: string }): PublicUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, locale: row.locale as Locale };
}

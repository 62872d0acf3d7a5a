/** Account roles, as stored by the API. Only staff roles may use the console. */
export const ROLES = ['learner', 'coach', 'content', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ['coach', 'content', 'admin'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const LOCALES = ['ja', 'en'] as const;
export type UserLocale = (typeof LOCALES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export const isStaffRole = (value: unknown): value is StaffRole =>
  typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);

/** The user as returned by /api/auth/login and /api/auth/me. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: UserLocale;
}

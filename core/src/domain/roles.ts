export const ROLES = ['learner', 'coach', 'content', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may use the console at all; each console resource narrows this further. */
export const STAFF_ROLES: readonly Role[] = ['coach', 'content', 'admin'];

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

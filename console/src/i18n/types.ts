import type { TranslationMessages } from 'react-admin';
import type englishMessages from 'ra-language-english';

/**
 * The exact key tree of a message catalogue: index signatures dropped, optional branches made
 * required, every leaf a string. A catalogue typed with this must have every key the reference
 * has, and no key it does not.
 */
export type ExactMessages<T> = {
  [K in keyof T as string extends K ? never : K]-?: NonNullable<T[K]> extends string
    ? string
    : ExactMessages<NonNullable<T[K]>>;
};

/** Every key of react-admin's English catalogue (ra-language-english). */
export type ReactAdminMessages = ExactMessages<typeof englishMessages>;

export type { TranslationMessages };

/**
 * One console area's messages, merged under `ajimi.` (so `{ reviews: {...} }` gives keys
 * `ajimi.reviews.*`). Japanese is typed against English: a missing key is a type error.
 */
export interface AreaMessages<T extends Record<string, unknown> = Record<string, unknown>> {
  en: T;
  ja: ExactMessages<T>;
}

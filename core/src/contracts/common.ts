/** A text in both languages the product speaks. */
export interface Bilingual {
  ja: string;
  en: string;
}

export type { SessionStatus } from '../domain/session-status';

import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import { appEnglish } from './app.en';
import { appJapanese } from './app.ja';
import japaneseMessages from './ja';
import type { AreaMessages } from './types';

/**
 * Each console area (reviews, knowledge, operations, cooks…) keeps its messages next to its
 * screens in <area>/messages.ts (`export const messages: AreaMessages<typeof en>`), merged here.
 */
const AREA_MESSAGES = Object.values(import.meta.glob<AreaMessages>('../*/messages.ts', { eager: true, import: 'messages' }));

export const DEFAULT_LOCALE = 'ja';

export const LOCALES = [
  { locale: 'ja', name: '日本語' },
  { locale: 'en', name: 'English' },
];

/**
 * react-admin's catalogue + ours. The login form's "username" field takes an email address,
 * so its label says so (the input keeps name="username").
 */
const buildMessages = (
  ra: TranslationMessages,
  app: typeof appEnglish,
  locale: 'ja' | 'en',
): TranslationMessages => ({
  ...ra,
  ...app,
  ajimi: Object.assign({}, app.ajimi, ...AREA_MESSAGES.map((area) => area[locale])),
  ra: { ...ra.ra, auth: { ...ra.ra.auth, username: app.ajimi.auth.email } },
});

export const messages: Record<string, TranslationMessages> = {
  ja: buildMessages(japaneseMessages, appJapanese, 'ja'),
  en: buildMessages(englishMessages, appEnglish, 'en'),
};

const polyglot = polyglotI18nProvider(
  locale => messages[locale] ?? (messages[DEFAULT_LOCALE] as TranslationMessages),
  DEFAULT_LOCALE,
  LOCALES,
);

const setDocumentLang = (locale: string): void => {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
};

/** Polyglot provider that also keeps <html lang> in step (CJK font selection, screen readers). */
export const i18nProvider: I18nProvider = {
  ...polyglot,
  changeLocale: async (locale, options) => {
    await polyglot.changeLocale(locale, options);
    setDocumentLang(locale);
  },
};

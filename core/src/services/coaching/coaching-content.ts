import { z } from 'zod';

const bilingual = z.object({ ja: z.string().min(1).max(1200), en: z.string().min(1).max(1200) });

/**
 * The coaching text's structure, whoever writes it (Gemini or the offline composer). The chat
 * card renders these sections; `body` is the same content as plain text.
 */
export const coachingContentSchema = z.object({
  problem: bilingual, // 今回の問題点
  skill: bilingual, // N回目のセッションで身につけるべきスキル
  nextSteps: z.array(bilingual).min(1).max(4), // 次回試すこと
  successSigns: z.array(bilingual).min(1).max(4), // ✅ 成功のサイン
  principleSlug: z.string().nullable(),
});
export type CoachingContent = z.infer<typeof coachingContentSchema>;

export interface CoachingHeader {
  date: Date;
  attemptNumber: number;
  dish: { ja: string; en: string };
}

const HEADINGS = {
  ja: (n: number) => ({ problem: '🍳 今回の問題点', skill: `🍳 ${n}回目のセッションで身につけるべきスキル`, next: '次回試すこと', signs: '✅ 成功のサイン' }),
  en: (n: number) => ({ problem: '🍳 What went wrong this time', skill: `🍳 The skill for session ${n}`, next: 'Try next time', signs: '✅ Signs of success' }),
};

export function headerLine(header: CoachingHeader, locale: 'ja' | 'en'): string {
  const date = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Tokyo' }).format(header.date);
  return locale === 'ja'
    ? `📅 ${date} · ${header.dish.ja} ${header.attemptNumber}回目のセッション`
    : `📅 ${date} · Session ${header.attemptNumber} of ${header.dish.en.toLowerCase()}`;
}

/** The plain-text message, in the cook's language. */
export function renderCoachingBody(header: CoachingHeader, content: CoachingContent, locale: 'ja' | 'en'): string {
  const h = HEADINGS[locale](header.attemptNumber);
  return [
    headerLine(header, locale),
    '',
    h.problem,
    content.problem[locale],
    '',
    h.skill,
    content.skill[locale],
    '',
    h.next,
    ...content.nextSteps.map((s) => `・${s[locale]}`),
    '',
    h.signs,
    ...content.successSigns.map((s) => `・${s[locale]}`),
  ].join('\n');
}

import type { ReplyOutput } from '../../providers/ai/prompt-outputs';
import { detectLanguage } from './detect-language';
import type { Lang } from './dialogue-types';

export interface ModelReply {
  body: string;
  lang: Lang;
  handToCoach: boolean;
  /** Why a coach takes over: the model said it could not answer (it gives no reason of its own). */
  handOverReason: 'model_unsure' | null;
}

/**
 * Gemini's reply held to the dialogue contract the offline manager keeps: the answer in the
 * language of the question; when the model marks the question for a coach, the cook is told so
 * plainly in the product's words, never the model's guess, and the question waits for a coach.
 */
export function replyFromModel(out: ReplyOutput, question: string, learnerName: string): ModelReply {
  const lang = detectLanguage(question);
  if (!out.handToCoach) return { body: out.answer[lang], lang, handToCoach: false, handOverReason: null };
  const body =
    lang === 'ja'
      ? `${learnerName}さん、この質問には AI からははっきりお答えできません。質問をシェフコーチに渡しました。コーチが答えると、このスレッドに届きます。`
      : `${learnerName}, I can't answer this one reliably myself. I've passed your question to a chef-coach; a coach will answer here in this thread.`;
  return { body, lang, handToCoach: true, handOverReason: 'model_unsure' };
}

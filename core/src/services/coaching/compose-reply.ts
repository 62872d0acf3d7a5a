import type { ChunkHit } from '../retrieval/search-principles';

export interface ReplyContext {
  question: string;
  locale: 'ja' | 'en';
  learnerName: string;
  /** The session the question is about, if any: its diagnosis and the coaching it got. */
  session: { attemptNumber: number; dish: { ja: string; en: string }; problem: { ja: string; en: string } | null } | null;
  hits: ChunkHit[]; // best first
}

/** Meaningful overlap below this and the knowledge base has nothing to say about the question. */
export const MIN_REPLY_SCORE = 0.08;

/**
 * The offline answer: the best-matching passages of the knowledge base, quoted and attributed,
 * tied to the cook's session when the question is about it. It never invents advice: with no
 * good match it says so and hands over to a coach.
 */
export function composeReply(ctx: ReplyContext): { body: string; sources: Array<{ slug: string; score: number }> } {
  const good = ctx.hits.filter((h) => h.score >= MIN_REPLY_SCORE).slice(0, 2);
  const ja = ctx.locale === 'ja';
  if (!good.length) {
    return {
      body: ja
        ? `${ctx.learnerName}さん、ご質問ありがとうございます。この質問にぴったり合う原則が知識ベースに見つかりませんでした。コーチに確認して返信しますので、少しお待ちください。`
        : `Thanks, ${ctx.learnerName}. I couldn't find a principle in our knowledge base that fits this question, so a coach will answer you here.`,
      sources: [],
    };
  }
  const lines: string[] = [];
  if (ctx.session?.problem) {
    lines.push(
      ja
        ? `${ctx.learnerName}さん、${ctx.session.dish.ja}の${ctx.session.attemptNumber}回目のセッションでは「${ctx.session.problem.ja}」がポイントでした。関係する原則を紹介します。`
        : `${ctx.learnerName}, in session ${ctx.session.attemptNumber} of your ${ctx.session.dish.en.toLowerCase()} the point was: ${ctx.session.problem.en} Here is what our principles say.`,
    );
  } else {
    lines.push(ja ? `${ctx.learnerName}さん、関係する原則を紹介します。` : `${ctx.learnerName}, here is what our principles say.`);
  }
  for (const hit of good) {
    lines.push('', `📖 ${ja ? hit.title.ja : hit.title.en}`, ...quote(hit.content, ja));
  }
  lines.push('', ja ? '（Ajimi の原則集より。さらに詳しくはコーチに聞いてください。）' : '(From the Ajimi principles. Ask your coach for more.)');
  return { body: lines.join('\n'), sources: good.map((h) => ({ slug: h.slug, score: h.score })) };
}

/** A chunk holds both languages (Japanese first); quote the cook's language, a few sentences. */
function quote(content: string, ja: boolean): string[] {
  const english = content.search(/\n#*\s*English\b/i);
  const part = english < 0 ? content : ja ? content.slice(0, english) : content.slice(english);
  const text = part.replace(/^#+\s*English\s*/im, '').replace(/\s+/g, ' ').trim();
  const sentences = text.split(ja ? /(?<=。)/ : /(?<=[.!?])\s/).filter((s) => s.trim()).slice(0, 3);
  return sentences.map((s) => `> ${s.trim()}`);
}

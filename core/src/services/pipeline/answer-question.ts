import { formatPrinciples } from '../../providers/ai/prompt-inputs';
import { replyOutputSchema } from '../../providers/ai/prompt-outputs';
import { promptRef, renderPrompt } from '../../providers/ai/prompts';
import { messageWithRoomOwner, postOnce, roomMessagesUpTo } from '../../data/chat-rooms';
import { coachingTextOf } from '../../data/coaching-texts';
import { sessionWithDish } from '../../data/cooking-sessions';
import { answerFollowUp } from '../dialogue/answer-follow-up';
import { describeSession } from '../dialogue/describe-session';
import { replyFromModel } from '../dialogue/model-reply';
import { loadDialogueDishes, loadDialoguePrinciples, loadDialogueSession } from '../dialogue/load-dialogue-context';
import { distinctPrinciples, searchPrincipleChunks } from '../retrieval/search-principles';
import type { PipelineDeps, StageContext } from './pipeline-deps';

/**
 * reply: answers a cook's message, grounded in their session (analysis, coaching text), the
 * principles retrieved for the question and the conversation so far. Quiet when a coach has
 * taken the thread over; posts at most one answer per question.
 */
export async function answerQuestion(deps: PipelineDeps, messageId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  const question = await messageWithRoomOwner(knex, messageId);
  if (!question || question.author_kind !== 'learner' || question.ai_paused) return;

  const session = question.session_id ? await sessionWithDish(knex, question.session_id) : undefined;
  const hits = distinctPrinciples(
    await searchPrincipleChunks(knex, deps.embeddings, { query: question.body, dishSlug: session?.slug, limit: 10, signal: ctx.signal }),
  );
  const learnerName = question.user_name.split(/\s+/).pop() ?? question.user_name;
  const locale = question.locale;

  let body: string;
  let payload: Record<string, unknown>;
  if (deps.generator) {
    const conversation = await roomMessagesUpTo(knex, question.room_id, question.created_at, 10);
    const coaching = session ? await coachingTextOf(knex, session.id) : undefined;
    const prompt = renderPrompt('reply', {
      dish: session ? `${session.name_ja} / ${session.name_en}` : '(none)',
      principles: formatPrinciples(hits.slice(0, 4).map((h) => ({ slug: h.slug, title: h.title, excerpt: h.content }))),
      session_context: describeSession(session ? await loadDialogueSession(knex, session.id) : null, coaching?.body),
      conversation: conversation.reverse().map((m) => `${m.author_kind}: ${m.body}`).join('\n'),
      cook_name: learnerName,
      cook_question: question.body,
    });
    const out = await deps.generator.generate(prompt, replyOutputSchema, ctx.signal);
    const reply = replyFromModel(out, question.body, learnerName);
    body = reply.body;
    payload = {
      principleSlugs: out.principleSlugs.filter((s) => hits.some((h) => h.slug === s)),
      handToCoach: reply.handToCoach,
      handOverReason: reply.handOverReason,
      lang: reply.lang,
      model: deps.generator.model,
      promptVersion: promptRef(prompt),
    };
  } else {
    const reply = answerFollowUp({
      question: question.body,
      learnerName,
      dishes: await loadDialogueDishes(knex),
      principles: await loadDialoguePrinciples(knex, session?.slug),
      retrievedSlugs: hits.map((h) => h.slug),
      session: session ? await loadDialogueSession(knex, session.id) : null,
    });
    body = reply.body;
    payload = { intent: reply.intent, principleSlugs: reply.principleSlugs, handToCoach: !reply.answered, handOverReason: reply.handOverReason, moment: reply.moment, lang: reply.lang, model: 'local-dialogue-v1' };
  }
  const { message, created } = await postOnce(knex, {
    userId: question.user_id,
    roomKind: question.room_kind,
    kind: 'text',
    author: 'ai',
    sessionId: question.session_id,
    body,
    payload: { ...payload, inReplyTo: messageId },
    idempotencyKey: `reply:${messageId}`,
  });
  if (created) {
    await deps.push
      .notifyUser(question.user_id, { title: locale === 'ja' ? '返信が届きました' : 'New reply', body: body.slice(0, 120), url: `/#/rooms/${message.roomId}?message=${message.id}`, tag: `reply:${messageId}` })
      .catch((err: unknown) => ctx.logger.warn({ err }, 'push failed'));
  }
}

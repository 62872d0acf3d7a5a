import { choosePrinciple } from './choose-principle';
import { classifyIntent } from './classify-intent';
import { composeAnswer, handOverText } from './compose-answer';
import { detectLanguage } from './detect-language';
import type { DialogueContext, DialogueReply } from './dialogue-types';
import { extractEntities } from './extract-entities';
import { resolveMoment } from './resolve-moment';

/**
 * The offline dialogue manager: intent → entities → the moment in the cook's video → the principle
 * → a short answer in the question's language. Whenever one of those steps comes up empty it says
 * so plainly and hands the question to a human coach (answered: false).
 */
export function answerFollowUp(ctx: DialogueContext): DialogueReply {
  const lang = detectLanguage(ctx.question);
  const decision = classifyIntent(ctx.question);
  const entities = extractEntities(ctx.question, ctx.dishes);
  const intent = decision.intent;
  const base = { lang, intent, entities, principleSlugs: [] as string[] };
  const handOver = (reason: NonNullable<DialogueReply['handOverReason']>): DialogueReply => ({ ...base, answered: false, handOverReason: reason, body: handOverText(lang, reason, ctx.learnerName) });

  if (decision.safety) return handOver('safety');
  if (decision.asksForCoach) return handOver('asked_for_coach');
  if (intent === 'other') return handOver('off_topic');
  const aboutVideo = intent === 'my_video' || intent === 'is_this_right' || entities.time !== undefined;
  if (aboutVideo && !ctx.session?.analysis) return handOver('no_session');
  const moment = resolveMoment(ctx.session, entities.time);
  if (entities.time && !moment) return handOver('moment_not_found');

  const choice = choosePrinciple({ question: ctx.question, lang, intent, entities, principles: ctx.principles, session: ctx.session, retrievedSlugs: ctx.retrievedSlugs });
  if (!choice) return handOver('no_principle');
  // Point at the cook's footage only when the question is about it or the principle addresses what the video showed.
  const diagnosis = ctx.session?.analysis?.diagnosis?.code;
  const pointsAtFootage = aboutVideo || (diagnosis !== undefined && choice.principle.addresses.includes(diagnosis));
  const body = composeAnswer({ lang, intent, entities, principle: choice.principle, session: ctx.session, moment: pointsAtFootage ? moment : undefined, learnerName: ctx.learnerName, question: ctx.question });
  if (!body) return handOver('no_principle');
  return { ...base, answered: true, body, principleSlugs: [choice.principle.slug], ...(moment && pointsAtFootage ? { moment } : {}) };
}

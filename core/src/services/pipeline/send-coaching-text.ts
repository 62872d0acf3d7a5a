import { formatAnalysis, formatPrinciples } from '../../providers/ai/prompt-inputs';
import { promptRef, renderPrompt } from '../../providers/ai/prompts';
import { postOnce } from '../../data/chat-rooms';
import { coachingContentSchema, renderCoachingBody, type CoachingContent } from '../coaching/coaching-content';
import { composeCoachingText } from '../coaching/compose-coaching-text';
import { beginStage, finishStage } from '../../data/cooking-sessions';
import { latestAnalysis, loadSessionContext } from './load-session-context';
import { loadPrinciples } from './load-principles';
import type { PipelineDeps, StageContext } from './pipeline-deps';
import { coachingTextOf, insertCoachingTextOnce, linkCoachingMessage } from '../../data/coaching-texts';

/**
 * coach-text: writes the structured coaching text (Gemini, or composed offline from the analysis
 * and the best-matching principle) and posts it to the cook's My Coaching room exactly once,
 * with a push notification. Then the video script is drafted.
 */
export async function sendCoachingText(deps: PipelineDeps, sessionId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  const sc = await loadSessionContext(knex, deps.rubrics, sessionId);
  if (!sc || !(await beginStage(knex, sessionId, 'coach-text', ['retrieving']))) return;
  const analysis = await latestAnalysis(knex, sessionId);
  if (!analysis) throw new Error(`session ${sessionId} has no analysis`);

  let saved = await coachingTextOf(knex, sessionId);
  if (!saved) {
    const retrieval = analysis.retrieval;
    const principles = await loadPrinciples(knex, retrieval?.principles.map((p) => p.slug) ?? []);
    const past = retrieval?.pastSessions ?? [];
    let content: CoachingContent;
    let provenance = { provider: 'local', model: 'local-composer-v1', promptVersion: 'composer-v1' };
    // A clip the analyzer could not coach gets the honest "cannot coach" text from every provider.
    if (deps.generator && analysis.result.coachable !== false && analysis.result.diagnosis) {
      const prompt = renderPrompt('coach-text', {
        dish: `${sc.dish.name.ja} / ${sc.dish.name.en}`,
        session_number: String(sc.session.attemptNumber),
        principles: formatPrinciples(principles.map((p) => ({ slug: p.slug, title: p.title, addresses: p.addresses, excerpt: `${p.skill.ja} ${p.nextAction.ja}` }))),
        analysis: formatAnalysis(analysis.result),
        learner_history: past.map((p) => `Session ${p.attemptNumber}: ${p.summary}`).join('\n') || '(first session)',
        cook_name: sc.learner.name,
        cook_note: sc.session.note ?? '',
      });
      content = await deps.generator.generate(prompt, coachingContentSchema, ctx.signal);
      // The model may only cite a principle it was given.
      if (content.principleSlug && !principles.some((p) => p.slug === content.principleSlug)) content = { ...content, principleSlug: null };
      provenance = { provider: 'gemini', model: deps.generator.model, promptVersion: promptRef(prompt) };
    } else {
      content = composeCoachingText({ analysis: analysis.result, principles, past, learnerName: sc.learner.name });
    }
    const header = { date: sc.session.createdAt, attemptNumber: sc.session.attemptNumber, dish: sc.dish.name };
    const body = renderCoachingBody(header, content, sc.learner.locale);
    await insertCoachingTextOnce(knex, {
      sessionId,
      content: { ...content, header: { ...header, date: header.date.toISOString() } },
      body,
      provider: provenance.provider,
      model: provenance.model,
      promptVersion: provenance.promptVersion,
    });
    saved = await coachingTextOf(knex, sessionId);
    if (!saved) throw new Error(`session ${sessionId}: coaching text not stored`);
  }

  const { message, created } = await postOnce(knex, {
    userId: sc.session.userId,
    roomKind: 'my_coaching',
    kind: 'coaching_text',
    author: 'ai',
    sessionId,
    body: saved.body,
    payload: { coachingTextId: saved.id, content: saved.content },
    idempotencyKey: `coach-text:${sessionId}`,
  });
  if (!saved.message_id) await linkCoachingMessage(knex, saved.id, message.id);
  if (created) {
    const ja = sc.learner.locale === 'ja';
    await deps.push
      .notifyUser(sc.session.userId, {
        title: ja ? 'コーチングが届きました' : 'Your coaching is here',
        body: ja ? `${sc.dish.name.ja} ${sc.session.attemptNumber}回目のセッション` : `Session ${sc.session.attemptNumber} of ${sc.dish.name.en.toLowerCase()}`,
        url: `/#/rooms/${message.roomId}?message=${message.id}`,
        tag: `coach-text:${sessionId}`,
      })
      .catch((err: unknown) => ctx.logger.warn({ err }, 'push failed'));
  }
  await finishStage(knex, sessionId, 'coach-text', 'narrating');
  await ctx.send('narrate', { sessionId }, { singletonKey: sessionId });
  await ctx.send('summarize', { sessionId }, { singletonKey: sessionId });
}

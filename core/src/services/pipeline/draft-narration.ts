import type { Knex } from 'knex';
import { analysisResultSchema, type AnalysisResult, type KeyMoment } from '../../domain/analysis';
import { formatAnalysis, formatPrinciples } from '../../providers/ai/prompt-inputs';
import { promptRef, renderPrompt } from '../../providers/ai/prompts';
import { recordAudit } from '../../data/audit-log';
import { composeNarrationScript, narrationScriptSchema, PIVOT_LINE, type NarrationScript } from '../coaching/narration-script';
import type { InstructionReport } from '../coaching/script-instructions';
import { clipFromInstructions, momentFor, redraftScript } from '../coaching/redraft-script';
import { publishedPrinciplesOf } from '../../data/principles';
import { playableFootage } from '../../data/media-assets';
import { flagForCoach } from '../review/flag-for-coach';
import { queueRenderOnce } from '../review/queue-render';
import { beginStage, finishStage } from '../../data/cooking-sessions';
import { latestAnalysis, loadSessionContext, type SessionContext } from './load-session-context';
import { corePrincipleSlug, loadPrinciples } from './load-principles';
import type { PipelineDeps, StageContext } from './pipeline-deps';
import { findScript, insertScript, nextScriptVersion } from '../../data/narration-scripts';
import { ensureReviewItem, lockSentBack, reopenReviewItem, reviewOfSession } from '../../data/review-items';

const NO_INSTRUCTIONS = '（なし：最初の下書き / none: this is the first draft）';

interface Draft {
  script: NarrationScript;
  /** The clip the script is timed to (a coach's instructions may have moved or resized it). */
  clip: { start: number; end: number };
  provenance: { model: string; promptVersion: string };
  report: InstructionReport | null;
}

/**
 * narrate: drafts the coaching video's script (version 1, by the AI) around the best key moment,
 * puts the session in the chef-coaches' review queue and sends the draft to be rendered.
 * When a coach sent the video back, it drafts the next version instead, with the coach's
 * instructions (kept on the script row with what the drafter did with them), around the key
 * moment of the latest version, and the review item returns to pending.
 */
export async function draftNarration(deps: PipelineDeps, sessionId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  const sc = await loadSessionContext(knex, deps.rubrics, sessionId);
  if (!sc || !(await beginStage(knex, sessionId, 'narrate', ['coaching']))) return;
  const analysis = await latestAnalysis(knex, sessionId);
  if (!analysis) throw new Error(`session ${sessionId} has no analysis`);
  const result = analysisResultSchema.parse(analysis.result);
  if (result.coachable === false || !result.diagnosis) {
    // Nothing the analyzer could coach: no video is drafted; the item waits, flagged, for a coach.
    await flagForCoach(knex, sessionId);
    await finishStage(knex, sessionId, 'narrate', 'in_review');
    ctx.logger.info({ sessionId, abstain: result.abstain?.reason ?? null }, 'not coachable: no video drafted; in review for a coach');
    return;
  }
  const best = result.keyMoments[0];
  if (!best) throw new Error(`session ${sessionId} has no key moment`);

  const latest = await findScript(knex, sessionId);
  const review = await reviewOfSession(knex, sessionId);
  const retrievedSlugs = analysis.retrieval?.principles.map((p) => p.slug) ?? [];

  if (!latest) {
    const draft = await writeDraft(deps, sc, result, retrievedSlugs, best, null, ctx);
    await insertScript(
      knex,
      { sessionId, version: 1, authorKind: 'ai', content: draft.script, keyMoment: best, model: draft.provenance.model, promptVersion: draft.provenance.promptVersion },
      { once: true },
    );
  } else if (review?.status === 'sent_back') {
    const km = latest.key_moment as { start: number; end: number };
    const moment = { ...momentNear(result, km), start: km.start, end: km.end };
    const instructions = String(review.decision_reason ?? '');
    const draft = await writeDraft(deps, sc, result, retrievedSlugs, moment, { text: instructions, previous: latest.content as NarrationScript }, ctx);
    await storeRedraft(knex, { reviewId: review.id as string, sessionId, keyMoment: draft.clip, instructions, draft });
  }
  await ensureReviewItem(knex, sessionId);
  await finishStage(knex, sessionId, 'narrate', 'in_review');

  const newest = await findScript(knex, sessionId);
  // The AI's draft goes on to be rendered; a coach's own version was queued when it was saved.
  if (newest?.author_kind === 'ai') await queueRenderOnce(knex, ctx.send, { sessionId, scriptVersion: newest.version as number });
  ctx.logger.info({ sessionId, version: newest?.version }, 'script drafted; in review');
}

/** The analysis candidate that overlaps a key moment most (for its reason and cues), else the best. */
function momentNear(result: AnalysisResult, km: { start: number; end: number }): KeyMoment {
  const overlap = (m: KeyMoment) => Math.max(0, Math.min(m.end, km.end) - Math.max(m.start, km.start));
  return [...result.keyMoments].sort((a, b) => overlap(b) - overlap(a))[0] ?? (result.keyMoments[0] as KeyMoment);
}

async function writeDraft(
  deps: PipelineDeps,
  sc: SessionContext,
  result: AnalysisResult,
  retrievedSlugs: string[],
  sentBackMoment: KeyMoment,
  coach: { text: string; previous: NarrationScript } | null,
  ctx: StageContext,
): Promise<Draft> {
  const { knex } = deps;
  let moment = sentBackMoment;
  const coreSlug = await corePrincipleSlug(knex, sc.dish.slug, sc.rubric.corePrinciple);
  const principles = await loadPrinciples(knex, [coreSlug, ...retrievedSlugs.filter((s) => s !== coreSlug)]);
  const core = principles[0];
  if (!core) throw new Error(`core principle ${coreSlug} is missing`);
  const duration = coach ? await sourceDuration(knex, sc.session.id) : null;

  if (deps.generator) {
    // The model rewrites the words; moving or resizing the clip is done here, and the model writes for that clip.
    const placed = coach ? clipFromInstructions({ analysis: result, clip: moment, sourceDurationSec: duration, instructions: coach.text }) : null;
    if (placed?.applied.length) moment = momentFor(placed.clip, result, null);
    const clipLength = moment.end - moment.start;
    const prompt = renderPrompt('narrate', {
      dish: `${sc.dish.name.ja} / ${sc.dish.name.en}`,
      session_number: String(sc.session.attemptNumber),
      core_principle: `${core.title.ja} / ${core.title.en}: ${core.skill.ja}`,
      principles: formatPrinciples(principles.map((p) => ({ slug: p.slug, title: p.title, addresses: p.addresses }))),
      clip_start_sec: moment.start.toFixed(1),
      clip_duration_sec: clipLength.toFixed(1),
      analysis: formatAnalysis(result),
      key_moment: JSON.stringify(moment),
      cook_name: sc.learner.name,
      coach_instructions: coach ? coach.text : NO_INSTRUCTIONS,
      previous_script: coach ? JSON.stringify(coach.previous) : '',
    });
    const generated = await deps.generator.generate(prompt, narrationScriptSchema, ctx.signal);
    // The pivot line is the product's; lines must sit inside the clip.
    const script = narrationScriptSchema.parse({
      ...generated,
      pivot: PIVOT_LINE,
      part2: generated.part2.map((l) => ({ ...l, offset: Math.min(l.offset, Math.max(0, clipLength - 1)) })).filter((l, i, all) => i === 0 || l.offset > (all[i - 1] as { offset: number }).offset),
    });
    return { script, clip: { start: moment.start, end: moment.end }, provenance: { model: deps.generator.model, promptVersion: promptRef(prompt) }, report: coach ? { drafter: 'model', applied: placed?.applied ?? [], notApplied: [] } : null };
  }

  if (coach) {
    // Offline redraft: the coach's instructions read into operations and applied; any of the dish's principles may be named.
    const dishSlugs = (await publishedPrinciplesOf(knex, sc.dish.slug)).map((p) => p.slug);
    const candidates = await loadPrinciples(knex, [...new Set([...retrievedSlugs, ...dishSlugs])].filter((s) => s !== coreSlug));
    const redraft = redraftScript({
      learnerName: sc.learner.name,
      attemptNumber: sc.session.attemptNumber,
      dish: sc.dish.name,
      corePrinciple: { slug: core.slug, title: core.title, skill: core.skill, why: core.why },
      principles: candidates,
      analysis: result,
      clip: { start: moment.start, end: moment.end },
      sourceDurationSec: duration,
      instructions: coach.text,
    });
    return { script: redraft.script, clip: redraft.clip, provenance: { model: 'local-composer-v1', promptVersion: 'composer-v1+instructions' }, report: redraft.report };
  }
  // Offline first draft: the template drafter.
  const focus = principles.slice(1).find((p) => p.addresses.includes(result.diagnosis?.code ?? '')) ?? principles[1] ?? null;
  const script = composeNarrationScript({
    learnerName: sc.learner.name,
    attemptNumber: sc.session.attemptNumber,
    dish: sc.dish.name,
    corePrinciple: { title: core.title, skill: core.skill },
    focusPrinciple: focus ? { title: focus.title, nextAction: focus.nextAction } : null,
    analysis: result,
    keyMoment: moment,
  });
  return { script, clip: { start: moment.start, end: moment.end }, provenance: { model: 'local-composer-v1', promptVersion: 'composer-v1' }, report: null };
}

/** The source video's length (null when unknown). */
async function sourceDuration(knex: Knex, sessionId: string): Promise<number | null> {
  const footage = await playableFootage(knex, sessionId);
  return (footage?.probe as { durationSec?: number } | null)?.durationSec ?? null;
}

/** The next version and the item back to pending, together: a retried job never drafts twice. */
async function storeRedraft(
  knex: Knex,
  r: { reviewId: string; sessionId: string; keyMoment: { start: number; end: number }; instructions: string; draft: Draft },
): Promise<void> {
  await knex.transaction(async (trx) => {
    const item = await lockSentBack(trx, r.reviewId);
    if (!item) return;
    const version = await nextScriptVersion(trx, r.sessionId);
    await insertScript(trx, {
      sessionId: r.sessionId,
      version,
      authorKind: 'ai',
      content: r.draft.script,
      keyMoment: r.keyMoment,
      model: r.draft.provenance.model,
      promptVersion: r.draft.provenance.promptVersion,
      instructions: r.instructions,
      instructionsReport: r.draft.report,
    });
    await reopenReviewItem(trx, r.reviewId);
    await recordAudit(trx, { userId: null, role: 'system' }, {
      action: 'review.redraft',
      entityType: 'review_item',
      entityId: r.reviewId,
      before: { status: 'sent_back' },
      after: { status: 'pending', scriptVersion: version, instructions: r.instructions, report: r.draft.report },
    });
  });
}

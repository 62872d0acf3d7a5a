import { analysisResultSchema } from '../../domain/analysis';
import { formatAnalysis, formatPrinciples } from '../../providers/ai/prompt-inputs';
import { promptRef, renderPrompt } from '../../providers/ai/prompts';
import { composeNarrationScript, narrationScriptSchema, PIVOT_LINE, type NarrationScript } from '../coaching/narration-script';
import { beginStage, finishStage } from '../sessions/cooking-sessions';
import { latestAnalysis, loadSessionContext } from './load-session-context';
import { corePrincipleSlug, loadPrinciples } from './load-principles';
import type { PipelineDeps, StageContext } from './pipeline-deps';

/**
 * narrate: drafts the coaching video's script (version 1, by the AI) around the best key moment
 * and puts the session in the chef-coaches' review queue.
 */
export async function draftNarration(deps: PipelineDeps, sessionId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  const sc = await loadSessionContext(knex, deps.rubrics, sessionId);
  if (!sc || !(await beginStage(knex, sessionId, 'narrate', ['coaching']))) return;
  const analysis = await latestAnalysis(knex, sessionId);
  if (!analysis) throw new Error(`session ${sessionId} has no analysis`);
  const result = analysisResultSchema.parse(analysis.result);
  const moment = result.keyMoments[0];
  if (!moment) throw new Error(`session ${sessionId} has no key moment`);

  const exists = await knex('narration_scripts').where({ session_id: sessionId, version: 1 }).first('id');
  if (!exists) {
    const coreSlug = await corePrincipleSlug(knex, sc.dish.slug, sc.rubric.corePrinciple);
    const retrieved = analysis.retrieval?.principles.map((p) => p.slug) ?? [];
    const principles = await loadPrinciples(knex, [coreSlug, ...retrieved.filter((s) => s !== coreSlug)]);
    const core = principles[0];
    if (!core) throw new Error(`core principle ${coreSlug} is missing`);
    const focus = principles.slice(1).find((p) => p.addresses.includes(result.diagnosis.code)) ?? principles[1] ?? null;
    const clipLength = moment.end - moment.start;

    let script: NarrationScript;
    let provenance = { model: 'local-composer-v1', promptVersion: 'composer-v1' };
    if (deps.generator) {
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
      });
      const generated = await deps.generator.generate(prompt, narrationScriptSchema, ctx.signal);
      // The pivot line is the product's; lines must sit inside the clip.
      script = narrationScriptSchema.parse({
        ...generated,
        pivot: PIVOT_LINE,
        part2: generated.part2.map((l) => ({ ...l, offset: Math.min(l.offset, Math.max(0, clipLength - 1)) })).filter((l, i, all) => i === 0 || l.offset > (all[i - 1] as { offset: number }).offset),
      });
      provenance = { model: deps.generator.model, promptVersion: promptRef(prompt) };
    } else {
      script = composeNarrationScript({
        learnerName: sc.learner.name,
        attemptNumber: sc.session.attemptNumber,
        dish: sc.dish.name,
        corePrinciple: { title: core.title, skill: core.skill },
        focusPrinciple: focus ? { title: focus.title, nextAction: focus.nextAction } : null,
        analysis: result,
        keyMoment: moment,
      });
    }
    await knex('narration_scripts')
      .insert({
        session_id: sessionId,
        version: 1,
        author_kind: 'ai',
        content: JSON.stringify(script),
        key_moment: JSON.stringify({ start: moment.start, end: moment.end }),
        model: provenance.model,
        prompt_version: provenance.promptVersion,
      })
      .onConflict(['session_id', 'version'])
      .ignore();
  }
  await knex('review_items').insert({ session_id: sessionId, status: 'pending' }).onConflict('session_id').ignore();
  await finishStage(knex, sessionId, 'narrate', 'in_review');
  ctx.logger.info({ sessionId }, 'script drafted; in review');
}

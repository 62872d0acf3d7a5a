import { latestSessionAsset } from '../../data/media-assets';
import { analysisResultSchema } from '../../domain/analysis';
import { beginStage, finishStage } from '../../data/cooking-sessions';
import { loadSessionContext } from './load-session-context';
import type { PipelineDeps, StageContext } from './pipeline-deps';
import { withSignalTracks } from '../../data/session-signal-tracks';
import { readSignals } from '../../data/session-signals';
import { withLocalCopy } from './local-copy';
import { prepareMedia } from './prepare-media';
import { hasAnalysis, insertAnalysis } from '../../data/analyses';
import { publishedPrinciplesOf } from '../../data/principles';

/**
 * analyze: the configured analyzer (Gemini or local rules) over the ingest signals, the dish's
 * rubric and principles, and the cook's note, transcript and self-ratings. One analysis per
 * session: a retried job reuses it.
 */
export async function analyzeSession(deps: PipelineDeps, sessionId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  const sc = await loadSessionContext(knex, deps.rubrics, sessionId);
  if (!sc || !(await beginStage(knex, sessionId, 'analyze', ['ingesting', 'transcribing']))) return;

  if (!(await hasAnalysis(knex, sessionId))) {
    const source = await latestSessionAsset(knex, sessionId, 'source_video');
    const findProxy = () => latestSessionAsset(knex, sessionId, 'proxy');
    let proxy = await findProxy();
    if (!proxy && deps.analyzer.provenance.provider === 'gemini') {
      // A video model watches the 720p proxy: this stage makes it (prepare-media, beside it, does not).
      await prepareMedia(deps, sessionId, ctx, ['proxy']);
      proxy = await findProxy();
    }
    const probe = (source?.probe ?? {}) as { durationSec?: number; hasAudio?: boolean };
    const signals = await withSignalTracks(knex, sessionId, await readSignals(knex, sessionId, probe.durationSec ?? 0, probe.hasAudio ?? false));
    const principles = await publishedPrinciplesOf(knex, sc.dish.slug);

    const run = (videoPath: string | undefined) =>
      deps.analyzer.analyze({
        videoPath,
        signals,
        rubric: sc.rubric,
        principles: principles.map((p) => ({ slug: p.slug, title: { ja: p.title_ja, en: p.title_en }, addresses: p.addresses, why: p.why })),
        learner: { name: sc.learner.name, attemptNumber: sc.session.attemptNumber },
        note: sc.session.note,
        transcript: sc.session.transcript,
        selfRatings: sc.session.selfRatings,
        signal: ctx.signal,
      });
    // Only a video model needs the footage itself; the local rules read the signals.
    const raw =
      deps.analyzer.provenance.provider === 'gemini' && proxy
        ? await withLocalCopy(deps.storage, proxy.storage_key, deps.workDir, run)
        : await run(undefined);
    const result = analysisResultSchema.parse(raw);
    const { provider, model, promptVersion } = deps.analyzer.provenance;
    await insertAnalysis(knex, { sessionId, provider, model, promptVersion, result });
    ctx.logger.info({ sessionId, coachable: result.coachable !== false, abstain: result.abstain?.reason ?? null, diagnosis: result.diagnosis?.code ?? null, moments: result.keyMoments.length }, 'analysis stored');
  }
  await finishStage(knex, sessionId, 'analyze', 'retrieving');
  await ctx.send('retrieve', { sessionId }, { singletonKey: sessionId });
}

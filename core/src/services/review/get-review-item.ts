import { workspaceMedia } from '../../data/media-assets';
import { NotFoundError } from '../../errors';
import { analysisResultSchema } from '../../domain/analysis';
import { pendingRenderJobs } from '../../data/queue-jobs';
import type { NarrationScript } from '../coaching/narration-script';
import type { InstructionReport } from '../coaching/script-instructions';
import type { ReviewDeps } from './review-deps';
import { getReviewRow, type Person, type ReviewRow } from './review-items';
import { latestAnalysisRow } from '../../data/analyses';
import { coachingTextWithSentAt } from '../../data/coaching-texts';
import { correctionsOfSession } from '../../data/coaching-text-corrections';
import { versionsOf, type CoachingTextVersion } from './correct-coaching-text';
import { sessionHeader } from '../../data/cooking-sessions';
import { scriptHistory } from '../../data/narration-scripts';
import { rendersWithMedia } from '../../data/renders';
import { reviewRenderId } from '../../data/review-items';
import { signalCurves } from '../../data/session-signals';
import type { AnalysisTimeline } from '../../contracts/analysis-timeline';
import { analysisTimeline } from './analysis-timeline';

export interface ReviewWorkspace extends ReviewRow {
  session: { id: string; status: string; note: string | null; selfRatings: Record<string, number>; createdAt: string };
  video: {
    url: string;
    durationSec: number;
    posterUrl: string | null;
    sprite: { url: string; columns: number; rows: number; tileWidth: number; tileHeight: number; intervalSec: number; count: number } | null;
  } | null;
  signals: { stepSec: number; motion: number[]; sound: number[]; sizzle: number[] };
  candidates: Array<{ start: number; end: number; label: string; score: number; reason: { ja: string; en: string }; cue: Record<string, { ja: string; en: string }> }>;
  keyMoment: { start: number; end: number } | null;
  /** The latest analysis on the time axis: heat curve, cooking stretch, moments and evidence spans. */
  analysis: AnalysisTimeline | null;
  scripts: Array<{
    version: number;
    content: NarrationScript;
    keyMoment: { start: number; end: number };
    author: 'ai' | Person;
    createdAt: string;
    model: string | null;
    instructions: string | null;
    instructionsReport: InstructionReport | null;
  }>;
  /** The text as the cook has it now (version 1 is the AI's; each coach correction adds one), with every version. */
  coachingText: { body: string; content: unknown; sentAt: string; version: number; history: CoachingTextVersion[] } | null;
  renders: Array<{ id: string; version: number; scriptVersion: number; status: string; progress: number; error: string | null; videoUrl: string | null; posterUrl: string | null; createdAt: string }>;
  /** Render jobs queued for a script version whose render has not started yet. */
  queuedRenders: Array<{ scriptVersion: number; state: string; queuedAt: string }>;
  currentRenderId: string | null;
}

/** Most points a signal curve gets: enough for a timeline, small enough to send every time. */
export const MAX_SIGNAL_POINTS = 300;
const iso = (v: unknown) => new Date(v as string).toISOString();

/** Everything the review workspace shows for one item, with signed media URLs. */
export async function getReviewItem(deps: ReviewDeps, id: string): Promise<ReviewWorkspace> {
  const { knex } = deps;
  const row = await getReviewRow(knex, id, deps.settings);
  const sessionId = row.sessionId;
  const sign = (key: string) => deps.storage.signedUrl(key, { expiresInSeconds: deps.mediaUrlTtlSeconds });

  const [session, assets, signalRows, analysis, scripts, text, renders, jobs, pointer, corrections] = await Promise.all([
    sessionHeader(knex, sessionId),
    workspaceMedia(knex, sessionId),
    signalCurves(knex, sessionId),
    latestAnalysisRow(knex, sessionId),
    scriptHistory(knex, sessionId),
    coachingTextWithSentAt(knex, sessionId),
    rendersWithMedia(knex, sessionId),
    pendingRenderJobs(knex, sessionId),
    reviewRenderId(knex, id),
    correctionsOfSession(knex, sessionId),
  ]);

  if (!session) throw new NotFoundError('Session');
  const video = assets.find((a) => a.kind === 'proxy') ?? assets.find((a) => a.kind === 'source_video');
  const poster = assets.find((a) => a.kind === 'poster');
  const sprite = assets.find((a) => a.kind === 'sprite');
  const probe = (video?.probe ?? {}) as { durationSec?: number };
  const durationSec = probe.durationSec ?? signalRows.length;
  const parsed = analysis ? analysisResultSchema.safeParse(analysis.result) : null;
  const latestScript = scripts.at(-1);
  const rendered = new Set(renders.map((r) => r.script_version as number));
  const doneRenders = renders.filter((r) => r.status === 'done');

  return {
    ...row,
    session: {
      id: session.id,
      status: session.status,
      note: session.note,
      selfRatings: session.self_ratings ?? {},
      createdAt: iso(session.created_at),
    },
    video: video
      ? {
          url: await sign(video.storage_key),
          durationSec,
          posterUrl: poster ? await sign(poster.storage_key) : null,
          sprite: sprite ? { url: await sign(sprite.storage_key), ...spriteIndex(sprite.probe) } : null,
        }
      : null,
    signals: downsampleSignals(signalRows, durationSec),
    candidates: parsed?.success
      ? parsed.data.keyMoments.map((m) => ({ start: m.start, end: m.end, label: m.reason.ja, score: m.score, reason: m.reason, cue: m.cue as Record<string, { ja: string; en: string }> }))
      : [],
    keyMoment: latestScript ? (latestScript.key_moment as { start: number; end: number }) : null,
    analysis: parsed?.success ? analysisTimeline(parsed.data, durationSec) : null,
    scripts: scripts.map((s) => ({
      version: s.version,
      content: s.content,
      keyMoment: s.key_moment,
      author: s.author_kind === 'ai' ? 'ai' : { id: s.author_user_id, name: s.author_name },
      createdAt: iso(s.created_at),
      model: s.model ?? null,
      instructions: s.instructions ?? null,
      instructionsReport: s.instructions_report ?? null,
    })),
    coachingText: text
      ? {
          body: text.body,
          content: text.content,
          sentAt: iso(text.sent_at ?? text.created_at),
          version: corrections.at(-1)?.version ?? 1,
          history: versionsOf({ body: text.body, sentAt: text.sent_at ?? text.created_at }, corrections),
        }
      : null,
    renders: await Promise.all(
      renders.map(async (r) => ({
        id: r.id,
        version: r.version,
        scriptVersion: r.script_version,
        status: r.status,
        progress: r.progress,
        error: r.error ?? null,
        videoUrl: r.status === 'done' && r.video_key ? await sign(r.video_key) : null,
        posterUrl: r.status === 'done' && r.poster_key ? await sign(r.poster_key) : null,
        createdAt: iso(r.created_at),
      })),
    ),
    queuedRenders: jobs
      .map((j) => ({ scriptVersion: Number(String(j.singleton_key).split(':v').pop()), state: j.state as string, queuedAt: iso(j.created_on) }))
      .filter((j) => !rendered.has(j.scriptVersion)),
    currentRenderId: (pointer?.render_id as string | null) ?? doneRenders.at(-1)?.id ?? null,
  };
}

function spriteIndex(probe: unknown) {
  const p = (probe ?? {}) as Record<string, number>;
  return { columns: p.columns ?? 1, rows: p.rows ?? 1, tileWidth: p.tileWidth ?? 160, tileHeight: p.tileHeight ?? 90, intervalSec: p.intervalSec ?? 1, count: p.count ?? 1 };
}

/**
 * The per-second signals, at most MAX_SIGNAL_POINTS points (the peak of each bucket), scaled to
 * 0..1 for drawing: motion against the session's own peak, loudness and sizzle from −60..0 dBFS.
 */
export function downsampleSignals(rows: Array<{ t: number; motion: number; loudness: number; sizzle: number }>, durationSec: number) {
  const stepSec = Math.max(1, Math.ceil(Math.max(durationSec, rows.length) / MAX_SIGNAL_POINTS));
  const buckets = Math.ceil(Math.max(durationSec, rows.length) / stepSec) || 0;
  const motion = new Array<number>(buckets).fill(0);
  const sound = new Array<number>(buckets).fill(0);
  const sizzle = new Array<number>(buckets).fill(0);
  const db = (v: number) => Math.min(1, Math.max(0, (v + 60) / 60));
  for (const r of rows) {
    const i = Math.min(buckets - 1, Math.floor(r.t / stepSec));
    if (i < 0) continue;
    motion[i] = Math.max(motion[i]!, r.motion);
    sound[i] = Math.max(sound[i]!, db(r.loudness));
    sizzle[i] = Math.max(sizzle[i]!, db(r.sizzle));
  }
  const peak = Math.max(0.02, ...motion);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { stepSec, motion: motion.map((m) => round(m / peak)), sound: sound.map(round), sizzle: sizzle.map(round) };
}

import { ownMediaOfSessions } from '../../data/media-assets';
import type { Knex } from 'knex';
import type { AnalysisResult } from '../../domain/analysis';
import { NotFoundError } from '../../errors';
import type { Bilingual } from '../../models/principle';
import type { StorageProvider } from '../../providers/storage/storage-provider';

/** Signed links in the journey last this long: enough to watch a session, short enough not to leak. */
export const JOURNEY_URL_TTL_SECONDS = 60 * 60;

export interface JourneySession {
  id: string;
  attemptNumber: number;
  status: string;
  createdAt: string;
  uploadedAt: string | null;
  coachTextSentAt: string | null;
  deliveredAt: string | null;
  failedStage: string | null;
  failureReason: string | null;
  note: string | null;
  selfRatings: Record<string, number>;
  analysis: {
    provider: string;
    model: string;
    createdAt: string;
    diagnosis: AnalysisResult['diagnosis'];
    /** Why the analyzer could not coach the clip (null when it could). */
    abstain: AnalysisResult['abstain'] | null;
    keyMoments: AnalysisResult['keyMoments'];
    findings: AnalysisResult['findings'];
    principles: Array<{ slug: string; score: number }>;
  } | null;
  coachingText: { body: string; sentAt: string } | null;
  review: { status: string; decision: string | null; decidedAt: string | null } | null;
  video: { url: string; posterUrl: string | null; kind: 'proxy' | 'source_video' } | null;
  renders: Array<{ version: number; status: string; progress: number; error: string | null; createdAt: string; url: string | null; posterUrl: string | null }>;
}

export interface CookJourney {
  id: string;
  name: string;
  email: string;
  locale: 'ja' | 'en';
  disabled: boolean;
  created_at: string;
  display_name: string | null;
  dishes: Array<{ slug: string; name: Bilingual; sessionsCompleted: number; state: Record<string, unknown>; sessions: JourneySession[] }>;
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/**
 * One cook's journey for the console: their sessions grouped per dish (Session 1, 2, …), each with
 * its status, analysis, the coaching text as sent, the video and every render, with signed links.
 */
export async function getCookJourney(deps: { knex: Knex; storage: StorageProvider }, cookId: string): Promise<CookJourney> {
  const { knex, storage } = deps;
  const cook = await knex('users as u')
    .leftJoin('learner_profiles as lp', 'lp.user_id', 'u.id')
    .where({ 'u.id': cookId, 'u.role': 'learner' })
    .first('u.id', 'u.name', 'u.email', 'u.locale', 'u.disabled', 'u.created_at', 'lp.display_name');
  if (!cook) throw new NotFoundError('Cook');

  const sessions = await knex('cooking_sessions as s')
    .join('dishes as d', 'd.id', 's.dish_id')
    .where('s.user_id', cookId)
    .whereNull('s.deleted_at')
    .orderBy([{ column: 'd.slug' }, { column: 's.attempt_number', order: 'asc' }])
    .select('s.*', 'd.slug as dish_slug', 'd.name_ja', 'd.name_en');
  const ids = sessions.map((s) => s.id as string);
  const [analyses, texts, reviews, media, renders, states] = ids.length
    ? await Promise.all([
        knex('analyses').whereIn('session_id', ids).orderBy('created_at', 'desc').select('session_id', 'provider', 'model', 'result', 'retrieval', 'created_at'),
        knex('coaching_texts').whereIn('session_id', ids).select('session_id', 'body', 'created_at'),
        knex('review_items').whereIn('session_id', ids).select('session_id', 'status', 'decision', 'decided_at'),
        ownMediaOfSessions(knex, ids, ['proxy', 'source_video', 'poster']),
        knex('renders as r')
          .leftJoin('media_assets as v', 'v.id', 'r.video_asset_id')
          .leftJoin('media_assets as p', 'p.id', 'r.poster_asset_id')
          .whereIn('r.session_id', ids)
          .orderBy('r.version', 'desc')
          .select('r.session_id', 'r.version', 'r.status', 'r.progress', 'r.error', 'r.created_at', 'v.storage_key as video_key', 'p.storage_key as poster_key'),
        knex('learner_dish_states').where({ user_id: cookId }).select('dish_id', 'sessions_completed', 'state'),
      ])
    : [[], [], [], [], [], []];

  const first = <T extends { session_id: string }>(rows: T[]) => {
    const map = new Map<string, T>();
    for (const row of rows) if (!map.has(row.session_id)) map.set(row.session_id, row);
    return map;
  };
  const analysisOf = first(analyses);
  const textOf = first(texts);
  const reviewOf = first(reviews);
  const sign = (key: string | null | undefined) => (key ? storage.signedUrl(key, { expiresInSeconds: JOURNEY_URL_TTL_SECONDS }) : Promise.resolve(null));
  const stateOf = new Map(states.map((s: { dish_id: string; sessions_completed: number; state: Record<string, unknown> }) => [s.dish_id, s]));

  const dishes = new Map<string, CookJourney['dishes'][number]>();
  for (const s of sessions) {
    const a = analysisOf.get(s.id);
    const result = a?.result as AnalysisResult | undefined;
    const own = media.filter((m) => m.session_id === s.id);
    const video = own.find((m) => m.kind === 'proxy') ?? own.find((m) => m.kind === 'source_video');
    const poster = own.find((m) => m.kind === 'poster');
    const text = textOf.get(s.id);
    const review = reviewOf.get(s.id);
    const session: JourneySession = {
      id: s.id,
      attemptNumber: s.attempt_number,
      status: s.status,
      createdAt: iso(s.created_at) as string,
      uploadedAt: iso(s.uploaded_at),
      coachTextSentAt: iso(s.coach_text_sent_at),
      deliveredAt: iso(s.delivered_at),
      failedStage: s.failed_stage,
      failureReason: s.failure_reason,
      note: s.note,
      selfRatings: s.self_ratings ?? {},
      analysis:
        a && result
          ? {
              provider: a.provider,
              model: a.model,
              createdAt: iso(a.created_at) as string,
              diagnosis: result.diagnosis,
              abstain: result.abstain ?? null,
              keyMoments: result.keyMoments,
              findings: result.findings,
              principles: ((a.retrieval as { principles?: Array<{ slug: string; score: number }> } | null)?.principles ?? []).map((p) => ({ slug: p.slug, score: p.score })),
            }
          : null,
      coachingText: text ? { body: text.body, sentAt: iso(text.created_at) as string } : null,
      review: review ? { status: review.status, decision: review.decision, decidedAt: iso(review.decided_at) } : null,
      video: video ? { url: (await sign(video.storage_key)) as string, posterUrl: await sign(poster?.storage_key), kind: video.kind === 'proxy' ? 'proxy' : 'source_video' } : null,
      renders: await Promise.all(
        renders
          .filter((r: { session_id: string }) => r.session_id === s.id)
          .map(async (r: Record<string, unknown>) => ({
            version: r.version as number,
            status: r.status as string,
            progress: r.progress as number,
            error: (r.error as string | null) ?? null,
            createdAt: iso(r.created_at) as string,
            url: r.status === 'done' ? await sign(r.video_key as string | null) : null,
            posterUrl: r.status === 'done' ? await sign(r.poster_key as string | null) : null,
          })),
      ),
    };
    let dish = dishes.get(s.dish_slug);
    if (!dish) {
      const state = stateOf.get(s.dish_id);
      dish = { slug: s.dish_slug, name: { ja: s.name_ja, en: s.name_en }, sessionsCompleted: state?.sessions_completed ?? 0, state: state?.state ?? {}, sessions: [] };
      dishes.set(s.dish_slug, dish);
    }
    dish.sessions.push(session);
  }
  return {
    id: cook.id,
    name: cook.name,
    email: cook.email,
    locale: cook.locale,
    disabled: cook.disabled,
    created_at: iso(cook.created_at) as string,
    display_name: cook.display_name ?? null,
    dishes: [...dishes.values()],
  };
}

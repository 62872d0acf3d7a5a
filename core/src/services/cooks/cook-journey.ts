import { cookProfile, journeyAnalyses, journeyCoachingTexts, journeyRenders, journeyReviews, journeySessions } from '../../data/cooks';
import { dishStatesOf } from '../../data/learner-dish-states';
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

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);
const isoAt = (v: Date | string) => new Date(v).toISOString();

/**
 * One cook's journey for the console: their sessions grouped per dish (Session 1, 2, …), each with
 * its status, analysis, the coaching text as sent, the video and every render, with signed links.
 */
export async function getCookJourney(deps: { knex: Knex; storage: StorageProvider }, cookId: string): Promise<CookJourney> {
  const { knex, storage } = deps;
  const cook = await cookProfile(knex, cookId);
  if (!cook) throw new NotFoundError('Cook');

  const sessions = await journeySessions(knex, cookId);
  const ids = sessions.map((s) => s.id);
  const [analyses, texts, reviews, media, renders, states] = ids.length
    ? await Promise.all([
        journeyAnalyses(knex, ids),
        journeyCoachingTexts(knex, ids),
        journeyReviews(knex, ids),
        ownMediaOfSessions(knex, ids, ['proxy', 'source_video', 'poster']),
        journeyRenders(knex, ids),
        dishStatesOf(knex, cookId),
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
  const stateOf = new Map(states.map((s) => [s.dish_id, s]));

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
      createdAt: isoAt(s.created_at),
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
              createdAt: isoAt(a.created_at),
              diagnosis: result.diagnosis,
              abstain: result.abstain ?? null,
              keyMoments: result.keyMoments,
              findings: result.findings,
              principles: ((a.retrieval as { principles?: Array<{ slug: string; score: number }> } | null)?.principles ?? []).map((p) => ({ slug: p.slug, score: p.score })),
            }
          : null,
      coachingText: text ? { body: text.body, sentAt: isoAt(text.created_at) } : null,
      review: review ? { status: review.status, decision: review.decision, decidedAt: iso(review.decided_at) } : null,
      video: video ? { url: await storage.signedUrl(video.storage_key, { expiresInSeconds: JOURNEY_URL_TTL_SECONDS }), posterUrl: await sign(poster?.storage_key), kind: video.kind === 'proxy' ? 'proxy' : 'source_video' } : null,
      renders: await Promise.all(
        renders
          .filter((r) => r.session_id === s.id)
          .map(async (r) => ({
            version: r.version,
            status: r.status,
            progress: r.progress,
            error: r.error ?? null,
            createdAt: isoAt(r.created_at),
            url: r.status === 'done' ? await sign(r.video_key) : null,
            posterUrl: r.status === 'done' ? await sign(r.poster_key) : null,
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
    created_at: isoAt(cook.created_at),
    display_name: cook.display_name ?? null,
    dishes: [...dishes.values()],
  };
}

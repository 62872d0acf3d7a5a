import { dishSessionHistory, maxAttemptNumber } from '../../data/cooking-sessions';
import { findDishBySlug } from '../../data/dishes';
import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { StorageProvider } from '../../providers/storage/storage-provider';
import type { Bilingual } from '../../contracts/common';
import type { DishHistory, HistorySession } from '../../contracts/sessions';
import { sessionPosters } from './session-posters';

export type { DishHistory, HistorySession };

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** A cook's sessions of one dish, with what each was coached on and how the problems moved. */
export async function getDishHistory(deps: { knex: Knex; storage: StorageProvider }, userId: string, dishSlug: string): Promise<DishHistory> {
  const { knex } = deps;
  const dish = await findDishBySlug(knex, dishSlug);
  if (!dish) throw new NotFoundError('Dish');
  const rows = await dishSessionHistory(knex, userId, dish.id);
  const posters = await sessionPosters(knex, deps.storage, userId, rows.map((r) => r.id as string));
  // Progress is only claimed between coachable sessions: analysed as real cooking (an analysis that says
  // `coachable: false` is not) and coached, so two unrelated clips are never compared.
  const progressOf = new Map<string, { coachable: boolean; findings: Array<{ code: string; score: number }> }>();
  for (const r of rows) {
    const extra = (r.analysis_extra ?? {}) as { findings?: Array<{ code: string; score: number }> | null; coachable?: boolean | null };
    progressOf.set(r.id as string, { coachable: extra.coachable !== false && Boolean(r.coach_text_sent_at) && r.status !== 'failed', findings: extra.findings ?? [] });
  }
  const sessions: HistorySession[] = rows.map((r) => {
    const d = r.diagnosis as { code?: string; problem?: Bilingual } | null;
    return {
      id: r.id,
      attemptNumber: r.attempt_number,
      status: r.status,
      createdAt: iso(r.created_at) as string,
      coachTextSentAt: iso(r.coach_text_sent_at),
      deliveredAt: iso(r.delivered_at),
      note: r.note,
      selfRatings: r.self_ratings ?? {},
      failureReason: r.failure_reason,
      diagnosis: d?.code && d.problem ? { code: d.code, problem: d.problem } : null,
      skill: (r.skill as Bilingual | null) ?? null,
      posterUrl: posters.get(r.id) ?? null,
      coachingMessage: r.coaching_message ?? null,
      videoMessage: r.video_message ?? null,
    };
  });

  // Oldest first, only sessions that got as far as a diagnosis.
  const diagnosed = sessions.filter((s) => s.diagnosis).reverse();
  const byCode = new Map<string, { problem: Bilingual; sessions: number[] }>();
  for (const s of diagnosed) {
    const d = s.diagnosis as { code: string; problem: Bilingual };
    const entry = byCode.get(d.code) ?? { problem: d.problem, sessions: [] };
    entry.problem = d.problem; // the latest wording
    entry.sessions.push(s.attemptNumber);
    byCode.set(d.code, entry);
  }
  const latestCode = diagnosed.at(-1)?.diagnosis?.code ?? null;
  const recurring = [...byCode.entries()]
    .filter(([, e]) => e.sessions.length >= 2)
    .map(([code, e]) => ({ code, problem: e.problem, sessions: e.sessions, open: code === latestCode }));
  const comparable = diagnosed.filter((s) => progressOf.get(s.id)?.coachable);
  const latest = comparable.at(-1);
  const improved: DishHistory['improved'] = [];
  if (latest && comparable.length >= 2) {
    const latestFindings = progressOf.get(latest.id)?.findings ?? [];
    const earlier = new Map<string, { problem: Bilingual; lastSeen: number }>();
    for (const s of comparable.slice(0, -1)) earlier.set(s.diagnosis!.code, { problem: s.diagnosis!.problem, lastSeen: s.attemptNumber });
    for (const [code, e] of earlier) {
      if (code === latest.diagnosis!.code) continue;
      const finding = latestFindings.find((f) => f.code === code);
      // Still among the latest session's findings at a real strength: not improved.
      if (finding && finding.score >= 0.3) continue;
      improved.push({ code, problem: e.problem, lastSeen: e.lastSeen, evidence: { session: latest.attemptNumber, findingScore: finding?.score ?? null } });
    }
  }
  return {
    dish: { slug: dish.slug, name: { ja: dish.name_ja, en: dish.name_en } },
    nextAttempt: (await maxAttemptNumber(knex, userId, dish.id)) + 1,
    sessionsCoached: sessions.filter((s) => s.coachTextSentAt).length,
    recurring,
    improved,
    sessions,
  };
}

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi, type TestUser } from '../../../../test-support/api-harness';
import { abstainMessage } from '../../domain/abstain-message';
import type { AnalysisResult } from '../../domain/analysis';
import { loadKnowledge } from '../knowledge/load-knowledge';
import { listReviewItems } from '../review/list-review-items';
import { createReviewFixture } from '../review/testing/review-fixtures';
import { draftNarration } from './draft-narration';
import type { PipelineDeps } from './pipeline-deps';

let api: TestApi;
let cook: TestUser;
let coach: TestUser;
let pipeline: PipelineDeps;
const sent: string[] = [];
const ctx = {
  logger: pino({ level: 'silent' }),
  signal: new AbortController().signal,
  send: async (queue: string) => {
    sent.push(queue);
    return randomUUID();
  },
};

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  coach = await createTestUser(api.knex, 'coach');
  const knowledge = await loadKnowledge();
  pipeline = { knex: api.knex, storage: api.storage, generator: null, rubrics: new Map(knowledge.dishes.map((d) => [d.slug, d])), workDir: path.join(api.dataDir, 'work') } as Partial<PipelineDeps> as PipelineDeps;
});
afterAll(async () => {
  await api?.close();
});

const notCooking: AnalysisResult = {
  coachable: false,
  abstain: { reason: 'not_cooking', message: abstainMessage('not_cooking', 30) },
  events: [],
  keyMoments: [],
  diagnosis: null,
  findings: [],
};

describe('narrate, when the analyzer could not coach the clip', () => {
  it('drafts no video and puts the review item first in the queue, flagged for a coach', async () => {
    const earlier = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice' });
    const f = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice' });
    // As the pipeline leaves an uncoachable session before narrate: analysis only.
    await api.knex('review_items').where({ session_id: f.sessionId }).delete();
    await api.knex('narration_scripts').where({ session_id: f.sessionId }).delete();
    await api.knex('analyses').where({ session_id: f.sessionId }).update({ result: JSON.stringify(notCooking) });
    await api.knex('cooking_sessions').where({ id: f.sessionId }).update({ status: 'coaching' });

    await draftNarration(pipeline, f.sessionId, ctx);

    expect(await api.knex('narration_scripts').where({ session_id: f.sessionId }).first()).toBeUndefined();
    expect(sent).not.toContain('render');
    const item = await api.knex('review_items').where({ session_id: f.sessionId }).first('status', 'needs_coach');
    expect(item).toEqual({ status: 'pending', needs_coach: true });
    const listed = await listReviewItems(api.knex, { claimMinutes: 30, turnaroundHours: 24 }, coach.id, {
      filter: {},
      sort: { field: 'createdAt', order: 'asc' },
      range: { start: 0, end: 99 },
    });
    const ids = listed.rows.map((r) => r.sessionId);
    expect(ids.indexOf(f.sessionId)).toBeLessThan(ids.indexOf(earlier.sessionId));
    expect(listed.rows.find((r) => r.sessionId === f.sessionId)?.needsCoach).toBe(true);
    expect(listed.rows.find((r) => r.sessionId === earlier.sessionId)?.needsCoach).toBe(false);
  }, 120_000);
});

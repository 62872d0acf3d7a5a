import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi, type TestUser } from '../../../../test-support/api-harness';
import type { JobQueue } from '../../queue/job-queue';
import { loadKnowledge } from '../knowledge/load-knowledge';
import { draftNarration } from '../pipeline/draft-narration';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { claimReviewItem } from './claim-review-item';
import { sendBackReviewItem } from './send-back-review-item';
import { GeminiStructuredGenerator } from '../../providers/ai/gemini-structured';
import { FakeGeminiServer } from '../../providers/ai/testing/fake-gemini-server';
import { createReviewFixture, scriptBody } from './testing/review-fixtures';

// Jobs go to the real pg-boss an hour from now (no other suite's worker takes them) and are deleted at the end.
let api: TestApi;
let pipeline: PipelineDeps;
let cook: TestUser;
let coach: TestUser;
const jobIds: string[] = [];
const sent: string[] = [];
const queue: JobQueue = {
  send: async (q, data, options) => {
    const id = await api.boss.send(q, data, { singletonKey: options.singletonKey, startAfter: 3600 });
    if (id) jobIds.push(id);
    sent.push(options.singletonKey);
    return id;
  },
};
const ctx = { logger: pino({ level: 'silent' }), signal: new AbortController().signal, send: queue.send };
const actor = () => ({ userId: coach.id, role: coach.role, requestId: `test-${randomUUID()}` });

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  coach = await createTestUser(api.knex, 'coach');
  const knowledge = await loadKnowledge();
  pipeline = { knex: api.knex, storage: api.storage, generator: null, rubrics: new Map(knowledge.dishes.map((d) => [d.slug, d])), workDir: path.join(api.dataDir, 'work') } as Partial<PipelineDeps> as PipelineDeps;
});

afterAll(async () => {
  if (jobIds.length) await api.knex('pgboss.job').whereIn('id', jobIds).delete();
  await api?.close();
});

async function sendBack(reason: string, deps: PipelineDeps = pipeline) {
  const f = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', storage: api.storage });
  await claimReviewItem(api.knex, { claimMinutes: 30, turnaroundHours: 24 }, actor(), f.reviewId);
  await sendBackReviewItem({ knex: api.knex, queue }, actor(), f.reviewId, { reason });
  await draftNarration(deps, f.sessionId, ctx);
  const [v1, v2] = await api.knex('narration_scripts').where({ session_id: f.sessionId }).orderBy('version');
  return { v1, v2, f };
}

describe('send back that does something', () => {
  it('"change the diagnosis to heat": v2 diagnoses low heat where v1 said the pan was not hot, and says what it did', async () => {
    const { v1, v2 } = await sendBack('Change the diagnosis to heat.');
    expect(v1.content.diagnosis.en).toContain('the egg went in before the pan was hot');
    expect(v2.content.diagnosis.en).toContain('The heat was low throughout');
    expect(v2.content.diagnosis.en).not.toContain('the egg went in before the pan was hot');
    expect(v2.key_moment).toEqual({ start: 38, end: 53 });
    expect(v2.instructions_report).toEqual({
      drafter: 'offline',
      applied: [{ kind: 'diagnosis', source: 'Change the diagnosis to heat', detail: 'pan_not_hot → heat_too_low' }],
      notApplied: [],
    });
  });

  it('「診断を火力不足に。0:20からのクリップに。名前は呼ばないで。」: all three applied, the clip moved inside the 60 s video; tone is left for hand editing', async () => {
    const { v2, f } = await sendBack('診断を火力不足にしてください。0:20からのクリップに。名前は呼ばないで。もっと楽しい雰囲気で。');
    expect(v2.content.diagnosis.ja).toContain('全体を通して火力が弱く');
    expect(v2.key_moment).toEqual({ start: 20, end: 35 });
    expect(v2.content.part1.intro.ja).not.toContain('さん、');
    expect(v2.content.diagnosis.ja).toMatch(/^今回は/);
    expect(v2.instructions_report.applied.map((a: { kind: string }) => a.kind)).toEqual(['diagnosis', 'clip', 'name']);
    expect(v2.instructions_report.notApplied).toEqual(['もっと楽しい雰囲気で']);
    // The next render is queued for v2 with the moved clip.
    expect(sent).toContain(`render:${f.sessionId}:v2`);
  });

  it('with Gemini (the real SDK against the loopback stub): the clip is moved by the product, the model writes for the moved clip', async () => {
    const fake = await FakeGeminiServer.start();
    try {
      fake.replyGenerate({ json: scriptBody().script });
      const generator = new GeminiStructuredGenerator({ apiKey: 'test-key', model: 'gemini-3.8-flash', baseUrl: fake.baseUrl, timeoutMs: 5_000 });
      const { v2 } = await sendBack('2番目の候補のクリップにして。もっと温かい口調で。', { ...pipeline, generator });
      expect(v2.key_moment).toEqual({ start: 10, end: 25 });
      const prompt = JSON.stringify(fake.requestsFor('generate')[0]!.json);
      expect(prompt).toContain('10.0');
      expect(prompt).toContain('15.0');
      expect(prompt).toContain('もっと温かい口調で');
      expect(v2.instructions_report).toEqual({ drafter: 'model', applied: [{ kind: 'clip', source: '2番目の候補のクリップにして', detail: '0:38–0:53 → 0:10–0:25' }], notApplied: [] });
    } finally {
      await fake.close();
    }
  });
});

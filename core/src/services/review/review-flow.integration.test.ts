import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pino } from 'pino';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi, type TestUser } from '../../../../test-support/api-harness';
import type { RenderedPrompt, StructuredGenerator } from '../../providers/ai/ai-provider';
import type { PushMessage, PushSender } from '../../providers/push/web-push-sender';
import { EspeakTextToSpeech } from '../../providers/tts/espeak-tts';
import type { JobQueue } from '../../queue/job-queue';
import { loadKnowledge } from '../knowledge/load-knowledge';
import { deliverCoachingVideo } from '../pipeline/deliver-coaching-video';
import { draftNarration } from '../pipeline/draft-narration';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { approveReviewItem } from './approve-review-item';
import { claimReviewItem } from './claim-review-item';
import { getReviewItem } from './get-review-item';
import { listReviewItems } from './list-review-items';
import { previewCoachingVideo } from './preview-coaching-video';
import { releaseReviewItem } from './release-review-item';
import type { ReviewDeps } from './review-deps';
import { resendUndeliveredApprovals } from './resend-undelivered-approvals';
import { saveCoachScript } from './save-coach-script';
import { sendBackReviewItem } from './send-back-review-item';
import { createReviewFixture, scriptBody } from './testing/review-fixtures';

let api: TestApi;
let deps: ReviewDeps;
let pipeline: PipelineDeps;
let cook: TestUser;
const coach = (u: TestUser) => ({ userId: u.id, role: u.role, requestId: `test-${randomUUID()}` });
let coachA: TestUser;
let coachB: TestUser;
let admin: TestUser;

// Jobs go to the real pg-boss (so its singleton rules apply) but start an hour from now, so no
// other suite's worker takes them; each send is recorded, and the jobs are deleted at the end.
const sent: Array<{ queue: string; data: Record<string, unknown>; singletonKey: string }> = [];
const jobIds: string[] = [];
const queue: JobQueue = {
  send: async (q, data, options) => {
    const id = await api.boss.send(q, data, { singletonKey: options.singletonKey, startAfter: 3600 });
    if (!id) return null;
    jobIds.push(id);
    sent.push({ queue: q, data: data as Record<string, unknown>, singletonKey: options.singletonKey });
    return id;
  },
};
const pushes: Array<{ userId: string; message: PushMessage }> = [];
const push: PushSender = {
  notifyUser: async (userId, message) => {
    pushes.push({ userId, message });
    return { sent: 1, removed: 0 };
  },
};
const ctx = { logger: pino({ level: 'silent' }), signal: new AbortController().signal, send: queue.send };

const fixture = (options: Partial<Parameters<typeof createReviewFixture>[1]> = {}) =>
  createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', storage: api.storage, ...options });
const expire = (reviewId: string) => api.knex('review_items').where({ id: reviewId }).update({ reserved_until: api.knex.raw("now() - interval '1 second'") });
const codeOf = (p: Promise<unknown>) => p.then(() => 200, (e: { status?: number; code?: string }) => `${e.status} ${e.code}`);

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  coachA = await createTestUser(api.knex, 'coach');
  coachB = await createTestUser(api.knex, 'coach');
  admin = await createTestUser(api.knex, 'admin');
  deps = {
    knex: api.knex,
    storage: api.storage,
    queue,
    settings: { claimMinutes: 30, turnaroundHours: 24 },
    mediaUrlTtlSeconds: 600,
    tts: new EspeakTextToSpeech({ cacheDir: path.join(api.dataDir, 'cache', 'tts') }),
    synthCacheDir: path.join(api.dataDir, 'cache', 'render', 'audio'),
  };
  const knowledge = await loadKnowledge();
  pipeline = { knex: api.knex, storage: api.storage, push, generator: null, rubrics: new Map(knowledge.dishes.map((d) => [d.slug, d])), workDir: path.join(api.dataDir, 'work') } as Partial<PipelineDeps> as PipelineDeps;
});
afterAll(async () => {
  if (jobIds.length) await api.knex('pgboss.job').whereIn('id', jobIds).delete();
  await api?.close();
});

describe('claiming', () => {
  it('reserves for 30 minutes, refuses another coach with the holder, and frees itself when it expires', async () => {
    const f = await fixture();
    const claimed = await claimReviewItem(api.knex, deps.settings, coach(coachA), f.reviewId);
    expect(claimed.assignee).toEqual({ id: coachA.id, name: 'Test coach' });
    const minutes = (new Date(claimed.reservedUntil).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30.1);

    const refused = await claimReviewItem(api.knex, deps.settings, coach(coachB), f.reviewId).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 409, code: 'held_by_other', details: { holder: { id: coachA.id }, reservedUntil: claimed.reservedUntil } });
    await expect(releaseReviewItem(api.knex, coach(coachB), f.reviewId)).rejects.toMatchObject({ code: 'held_by_other' });
    const listed = await listReviewItems(api.knex, deps.settings, coachA.id, { filter: { mine: true }, sort: { field: 'createdAt', order: 'asc' }, range: { start: 0, end: 99 } });
    expect(listed.rows.find((r) => r.id === f.reviewId)).toMatchObject({ status: 'in_review', assignee: { id: coachA.id } });

    await expire(f.reviewId);
    const row = (await listReviewItems(api.knex, deps.settings, coachB.id, { filter: { id: [f.reviewId] }, sort: { field: 'createdAt', order: 'asc' }, range: { start: 0, end: 9 } })).rows[0];
    expect(row).toMatchObject({ status: 'pending', assignee: null, reservedUntil: null });
    // An expired reservation holds nothing: A can no longer decide, B may claim.
    await expect(approveReviewItem({ knex: api.knex, queue }, coach(coachA), f.reviewId, {})).rejects.toMatchObject({ code: 'not_claimed' });
    expect((await claimReviewItem(api.knex, deps.settings, coach(coachB), f.reviewId)).assignee.id).toBe(coachB.id);
    // An admin may release anyone's claim.
    await releaseReviewItem(api.knex, coach(admin), f.reviewId);
    expect(await api.knex('review_items').where({ id: f.reviewId }).first('status', 'assignee_id')).toEqual({ status: 'pending', assignee_id: null });
    const audit = await api.knex('audit_log').where({ entity_type: 'review_item', entity_id: f.reviewId }).orderBy('id').pluck('action');
    expect(audit).toEqual(['review.claim', 'review.claim', 'review.release']);
  });

  it('two coaches claiming at once: one holds it, the other is told who does', async () => {
    const f = await fixture();
    const results = await Promise.all([coachA, coachB].map((c) => codeOf(claimReviewItem(api.knex, deps.settings, coach(c), f.reviewId))));
    expect(results.filter((r) => r === 200)).toHaveLength(1);
    expect(results.filter((r) => r !== 200)).toEqual(['409 held_by_other']);
  });
});

describe('approving', () => {
  it('two coaches approve at once: exactly one wins, the other gets 409, and one deliver job is queued', async () => {
    const f = await fixture({ withRender: true });
    await claimReviewItem(api.knex, deps.settings, coach(coachA), f.reviewId);
    const before = sent.length;
    const results = await Promise.all([coachA, coachB, coachA].map((c) => codeOf(approveReviewItem({ knex: api.knex, queue }, coach(c), f.reviewId, {}))));
    expect(results.filter((r) => r === 200)).toHaveLength(1);
    // The loser is told it is decided, or (if it got the lock first) that A holds it.
    for (const r of results.filter((x) => x !== 200)) expect(['409 already_decided', '409 held_by_other']).toContain(r);
    expect(results.filter((r) => r !== 200)).toHaveLength(2);
    expect(sent.slice(before)).toEqual([{ queue: 'deliver', data: { reviewItemId: f.reviewId, sessionId: f.sessionId, renderId: f.renderId }, singletonKey: f.sessionId }]);
    expect(await api.knex('audit_log').where({ entity_id: f.reviewId, action: 'review.approve' }).pluck('actor_user_id')).toEqual([coachA.id]);
    expect(await api.knex('review_items').where({ id: f.reviewId }).first('status', 'decided_by', 'render_id')).toEqual({ status: 'approved', decided_by: coachA.id, render_id: f.renderId });
  });

  it('refuses without a finished render (409 no_render) and after the decision (already_decided)', async () => {
    const f = await fixture();
    await claimReviewItem(api.knex, deps.settings, coach(coachA), f.reviewId);
    await expect(approveReviewItem({ knex: api.knex, queue }, coach(coachA), f.reviewId, {})).rejects.toMatchObject({ status: 409, code: 'no_render' });
    const other = await fixture({ withRender: true });
    await expect(approveReviewItem({ knex: api.knex, queue }, coach(coachA), f.reviewId, { renderId: other.renderId! })).rejects.toMatchObject({ code: 'no_render' });
    await expect(claimReviewItem(api.knex, deps.settings, coach(coachA), other.reviewId)).resolves.toBeTruthy();
    await approveReviewItem({ knex: api.knex, queue }, coach(coachA), other.reviewId, { renderId: other.renderId! });
    await expect(claimReviewItem(api.knex, deps.settings, coach(coachB), other.reviewId)).rejects.toMatchObject({ code: 'already_decided' });
  });
});

describe('delivering', () => {
  it('posts the video message and pushes exactly once, even when the job runs twice (and twice at once)', async () => {
    const f = await fixture({ withRender: true });
    await claimReviewItem(api.knex, deps.settings, coach(coachA), f.reviewId);
    await approveReviewItem({ knex: api.knex, queue }, coach(coachA), f.reviewId, {});
    const request = { reviewItemId: f.reviewId, sessionId: f.sessionId, renderId: f.renderId! };
    const pushedBefore = pushes.length;
    const outcomes = [
      ...(await Promise.all([deliverCoachingVideo(pipeline, request, ctx), deliverCoachingVideo(pipeline, request, ctx)])),
      await deliverCoachingVideo(pipeline, request, ctx),
    ];
    const messages = await api.knex('chat_messages').where({ session_id: f.sessionId, kind: 'video' });
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message).toMatchObject({ author_kind: 'coach', author_user_id: coachA.id, idempotency_key: `deliver:${f.reviewId}` });
    expect(message.payload).toMatchObject({ sessionId: f.sessionId, renderId: f.renderId, durationSec: 90 });
    expect(message.payload.videoAssetId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcomes.filter((o) => o.status === 'delivered' && o.posted)).toHaveLength(1);
    const mine = pushes.slice(pushedBefore);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ userId: cook.id, message: { roomId: message.room_id, messageId: message.id } });
    expect(mine[0]!.message.url).toContain(message.id);
    const session = await api.knex('cooking_sessions').where({ id: f.sessionId }).first('status', 'delivered_at');
    expect(session.status).toBe('delivered');
    expect(session.delivered_at).not.toBeNull();
  });

  it('the sweeper queues a delivery the API lost, and leaves delivered ones alone', async () => {
    const f = await fixture({ withRender: true });
    await claimReviewItem(api.knex, deps.settings, coach(coachA), f.reviewId);
    await approveReviewItem({ knex: api.knex, queue: { send: async () => null } }, coach(coachA), f.reviewId, {});
    await api.knex('review_items').where({ id: f.reviewId }).update({ decided_at: api.knex.raw("now() - interval '5 minutes'") });
    const before = sent.length;
    await resendUndeliveredApprovals(api.knex, queue, { quietSeconds: 60 });
    expect(sent.slice(before).filter((j) => j.singletonKey === f.sessionId)).toEqual([{ queue: 'deliver', data: { reviewItemId: f.reviewId, sessionId: f.sessionId, renderId: f.renderId }, singletonKey: f.sessionId }]);
    await deliverCoachingVideo(pipeline, { reviewItemId: f.reviewId, sessionId: f.sessionId, renderId: f.renderId! }, ctx);
    const after = sent.length;
    await resendUndeliveredApprovals(api.knex, queue, { quietSeconds: 60 });
    expect(sent.slice(after).filter((j) => j.singletonKey === f.sessionId)).toEqual([]);
  });
});

describe('preview', () => {
  it('builds the spec with real TTS and signs every medium it plays', async () => {
    const f = await fixture();
    const { spec, media } = await previewCoachingVideo(deps, f.reviewId, scriptBody());
    expect(spec.segments.map((s) => s.kind)).toEqual(['intro', 'diagnosis', 'pivot', 'clip', 'outro']);
    const keys = spec.segments.flatMap((s) => s.lines.map((l) => l.audio.key));
    expect(Object.keys(media.audioUrls).sort()).toEqual([...new Set(keys)].sort());
    expect(Object.keys(media.trackUrls).sort()).toEqual(['synth:applause', 'synth:intro-theme', 'synth:outro-theme']);
    expect(media.sourceVideoUrl).toContain(f.videoKey);
    // The URLs really serve the audio (local storage: HMAC-signed, through the API).
    for (const url of [Object.values(media.audioUrls)[0]!, media.trackUrls['synth:applause']!]) {
      const res = await supertest(api.app).get(url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('audio/wav');
      expect(res.body.subarray?.(0, 4).toString() ?? '').toBe('RIFF');
    }
    // Stored once: a second preview adds no objects.
    const count = async () => Number((await api.knex('media_assets').where({ session_id: f.sessionId, kind: 'tts_audio' }).count({ n: '*' }).first())?.n);
    const stored = await count();
    await previewCoachingVideo(deps, f.reviewId, scriptBody());
    expect(await count()).toBe(stored);
  });

  it('a line too long for its slot: the preview still builds, every line fits, and the coach is told what changed', async () => {
    const f = await fixture();
    const body = scriptBody((s) => {
      s.part2[0]!.text.ja = 'この行はクリップの中の次の行までに読み終わらないほど長く、鍋の音と色と油の揺らぎと卵の縁の様子を全部いっぺんに説明しようとしています。'.repeat(2);
    });
    const { spec } = await previewCoachingVideo(deps, f.reviewId, body);
    const clip = spec.segments[3];
    expect(clip.lines.map((l) => l.id)).toEqual(body.script.part2.map((_, i) => `part2.${i}`));
    for (const line of clip.lines) expect(line.startSec + line.audio.durationSec).toBeLessThanOrEqual(clip.durationSec + 1e-6);
    expect(spec.adjustments?.length).toBeGreaterThan(0);
    expect(spec.adjustments!.every((a) => /[ぁ-んァ-ン一-龥]/.test(a.ja) && a.en.length > 0)).toBe(true);
  });
});

describe('saving and sending back', () => {
  it('saves a coach version (claim needed) and queues its render under a key of its own', async () => {
    const f = await fixture();
    await expect(saveCoachScript({ knex: api.knex, queue, settings: deps.settings }, coach(coachA), f.reviewId, scriptBody())).rejects.toMatchObject({ code: 'not_claimed' });
    await claimReviewItem(api.knex, deps.settings, coach(coachA), f.reviewId);
    const before = sent.length;
    const saved = await saveCoachScript({ knex: api.knex, queue, settings: deps.settings }, coach(coachA), f.reviewId, scriptBody((s) => (s.part2[0]!.text.ja = '鍋の縁を見て。')));
    expect(saved).toMatchObject({ scriptVersion: 2, renderId: null });
    const again = await saveCoachScript({ knex: api.knex, queue, settings: deps.settings }, coach(coachA), f.reviewId, scriptBody());
    expect(again.scriptVersion).toBe(3);
    expect(sent.slice(before).map((j) => j.singletonKey)).toEqual([`render:${f.sessionId}:v2`, `render:${f.sessionId}:v3`]);
    const workspace = await getReviewItem(deps, f.reviewId);
    expect(workspace.scripts.map((s) => [s.version, s.author === 'ai' ? 'ai' : s.author.id])).toEqual([[1, 'ai'], [2, coachA.id], [3, coachA.id]]);
    expect(workspace.candidates).toHaveLength(2);
    expect(workspace.signals.motion.length).toBeLessThanOrEqual(300);
    expect(Math.max(...workspace.signals.motion)).toBe(1);
    const audit = await api.knex('audit_log').where({ entity_id: f.reviewId, action: 'review.script_save' }).orderBy('id').first('before', 'after');
    expect(audit.before.scriptVersion).toBe(1);
    expect(audit.after.script.part2[0].text.ja).toBe('鍋の縁を見て。');
  });

  it('sends back with a reason: the next AI draft follows the instructions it can, records them, and the item returns to pending', async () => {
    const f = await fixture();
    await claimReviewItem(api.knex, deps.settings, coach(coachB), f.reviewId);
    const reason = '見た目より音をもっと強調してください。「ジュッという音」を「ジュワッという音」に変えて。もっと楽しい雰囲気で。';
    const before = sent.length;
    await expect(sendBackReviewItem({ knex: api.knex, queue }, coach(coachB), f.reviewId, { reason })).resolves.toEqual({ status: 'sent_back' });
    expect(sent.slice(before)).toEqual([{ queue: 'narrate', data: { sessionId: f.sessionId }, singletonKey: f.sessionId }]);
    expect(await api.knex('cooking_sessions').where({ id: f.sessionId }).first('status')).toEqual({ status: 'narrating' });
    await expect(claimReviewItem(api.knex, deps.settings, coach(coachA), f.reviewId)).rejects.toMatchObject({ code: 'already_decided' });

    // The narrate job (run here as the worker runs it), twice: a retry drafts nothing new.
    await draftNarration(pipeline, f.sessionId, ctx);
    await api.knex('cooking_sessions').where({ id: f.sessionId }).update({ status: 'narrating' });
    await draftNarration(pipeline, f.sessionId, ctx);

    const scripts = await api.knex('narration_scripts').where({ session_id: f.sessionId }).orderBy('version');
    expect(scripts.map((s) => s.version)).toEqual([1, 2]);
    const v2 = scripts[1];
    expect(v2).toMatchObject({ author_kind: 'ai', instructions: reason, prompt_version: 'composer-v1+instructions' });
    expect(v2.key_moment).toEqual({ start: 38, end: 53 });
    expect(v2.content.part2[0].cue).toBe('sound');
    expect(scripts[0].content.part2[0].cue).toBe('sight');
    expect(JSON.stringify(v2.content)).toContain('ジュワッという音');
    expect(v2.instructions_report).toMatchObject({ drafter: 'offline', notApplied: ['もっと楽しい雰囲気で'] });
    expect(v2.instructions_report.applied.map((a: { kind: string }) => a.kind).sort()).toEqual(['emphasis', 'replace']);
    expect(await api.knex('review_items').where({ id: f.reviewId }).first('status', 'decision', 'decision_reason')).toEqual({ status: 'pending', decision: null, decision_reason: null });
    expect(await api.knex('cooking_sessions').where({ id: f.sessionId }).first('status')).toEqual({ status: 'in_review' });
    expect(sent.filter((j) => j.queue === 'render' && j.singletonKey.startsWith(`render:${f.sessionId}:`)).map((j) => j.singletonKey)).toEqual([`render:${f.sessionId}:v2`]);
    expect(await api.knex('audit_log').where({ entity_id: f.reviewId }).whereIn('action', ['review.send_back', 'review.redraft']).orderBy('id').pluck('action')).toEqual(['review.send_back', 'review.redraft']);
    const workspace = await getReviewItem(deps, f.reviewId);
    expect(workspace.scripts[1]).toMatchObject({ author: 'ai', instructions: reason });
  });

  it('with Gemini, the instructions and the previous script go into the prompt', async () => {
    const f = await fixture();
    await claimReviewItem(api.knex, deps.settings, coach(coachA), f.reviewId);
    await sendBackReviewItem({ knex: api.knex, queue }, coach(coachA), f.reviewId, { reason: 'Lead with the sound of the egg hitting the pan.' });
    const prompts: RenderedPrompt[] = [];
    const generator: StructuredGenerator = {
      provider: 'gemini',
      model: 'gemini-test',
      generate: async (prompt) => {
        prompts.push(prompt);
        return scriptBody((s) => (s.part2[0] = { ...s.part2[0]!, cue: 'sound', text: { ja: '卵が入る音を聞いて。', en: 'Listen to the egg go in.' } })).script as never;
      },
    };
    await draftNarration({ ...pipeline, generator }, f.sessionId, ctx);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.version).toBe('v2');
    expect(prompts[0]!.user).toContain('Lead with the sound of the egg hitting the pan.');
    expect(prompts[0]!.user).toMatch(/<previous_script>\n\{"part1"/);
    const v2 = await api.knex('narration_scripts').where({ session_id: f.sessionId, version: 2 }).first();
    expect(v2).toMatchObject({ author_kind: 'ai', model: 'gemini-test', prompt_version: 'narrate/v2', instructions: 'Lead with the sound of the egg hitting the pan.' });
    expect(v2.instructions_report).toEqual({ drafter: 'model', applied: [], notApplied: [] });
    expect(v2.content.part2[0].text.ja).toBe('卵が入る音を聞いて。');
  });
});

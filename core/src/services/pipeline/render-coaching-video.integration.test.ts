import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi } from '../../../../test-support/api-harness';
import { probePlayableVideo } from '../../media/probe-video';
import { generateTestVideo } from '../../media/testing/generate-test-video';
import { newStorageKey } from '../../providers/storage/storage-key';
import type { TextToSpeech } from '../../providers/tts/text-to-speech';
import { EspeakTextToSpeech } from '../../providers/tts/espeak-tts';
import { loadKnowledge } from '../knowledge/load-knowledge';
import { keyMomentAt, makeScript } from '../../video/testing/fixtures';
import type { PipelineDeps } from './pipeline-deps';
import { renderCoachingVideo, type RenderDeps } from './render-coaching-video';
import { failAbandonedRenders } from './fail-abandoned-renders';

let api: TestApi;
let deps: RenderDeps;
let sessionId: string;
const ctx = { logger: pino({ level: 'silent' }), signal: new AbortController().signal, send: async () => null };

beforeAll(async () => {
  api = await createTestApi();
  const knowledge = await loadKnowledge();
  const tts: TextToSpeech = new EspeakTextToSpeech({ cacheDir: path.join(api.dataDir, 'tts') });
  deps = {
    knex: api.knex,
    storage: api.storage,
    rubrics: new Map(knowledge.dishes.map((d) => [d.slug, d])),
    workDir: path.join(api.dataDir, 'work'),
    tts,
    renderCacheDir: path.join(api.dataDir, 'render-cache'),
  } as Partial<PipelineDeps> as RenderDeps;

  const cook = await createTestUser(api.knex, 'learner');
  const dish = await api.knex('dishes').where({ slug: 'fried-rice' }).first('id');
  const [session] = await api.knex('cooking_sessions').insert({ user_id: cook.id, dish_id: dish.id, attempt_number: 1 }).returning('id');
  sessionId = session.id;

  // A short source: 20 s at 640x360, the ingredients go in at 0:08.
  const local = path.join(api.dataDir, 'cook.mp4');
  await generateTestVideo(local, { durationSec: 20, width: 640, height: 360, events: { addAt: 8 } });
  const probe = await probePlayableVideo(local);
  const key = newStorageKey(sessionId, 'source-video', 'mp4');
  const put = await api.storage.put(key, fs.createReadStream(local), { contentType: 'video/mp4' });
  await api.knex('media_assets').insert({
    owner_user_id: cook.id,
    session_id: sessionId,
    kind: 'source_video',
    storage_driver: 'local',
    storage_key: key,
    content_type: 'video/mp4',
    size_bytes: put.size,
    checksum_sha256: put.checksumSha256,
    probe: JSON.stringify(probe),
  });
  await api.knex('narration_scripts').insert({
    session_id: sessionId,
    version: 1,
    author_kind: 'ai',
    content: JSON.stringify(makeScript(keyMomentAt(5, 17))),
    key_moment: JSON.stringify({ start: 5, end: 17 }),
  });
  await api.knex('review_items').insert({ session_id: sessionId });
}, 120_000);

afterAll(async () => {
  await api?.close();
});

const renders = () => api.knex('renders').where({ session_id: sessionId }).orderBy('version');

describe('render stage', () => {
  it('renders the coaching video, writes progress and stores the MP4 and poster', async () => {
    const seen: number[] = [];
    const timer = setInterval(() => {
      void api.knex('renders').where({ session_id: sessionId, status: 'rendering' }).first('progress').then((r) => r && seen.push(r.progress as number));
    }, 300);
    const outcome = await renderCoachingVideo(deps, { sessionId }, ctx).finally(() => clearInterval(timer));
    expect(outcome).toMatchObject({ status: 'done', version: 1 });

    const [row] = await renders();
    expect(row).toMatchObject({ version: 1, status: 'done', progress: 100, error: null });
    expect(row.spec.segments.map((s: { kind: string }) => s.kind)).toEqual(['intro', 'diagnosis', 'pivot', 'clip', 'outro']);
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true); // progress moved while rendering

    const video = await api.knex('media_assets').where({ id: row.video_asset_id }).first();
    const poster = await api.knex('media_assets').where({ id: row.poster_asset_id }).first();
    expect(video).toMatchObject({ kind: 'render', content_type: 'video/mp4', session_id: sessionId });
    expect(poster).toMatchObject({ kind: 'poster', content_type: 'image/jpeg' });
    const file = api.storage.pathForKey(video.storage_key);
    const probe = await probePlayableVideo(file);
    expect(probe).toMatchObject({ width: 1280, height: 720, hasAudio: true });
    expect(probe.durationSec).toBeCloseTo(video.probe.durationSec, 0);
    expect(fs.statSync(api.storage.pathForKey(poster.storage_key)).size).toBeGreaterThan(1000);
    // The review queue now shows this render.
    expect(await api.knex('review_items').where({ session_id: sessionId }).first('render_id')).toEqual({ render_id: row.id });
  }, 300_000); // a whole coaching video through FFmpeg: 83 s measured on the loaded 2-core machine

  it('a second request is version 2; version 1 stays done', async () => {
    const outcome = await renderCoachingVideo(deps, { sessionId }, ctx);
    expect(outcome).toMatchObject({ status: 'done', version: 2 });
    expect((await renders()).map((r) => [r.version, r.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
    ]);
    const v2 = (await renders()).find((r) => r.version === 2);
    expect(await api.knex('review_items').where({ session_id: sessionId }).first('render_id')).toEqual({ render_id: v2.id });
  }, 60_000);

  it('a Part 2 line too long for its slot is fitted, not failed: the render is done and its spec says what changed', async () => {
    const script = makeScript(keyMomentAt(5, 17));
    const last = script.part2.length - 1;
    script.part2[last]!.text = { ja: 'この鍋の温度をしっかり確かめてから、卵を入れて、ご飯を入れて、よく混ぜて、最後にねぎを入れましょう。', en: 'Check the pan is properly hot before the egg goes in, then the rice, stir it all well, and add the spring onion at the very end.' };
    await api.knex('narration_scripts').insert({ session_id: sessionId, version: 2, author_kind: 'coach', content: JSON.stringify(script), key_moment: JSON.stringify({ start: 5, end: 17 }) });

    const outcome = await renderCoachingVideo(deps, { sessionId }, ctx);
    expect(outcome).toMatchObject({ status: 'done', version: 3 });
    const rows = await renders();
    expect(rows.map((r) => [r.version, r.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
      [3, 'done'],
    ]);
    const spec = rows[2].spec as { adjustments?: Array<{ code: string; ja: string; en: string }>; segments: Array<{ kind: string; durationSec: number; lines: Array<{ id: string; startSec: number; audio: { durationSec: number } }> }> };
    const clip = spec.segments[3]!;
    expect(clip.lines.at(-1)!.id).toBe(`part2.${last}`);
    for (const line of clip.lines) expect(line.startSec + line.audio.durationSec).toBeLessThanOrEqual(clip.durationSec + 1e-6);
    expect(spec.adjustments?.length).toBeGreaterThan(0);
    expect(rows[2].error).toBeNull();
    expect(rows[2].video_asset_id).not.toBeNull();
  }, 240_000);

  it('a newer request that arrives while a render runs supersedes it: nothing is stored for the older one', async () => {
    // Hold the older render at its upload (after rendering, before finishing) until the newer request exists.
    const put = api.storage.put.bind(api.storage);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let uploading!: () => void;
    const atUpload = new Promise<void>((r) => (uploading = r));
    api.storage.put = async (...args: Parameters<typeof put>) => {
      uploading();
      await gate;
      return put(...args);
    };
    try {
      const before = Number((await api.knex('media_assets').where({ session_id: sessionId }).count({ n: '*' }).first())?.n);
      const running = renderCoachingVideo(deps, { sessionId, scriptVersion: 1 }, ctx);
      await atUpload;
      const older = await api.knex('renders').where({ session_id: sessionId, status: 'rendering' }).first('id', 'version', 'script_id');
      expect(older).toBeDefined();
      await api.knex('renders').insert({ session_id: sessionId, version: older!.version + 1, script_id: older!.script_id, status: 'queued' });
      release();
      expect(await running).toMatchObject({ status: 'superseded', version: older!.version });
      expect(await api.knex('renders').where({ id: older!.id }).first()).toMatchObject({ status: 'superseded', video_asset_id: null });
      expect(Number((await api.knex('media_assets').where({ session_id: sessionId }).count({ n: '*' }).first())?.n)).toBe(before);
      // Versions 1–3 are done (3: the fitted long line, above); the superseded one adds nothing.
      expect((await renders()).filter((r) => r.status === 'done').map((r) => r.version)).toEqual([1, 2, 3]);
    } finally {
      api.storage.put = put;
    }
  }, 60_000);

  it('a render its worker abandoned (no progress for a while) is marked failed; live and finished ones are left alone', async () => {
    const script = await api.knex('narration_scripts').where({ session_id: sessionId }).first('id');
    const max = Number((await api.knex('renders').where({ session_id: sessionId }).max('version as m').first())?.m);
    const [stale, live] = await api
      .knex('renders')
      .insert([
        { session_id: sessionId, version: max + 1, script_id: script.id, status: 'rendering', progress: 40, updated_at: api.knex.raw("now() - interval '10 minutes'") },
        { session_id: sessionId, version: max + 2, script_id: script.id, status: 'rendering', progress: 10 },
      ])
      .returning('id');
    const doneBefore = (await renders()).filter((r) => r.status === 'done').map((r) => r.id);
    // Other suites share this database and may leave abandoned renders of their own: check ours.
    const failed = await failAbandonedRenders(api.knex);
    expect(failed).toContain(stale.id);
    expect(failed).not.toContain(live.id);
    expect(await api.knex('renders').where({ id: stale.id }).first()).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped making progress/) });
    expect(await api.knex('renders').where({ id: live.id }).first()).toMatchObject({ status: 'rendering' });
    expect((await renders()).filter((r) => r.status === 'done').map((r) => r.id)).toEqual(doneBefore);
    await api.knex('renders').where({ id: live.id }).update({ status: 'superseded' });
  });
});

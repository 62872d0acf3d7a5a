import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi } from '../../../../test-support/api-harness';
import { probePlayableVideo } from '../../media/probe-video';
import { generateTestVideo } from '../../media/testing/generate-test-video';
import type { AnalyzeInput } from '../../providers/ai/ai-provider';
import { validAnalysis } from '../../providers/ai/testing/fixtures';
import { newStorageKey } from '../../providers/storage/storage-key';
import type { StorageProvider } from '../../providers/storage/storage-provider';
import { loadKnowledge } from '../knowledge/load-knowledge';
import { analyzeSession } from './analyze-session';
import type { PipelineDeps } from './pipeline-deps';
import { prepareMedia } from './prepare-media';

let api: TestApi;
let local: string;
const ctx = { logger: pino({ level: 'silent' }), signal: new AbortController().signal, send: async () => null };

/** The storage, counting the derived products written (each put is one encode's output). */
function countingStorage(storage: StorageProvider): { storage: StorageProvider; puts: string[] } {
  const puts: string[] = [];
  const put: StorageProvider['put'] = (key, ...rest) => {
    puts.push(key.split('/')[2] ?? key);
    return storage.put(key, ...rest);
  };
  const counting = new Proxy(storage, {
    get: (target, name) => (name === 'put' ? put : (Reflect.get(target, name) as unknown) instanceof Function ? (Reflect.get(target, name) as (...a: unknown[]) => unknown).bind(target) : Reflect.get(target, name)),
  });
  return { storage: counting, puts };
}

async function newIngestedSession(): Promise<string> {
  const cook = await createTestUser(api.knex, 'learner');
  const dish = await api.knex('dishes').where({ slug: 'fried-rice' }).first('id');
  const [session] = await api.knex('cooking_sessions').insert({ user_id: cook.id, dish_id: dish.id, attempt_number: 1, status: 'ingesting' }).returning('id');
  const probe = await probePlayableVideo(local);
  const key = newStorageKey(session.id, 'source-video', 'mp4');
  const put = await api.storage.put(key, fs.createReadStream(local), { contentType: 'video/mp4' });
  await api.knex('media_assets').insert({
    owner_user_id: cook.id,
    session_id: session.id,
    kind: 'source_video',
    storage_driver: 'local',
    storage_key: key,
    content_type: 'video/mp4',
    size_bytes: put.size,
    checksum_sha256: put.checksumSha256,
    probe: JSON.stringify(probe),
  });
  return session.id as string;
}

async function depsWith(provider: 'gemini' | 'local'): Promise<{ deps: PipelineDeps; puts: string[]; watched: Array<string | undefined> }> {
  const knowledge = await loadKnowledge();
  const { storage, puts } = countingStorage(api.storage);
  const watched: Array<string | undefined> = [];
  const analyzer = {
    provenance: { provider, model: provider === 'gemini' ? 'gemini-3.8-flash' : 'local-rules', promptVersion: 'analyze/v2' },
    analyze: async (input: AnalyzeInput) => {
      watched.push(input.videoPath && fs.existsSync(input.videoPath) ? 'video' : undefined);
      return validAnalysis();
    },
  };
  const deps = {
    knex: api.knex,
    storage,
    rubrics: new Map(knowledge.dishes.map((d) => [d.slug, d])),
    workDir: path.join(api.dataDir, 'work'),
    analyzer,
  } as Partial<PipelineDeps> as PipelineDeps;
  return { deps, puts, watched };
}

beforeAll(async () => {
  api = await createTestApi();
  local = path.join(api.dataDir, 'prepare-media-cook.mp4');
  await generateTestVideo(local, { durationSec: 12, width: 640, height: 360, events: { addAt: 4 } });
}, 120_000);

afterAll(async () => {
  await api?.close();
});

const kindsOf = async (sessionId: string) => (await api.knex('media_assets').where({ session_id: sessionId }).whereIn('kind', ['proxy', 'poster', 'sprite']).pluck('kind')).sort();

describe('the 720p proxy is encoded once', () => {
  it('with a video model: analyze makes the proxy and watches it, prepare-media beside it makes only the poster and sprite', async () => {
    const sessionId = await newIngestedSession();
    const { deps, puts, watched } = await depsWith('gemini');
    await Promise.all([analyzeSession(deps, sessionId, ctx), prepareMedia(deps, sessionId, ctx)]);
    expect(puts.filter((k) => k === 'proxy')).toHaveLength(1);
    expect(puts.sort()).toEqual(['poster', 'proxy', 'sprite']);
    expect(await kindsOf(sessionId)).toEqual(['poster', 'proxy', 'sprite']);
    expect(watched).toEqual(['video']);

    // A retried prepare-media job encodes nothing again.
    await prepareMedia(deps, sessionId, ctx);
    expect(puts).toHaveLength(3);
  }, 120_000);

  it('with the local analyzer: prepare-media makes all three; analyze encodes nothing', async () => {
    const sessionId = await newIngestedSession();
    const { deps, puts, watched } = await depsWith('local');
    await Promise.all([analyzeSession(deps, sessionId, ctx), prepareMedia(deps, sessionId, ctx)]);
    expect(puts.sort()).toEqual(['poster', 'proxy', 'sprite']);
    expect(watched).toEqual([undefined]);
  }, 120_000);
});

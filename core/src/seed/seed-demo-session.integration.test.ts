import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test-support/api-harness';
import { findDemoUser } from '../data/users';
import { probePlayableVideo } from '../media/probe-video';
import { seed } from './seed-demo';
import { DEMO_SESSION_SETTING, DEMO_VIDEO, seedDemoSession } from './seed-demo-session';

let api: TestApi | undefined;
afterAll(async () => {
  await api?.close();
});

describe('the first start’s demo session', () => {
  it('is uploaded once for the demo learner, however many workers start together, and queues ingest once', async () => {
    api = await createTestApi();
    // The demo accounts are shared with seed-demo.integration.test.ts, which may be running at the same
    // time and checks their password and disabled state: they are made only when missing, with the
    // stored password (never one of this file's own), and left as they are otherwise.
    if (!(await findDemoUser(api.knex, 'learner@ajimi.local'))) await seed(api.knex, { demoAccounts: true, demoPassword: undefined });
    await api.knex('app_settings').where({ key: DEMO_SESSION_SETTING }).delete();
    const sent: Array<{ queue: string; data: object }> = [];
    const queue = { send: async (q: string, data: object) => (sent.push({ queue: q, data }), `job-${sent.length}`) };
    const deps = { knex: api.knex, storage: api.storage, queue, workDir: path.join(os.tmpdir(), 'ajimi-demo-test'), logger: pino({ level: 'silent' }) };

    const outcomes = await Promise.all([seedDemoSession(deps), seedDemoSession(deps)]);
    const created = outcomes.filter((o) => o.status === 'created');
    expect(created).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'skipped')).toMatchObject({ reason: 'already seeded' });
    const sessionId = (created[0] as { sessionId: string }).sessionId;

    const session = await api.knex('cooking_sessions as s').join('users as u', 'u.id', 's.user_id').join('dishes as d', 'd.id', 's.dish_id').where('s.id', sessionId).first('s.status', 'u.email', 'd.slug');
    expect(session).toEqual({ status: 'uploaded', email: 'learner@ajimi.local', slug: 'fried-rice' });
    const asset = await api.knex('media_assets').where({ session_id: sessionId, kind: 'source_video' }).first();
    const probe = await probePlayableVideo(api.storage.pathForKey(asset.storage_key));
    expect(probe.durationSec).toBeCloseTo(DEMO_VIDEO.durationSec, 0);
    expect(probe.hasAudio).toBe(true);
    expect(sent).toEqual([{ queue: 'ingest', data: { sessionId } }]);

    // A later start does nothing.
    expect(await seedDemoSession(deps)).toEqual({ status: 'skipped', reason: 'already seeded' });
    expect(sent).toHaveLength(1);
  }, 90_000);

  it('a failed attempt releases its claim, so the next start tries again', async () => {
    await api!.knex('app_settings').where({ key: DEMO_SESSION_SETTING }).delete();
    const storage = Object.create(api!.storage) as TestApi['storage'];
    storage.put = async () => {
      throw new Error('disk full');
    };
    const deps = { knex: api!.knex, storage, queue: { send: async () => null }, workDir: path.join(os.tmpdir(), 'ajimi-demo-test'), logger: pino({ level: 'silent' }) };
    const learner = await api!.knex('users').where({ email: 'learner@ajimi.local' }).first('id');
    const count = async () => Number((await api!.knex('cooking_sessions').where({ user_id: learner.id }).count({ n: '*' }).first())?.n);
    const before = await count();
    await expect(seedDemoSession(deps)).rejects.toThrow(/disk full/);
    expect(await count()).toBe(before);
    expect(await api!.knex('app_settings').where({ key: DEMO_SESSION_SETTING }).first()).toBeUndefined();
  }, 90_000);
});

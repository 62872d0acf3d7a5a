import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from '../logger';
import { generateTestVideo } from '../media/testing/generate-test-video';
import type { StorageProvider } from '../providers/storage/storage-provider';
import type { JobQueue } from '../queue/job-queue';
import { createCookingSession } from '../services/sessions/cooking-sessions';
import { storeFinishedUpload } from '../services/uploads/store-upload';
import { claimSetting, deleteSetting, updateSetting } from '../data/app-settings';
import { deleteSession } from '../data/cooking-sessions';
import { findDemoUser } from '../data/users';

export const DEMO_SESSION_SETTING = 'demo_session';
const DEMO_LEARNER = 'learner@ajimi.local';

/** A cook who added the rice to a pan that was not hot yet: the sizzle barely rises (pan_not_hot). */
export const DEMO_VIDEO = { durationSec: 60, width: 1280, height: 720, sizzle: 'weak', events: { addAt: 16, flipAt: 34, plateAt: 52 } } as const;

export type DemoSessionOutcome = { status: 'created'; sessionId: string } | { status: 'skipped'; reason: string };

/**
 * The first start's demo: the demo learner "uploads" a generated cooking video, and the real
 * pipeline (ingest → analysis → coaching text → script → render) fills the review queue, so a
 * newcomer can try the whole review flow at once. Runs once per database (an app_settings row
 * claims it, so several workers starting together make one session); a failure before the upload
 * is stored releases the claim so the next start tries again.
 */
export async function seedDemoSession(deps: { knex: Knex; storage: StorageProvider; queue: JobQueue; workDir: string; logger: Logger }): Promise<DemoSessionOutcome> {
  const { knex } = deps;
  const learner = await findDemoUser(knex, DEMO_LEARNER);
  if (!learner) return { status: 'skipped', reason: 'no demo learner account' };
  if (!(await claimSetting(knex, DEMO_SESSION_SETTING, { state: 'generating' }))) return { status: 'skipped', reason: 'already seeded' };

  const file = path.join(deps.workDir, `demo-session-${process.pid}.mp4`);
  let sessionId: string | undefined;
  try {
    await fs.promises.mkdir(deps.workDir, { recursive: true });
    await generateTestVideo(file, { ...DEMO_VIDEO, events: { ...DEMO_VIDEO.events } });
    const session = await createCookingSession(knex, learner.id, { dishSlug: 'fried-rice', note: 'デモ: 家で作った炒飯。パラパラにならない。' });
    sessionId = session.id;
    const size = (await fs.promises.stat(file)).size;
    await storeFinishedUpload(
      { knex, storage: deps.storage, storageDriver: deps.storage.driver, queue: deps.queue },
      { id: `demo-${session.id}`, open: () => fs.createReadStream(file), userId: learner.id, sessionId: session.id, kind: 'source_video', filename: 'demo-fried-rice.mp4', contentType: 'video/mp4', size },
    );
    await updateSetting(knex, DEMO_SESSION_SETTING, { state: 'uploaded', sessionId: session.id });
    deps.logger.info({ sessionId: session.id }, 'demo session uploaded: the pipeline is coaching it (see the console review queue)');
    return { status: 'created', sessionId: session.id };
  } catch (error) {
    // Nothing half-made stays behind: the next start begins again from scratch.
    if (sessionId) await deleteSession(knex, sessionId);
    await deleteSetting(knex, DEMO_SESSION_SETTING);
    throw error;
  } finally {
    await fs.promises.rm(file, { force: true });
  }
}

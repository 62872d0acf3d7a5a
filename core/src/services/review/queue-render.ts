import type { Knex } from 'knex';
import type { SendToStage } from '../../pipeline/definition';
import { jobExists } from '../../data/queue-jobs';
import { renderExistsForScript } from '../../data/renders';

type Send = SendToStage;

/** The render job's key for one script version: unique per request, so a newer one supersedes an older one. */
export function renderJobKey(sessionId: string, scriptVersion: number): string {
  return `render:${sessionId}:v${scriptVersion}`;
}

/**
 * Queues the render of a script version once: a retried stage (or a second call) finds the job
 * or the render it made and sends nothing. Returns the job id, or null when it was already queued.
 */
export async function queueRenderOnce(knex: Knex, send: Send, input: { sessionId: string; scriptVersion: number }): Promise<string | null> {
  const key = renderJobKey(input.sessionId, input.scriptVersion);
  if (await renderExistsForScript(knex, input.sessionId, input.scriptVersion)) return null;
  if (await jobExists(knex, 'render', key)) return null;
  return send('render', { sessionId: input.sessionId, scriptVersion: input.scriptVersion }, { singletonKey: key });
}

import type { Knex } from 'knex';
import { ConflictError } from '../../errors';
import type { JobQueue } from '../../queue/job-queue';
import { recordAudit, type Actor } from '../../data/audit-log';
import { finishedRender } from '../../data/renders';
import { lockReviewItem, recordReviewDecision } from '../../data/review-items';
import { assertHeldBy } from './review-items';

export class NoRenderError extends ConflictError {
  constructor(message = 'There is no finished render to deliver yet.') {
    super(message, 'no_render');
  }
}

/** The deliver job's payload. */
export interface DeliverRequest {
  reviewItemId: string;
  sessionId: string;
  renderId: string;
}

/**
 * Approves delivery of a finished render (the given one, or the newest done one) by the coach
 * holding the claim. The item row is locked for the decision, so of two approvals at once exactly
 * one succeeds and the other gets a 409. The deliver job is queued after the commit; should that
 * send be lost, resendUndeliveredApprovals (the worker's sweeper) queues it again.
 */
export async function approveReviewItem(
  deps: { knex: Knex; queue: JobQueue },
  actor: Actor & { userId: string },
  id: string,
  input: { renderId?: string | undefined },
): Promise<{ status: 'approved'; renderId: string }> {
  const request = await deps.knex.transaction(async (trx) => {
    const item = await lockReviewItem(trx, id);
    await assertHeldBy(trx, item, actor.userId);
    const render = await finishedRender(trx, item.session_id, input.renderId);
    if (!render) throw new NoRenderError(input.renderId ? 'That render is not a finished render of this session.' : undefined);
    await recordReviewDecision(trx, id, { kind: 'approved', by: actor.userId, renderId: render.id });
    await recordAudit(trx, actor, {
      action: 'review.approve',
      entityType: 'review_item',
      entityId: id,
      before: { status: item.status, renderId: item.render_id ?? null },
      after: { status: 'approved', renderId: render.id, renderVersion: render.version },
    });
    return { reviewItemId: id, sessionId: item.session_id, renderId: render.id } satisfies DeliverRequest;
  });
  await deps.queue.send('deliver', request, { singletonKey: request.sessionId });
  return { status: 'approved', renderId: request.renderId };
}

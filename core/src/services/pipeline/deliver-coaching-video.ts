import { postOnce } from '../../data/chat-rooms';
import type { DeliverRequest } from '../review/approve-review-item';
import { loadSessionContext } from './load-session-context';
import type { PipelineDeps, StageContext } from './pipeline-deps';
import { markDeliveredOnce } from '../../data/cooking-sessions';
import { storedFinishedRender } from '../../data/renders';
import { reviewItemOfSession } from '../../data/review-items';

export type DeliverOutcome = { status: 'delivered'; messageId: string; posted: boolean; pushed: boolean } | { status: 'skipped'; reason: string };

/**
 * deliver: the approved coaching video goes to the cook's My Coaching room as a video message
 * from the coach, exactly once (idempotency key deliver:<review item>), the session is marked
 * delivered, and the cook gets one push. Retry-safe: the message is posted at most once by its
 * key, and the push is tied to the one update that marks the session delivered, so a retried job
 * (even one that died between the two) never posts or pushes twice.
 */
export async function deliverCoachingVideo(deps: PipelineDeps, request: DeliverRequest, ctx: StageContext): Promise<DeliverOutcome> {
  const { knex } = deps;
  const item = await reviewItemOfSession(knex, request.reviewItemId, request.sessionId);
  if (!item) return { status: 'skipped', reason: 'review item not found' };
  if (item.status !== 'approved') return { status: 'skipped', reason: `review item is ${item.status}` };
  const sc = await loadSessionContext(knex, deps.rubrics, request.sessionId);
  if (!sc) return { status: 'skipped', reason: 'session deleted' };
  const render = await storedFinishedRender(knex, request.sessionId, request.renderId);
  // Approved renders are kept; a missing one is an error worth retrying and then surfacing.
  if (!render) throw new Error(`deliver: render ${request.renderId} of session ${request.sessionId} is not a stored, finished render`);
  const durationSec = typeof render.probe?.durationSec === 'number' ? (render.probe.durationSec as number) : null;

  const ja = sc.learner.locale === 'ja';
  const dish = ja ? sc.dish.name.ja : sc.dish.name.en.toLowerCase();
  const { message, created } = await postOnce(knex, {
    userId: sc.session.userId,
    roomKind: 'my_coaching',
    kind: 'video',
    author: 'coach',
    authorUserId: item.decided_by ?? null,
    sessionId: request.sessionId,
    body: ja
      ? `🎬 シェフコーチからコーチング動画が届きました（${dish} ${sc.session.attemptNumber}回目のセッション）`
      : `🎬 Your coaching video from your chef-coach (session ${sc.session.attemptNumber} of ${dish})`,
    payload: { sessionId: request.sessionId, renderId: render.id, videoAssetId: render.video_asset_id, posterAssetId: render.poster_asset_id ?? null, durationSec },
    idempotencyKey: `deliver:${request.reviewItemId}`,
  });

  // The one transition to delivered decides who pushes.
  const marked = await markDeliveredOnce(knex, request.sessionId);
  let pushed = false;
  if (marked) {
    const notification = {
      title: ja ? 'コーチング動画が届きました' : 'Your coaching video is here',
      body: ja ? `${dish} ${sc.session.attemptNumber}回目のセッション` : `Session ${sc.session.attemptNumber} of ${dish}`,
      url: `/#/rooms/${message.roomId}?message=${message.id}`,
      tag: `deliver:${request.sessionId}`,
      roomId: message.roomId,
      messageId: message.id,
    };
    await deps.push.notifyUser(sc.session.userId, notification).then(
      () => (pushed = true),
      (err: unknown) => ctx.logger.warn({ err }, 'push failed'),
    );
  }
  ctx.logger.info({ sessionId: request.sessionId, messageId: message.id, posted: created, pushed }, 'coaching video delivered');
  return { status: 'delivered', messageId: message.id, posted: created, pushed };
}

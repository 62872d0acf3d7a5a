import type { Knex } from 'knex';
import { postOnce } from '../../data/chat-rooms';
import { recordAudit, type Actor } from '../../data/audit-log';
import {
  correctionsOf,
  insertCorrection,
  linkCorrectionNotice,
  lockCoachingTextOfSession,
  markCorrectionPushQueued,
  roomOfMessage,
  replaceCoachingBody,
  rewriteCoachingMessage,
  type CoachingTextCorrectionRow,
} from '../../data/coaching-text-corrections';
import { lockReviewItem } from '../../data/review-items';
import { findUserById, personById } from '../../data/users';
import { AppError, ConflictError, ValidationError } from '../../errors';
import type { PushSender } from '../../providers/push/web-push-sender';
import { getReviewRow, HeldByOtherError, type ReviewSettings } from './review-items';

/** Longest corrected text a coach may send (the composed texts are about 1,000 characters). */
export const CORRECTION_MAX_CHARS = 6000;
/** Corrections per text: enough to fix a slip twice over, not a chat channel. */
export const CORRECTIONS_MAX = 20;

/** 409 correction_conflict: the text changed since the coach opened it (another correction landed). */
export class CorrectionConflictError extends ConflictError {
  constructor(current: number) {
    super(`このテキストは他の修正で更新されました（現在 v${current}）。読み込み直してください。 / The text was corrected meanwhile (now v${current}); reload it.`, 'correction_conflict');
  }
}

export interface CoachingTextVersion {
  version: number;
  body: string;
  /** When this version reached the cook. */
  at: string;
  /** Who wrote it: null for the AI's first version. */
  by: { id: string; name: string } | null;
}

export interface CorrectionResult {
  /** False when this was a retry of a correction already sent (nothing new reached the cook). */
  created: boolean;
  version: number;
  body: string;
  history: CoachingTextVersion[];
}

const iso = (v: unknown) => new Date(v as string).toISOString();
const same = (a: string, b: string) => a.replace(/\r\n/g, '\n').trim() === b.replace(/\r\n/g, '\n').trim();

/** Every version the cook has had, oldest first: the AI's text, then each correction. */
export function versionsOf(original: { body: string; sentAt: Date | string }, corrections: Array<CoachingTextCorrectionRow & { corrected_by_name: string | null }>): CoachingTextVersion[] {
  const first = corrections[0]?.previous_body ?? original.body;
  return [
    { version: 1, body: first, at: iso(original.sentAt), by: null },
    ...corrections.map((c) => ({ version: c.version, body: c.body, at: iso(c.created_at), by: c.corrected_by ? { id: c.corrected_by, name: c.corrected_by_name ?? '' } : null })),
  ];
}

/**
 * A coach corrects the coaching text the cook already received. The cook's card shows the new
 * text marked as corrected, with the earlier versions kept (in coaching_text_corrections and in the
 * card's payload); a short notice is posted in the room and the cook is pushed once. `baseVersion`
 * is the version the coach edited: a retry of the same correction returns it unchanged (no second
 * notice or push); a correction made on an older version than the current one is refused.
 */
export async function correctCoachingText(
  deps: { knex: Knex; settings: ReviewSettings; push: PushSender; onPushError?: (error: unknown) => void },
  actor: Actor & { userId: string },
  reviewId: string,
  input: { body: string; baseVersion: number },
): Promise<CorrectionResult> {
  const body = input.body.replace(/\r\n/g, '\n').trim();
  const row = await getReviewRow(deps.knex, reviewId, deps.settings);
  const outcome = await deps.knex.transaction(async (trx) => {
    const item = await lockReviewItem(trx, reviewId);
    // A coach who is reviewing this item right now decides about it; the others wait.
    if (item.live && item.assignee_id && item.assignee_id !== actor.userId) {
      throw new HeldByOtherError(await personById(trx, item.assignee_id), iso(item.reserved_until));
    }
    const text = await lockCoachingTextOfSession(trx, row.sessionId);
    if (!text || !text.message_id) {
      throw new ConflictError('コーチングテキストはまだ送られていません。 / The coaching text has not been sent yet.', 'coaching_text_unsent');
    }
    const corrections = await correctionsOf(trx, text.id);
    const latest = corrections.at(-1);
    const current = latest?.version ?? 1;
    if (input.baseVersion !== current) {
      // The same correction sent again (a retry after a lost answer): answer as the first time.
      if (latest && input.baseVersion === current - 1 && latest.corrected_by === actor.userId && same(latest.body, body)) {
        return { created: false, text, correction: latest };
      }
      throw new CorrectionConflictError(current);
    }
    if (same(text.body, body)) throw new ValidationError('修正前と同じテキストです。 / The text is unchanged.', [{ path: 'body', message: 'unchanged' }]);
    if (corrections.length >= CORRECTIONS_MAX) {
      throw new AppError(409, 'correction_limit', `修正は${CORRECTIONS_MAX}回までです。チャットで直接伝えてください。 / At most ${CORRECTIONS_MAX} corrections; write to the cook in chat instead.`);
    }
    const correction = await insertCorrection(trx, { coachingTextId: text.id, version: current + 1, body, previousBody: text.body, correctedBy: actor.userId });
    const history = versionsOf({ body: text.body, sentAt: text.created_at }, [...corrections, { ...correction, corrected_by_name: null }]);
    await replaceCoachingBody(trx, text.id, body);
    await rewriteCoachingMessage(trx, text.message_id, body, {
      version: correction.version,
      correctedAt: iso(correction.created_at),
      earlier: history.slice(0, -1).map((v) => ({ version: v.version, body: v.body, at: v.at })),
    });
    const en = (await findUserById(trx, row.cook.id))?.locale === 'en';
    const notice = await postOnce(trx, {
      userId: row.cook.id,
      roomKind: 'my_coaching',
      kind: 'system',
      author: 'coach',
      authorUserId: actor.userId,
      sessionId: row.sessionId,
      body: en
        ? `Your coach corrected the coaching for session ${row.attemptNumber} of ${row.dish.nameEn.toLowerCase()}.`
        : `コーチが${row.dish.nameJa} ${row.attemptNumber}回目のコーチングを修正しました。`,
      payload: { correctionOf: text.message_id, version: correction.version },
      idempotencyKey: `coach-text-correction:${row.sessionId}:v${correction.version}`,
    });
    await linkCorrectionNotice(trx, correction.id, notice.message.id);
    await recordAudit(trx, actor, {
      action: 'coaching_text.correct',
      entityType: 'cooking_session',
      entityId: row.sessionId,
      before: { version: current, body: text.body },
      after: { version: correction.version, body, review_item_id: reviewId, message_id: text.message_id },
    });
    return { created: true, text, correction };
  });

  const { correction, text } = outcome;
  const messageId = text.message_id as string;
  // Queued once: after the first success push_queued_at is set, and a retry only queues when it is not.
  if (!correction.push_queued_at) {
    const en = (await findUserById(deps.knex, row.cook.id))?.locale === 'en';
    try {
      await deps.push.notifyUser(row.cook.id, {
        title: en ? 'Your coach corrected your coaching' : 'コーチがコーチングを修正しました',
        body: en ? `Session ${row.attemptNumber} of ${row.dish.nameEn.toLowerCase()}` : `${row.dish.nameJa} ${row.attemptNumber}回目のセッション`,
        url: `/#/rooms/${await roomOfMessage(deps.knex, messageId)}?message=${messageId}`,
        tag: `coach-text-correction:${correction.id}`,
      });
      await markCorrectionPushQueued(deps.knex, correction.id);
    } catch (error) {
      // The correction is with the cook already; a retry of the request queues the push again.
      deps.onPushError?.(error);
    }
  }
  const history = versionsOf({ body: text.body, sentAt: text.created_at }, await correctionsOf(deps.knex, text.id));
  return { created: outcome.created, version: correction.version, body: correction.body, history };
}

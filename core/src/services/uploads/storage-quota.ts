import type { Knex } from 'knex';
import { retireMemosExcept, uploadBytesOf } from '../../data/media-assets';

/** What a cook's uploads (videos and voice memos they keep) may occupy in storage. */
export async function storageUsedBy(knex: Knex, userId: string): Promise<number> {
  return uploadBytesOf(knex, userId);
}

export type QuotaCheck = { ok: true } | { ok: false; message: string };

/** Whether one more upload of `incoming` bytes fits in the cook's quota; the refusal says how much is left. */
export async function checkStorageQuota(knex: Knex, userId: string, incoming: number, quotaBytes: number): Promise<QuotaCheck> {
  const used = await storageUsedBy(knex, userId);
  if (used + incoming <= quotaBytes) return { ok: true };
  const mb = (n: number) => Math.max(0, Math.floor(n / 1024 ** 2));
  return {
    ok: false,
    message: `保存容量の上限（${mb(quotaBytes)} MB）を超えます（残り ${mb(quotaBytes - used)} MB）。古いセッションを削除するか、コーチに相談してください。 / This upload would exceed your storage quota of ${mb(quotaBytes)} MB (${mb(quotaBytes - used)} MB left). Delete an old session or ask a coach.`,
  };
}

/**
 * One voice memo per session: the newest replaces the older ones (marked deleted here, in the
 * transaction that stores the new one). Returns the storage keys to delete once committed.
 */
export async function retireOlderMemos(trx: Knex.Transaction, sessionId: string, keepAssetId: string): Promise<string[]> {
  return retireMemosExcept(trx, sessionId, keepAssetId);
}

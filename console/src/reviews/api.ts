import { HttpError } from 'react-admin';
import { API_URL, httpClient } from '../dataProvider';
import type { KeyMoment, NarrationScript, Person, PreviewIssue, PreviewResult, ReviewDetail } from './types';

/** The review workspace's actions beyond simple-rest (docs/api/console-reviews.md). */
const url = (id: string, action?: string) => `${API_URL}/reviews/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

const post = async <T>(path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
  const { json } = await httpClient(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body), signal });
  return json as T;
};

export interface ApiErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
}

export const errorCode = (error: unknown): string | undefined =>
  error instanceof HttpError ? (error.body as ApiErrorBody | null)?.error?.code : undefined;

export const errorDetails = (error: unknown): Record<string, unknown> | undefined =>
  error instanceof HttpError ? (error.body as ApiErrorBody | null)?.error?.details : undefined;

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface Claim {
  assignee: Person;
  reservedUntil: string;
}

export type ClaimResult = { held: true; claim: Claim } | { held: false; holder: Person | null; reservedUntil: string | null };

/** Claims (or renews) the reservation; a live reservation by someone else is an answer, not an error. */
export const claimReview = async (id: string): Promise<ClaimResult> => {
  try {
    return { held: true, claim: await post<Claim>(url(id, 'claim')) };
  } catch (error) {
    if (errorCode(error) !== 'held_by_other') throw error;
    const details = errorDetails(error) ?? {};
    const holder = details.holder as Person | undefined;
    const reservedUntil = (details.reservedUntil as string | undefined) ?? null;
    return { held: false, holder: holder ?? null, reservedUntil };
  }
};

export const releaseReview = (id: string): Promise<unknown> => post(url(id, 'release'));

/** Leaving the page: a beacon survives the unload where a fetch may be cancelled. */
export const releaseReviewOnUnload = (id: string): void => {
  if (!navigator.sendBeacon(url(id, 'release'))) void releaseReview(id).catch(() => undefined);
};

export type PreviewOutcome = { ok: true; result: PreviewResult } | { ok: false; issues: PreviewIssue[]; message: string };

export const previewReview = async (id: string, script: NarrationScript, keyMoment: KeyMoment, signal?: AbortSignal): Promise<PreviewOutcome> => {
  try {
    return { ok: true, result: await post<PreviewResult>(url(id, 'preview'), { script, keyMoment }, signal) };
  } catch (error) {
    if (errorCode(error) === 'timeline_invalid' || (error instanceof HttpError && error.status === 400)) {
      const issues = (errorDetails(error)?.issues as PreviewIssue[] | undefined) ?? [];
      return { ok: false, issues, message: errorMessage(error) };
    }
    throw error;
  }
};

export const saveScript = (id: string, script: NarrationScript, keyMoment: KeyMoment): Promise<{ scriptVersion: number; renderId: string | null }> =>
  post(url(id, 'scripts'), { script, keyMoment });

export const approveReview = (id: string, renderId?: string): Promise<{ status: 'approved' }> =>
  post(url(id, 'approve'), renderId ? { renderId } : {});

export const sendBackReview = (id: string, reason: string): Promise<{ status: 'sent_back' }> => post(url(id, 'send-back'), { reason });

export const fetchReview = async (id: string): Promise<ReviewDetail> => (await httpClient(url(id))).json as ReviewDetail;

export interface CoachingTextVersion {
  version: number;
  body: string;
  at: string;
  by: Person | null;
}

/** Sends the coach's correction of the coaching text the cook already has (issue 13). */
export const correctCoachingText = (id: string, body: string, baseVersion: number): Promise<{ created: boolean; version: number; body: string; history: CoachingTextVersion[] }> =>
  post(url(id, 'coaching-text/corrections'), { body, baseVersion });

export interface PreviousSessionClip {
  session: { id: string; attemptNumber: number; createdAt: string };
  video: { url: string; durationSec: number | null; posterUrl: string | null };
  keyMoment: KeyMoment | null;
  diagnosis: { code: string; problem: { ja: string; en: string } } | null;
}

/** The same cook's previous coachable session of the dish (issue 16), or null when there is none. */
export const fetchPreviousSession = async (id: string, signal?: AbortSignal): Promise<PreviousSessionClip | null> => {
  const { json } = await httpClient(url(id, 'previous'), { signal });
  return (json as { previous: PreviousSessionClip | null }).previous;
};

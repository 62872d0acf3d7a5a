import { useSyncExternalStore } from 'react';
import * as tus from 'tus-js-client';
import { ApiError, isApiError } from '../api/client';
import { cancelSession, createSession } from '../api/endpoints';
import type { CookingSession, SelfRatingKey } from '../api/types';

/**
 * The one upload in flight (a session's voice memo, then its video), kept outside React so it
 * carries on while the cook moves around the app. tus makes it resumable: when the connection
 * drops it waits for the network and continues from the last byte the server has.
 */
export type UploadPhase = 'creating' | 'uploading' | 'waiting_network' | 'error' | 'done' | 'cancelling' | 'cancelled';

export interface UploadState {
  phase: UploadPhase;
  session: CookingSession | null;
  part: 'voice_memo' | 'source_video';
  bytesSent: number;
  bytesTotal: number;
  /** Bytes per second over the last few seconds (for "about N min left"). */
  rate: number;
  error: unknown;
  /** The server refused for good (e.g. too large): retrying will not help. */
  permanent: boolean;
}

export interface UploadRequest {
  dishSlug: string;
  note?: string;
  selfRatings?: Partial<Record<SelfRatingKey, number>>;
  video: File;
  memo: Blob | null;
  /** Another file for this session (the server rejected the last one): no new session is created, so its number stays. */
  session?: CookingSession;
}

/** 8 MB requests: small enough to lose little on a dropped connection, large enough to be fast. */
export const CHUNK_SIZE = 8 * 1024 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000];

let state: UploadState | null = null;
const subscribers = new Set<() => void>();

function set(next: UploadState | null) {
  state = next;
  subscribers.forEach((s) => s());
}
function patch(changes: Partial<UploadState>) {
  if (state) set({ ...state, ...changes });
}

export function useUpload(): UploadState | null {
  return useSyncExternalStore(
    (cb) => {
      subscribers.add(cb);
      return () => subscribers.delete(cb);
    },
    () => state,
  );
}

export function currentUpload(): UploadState | null {
  return state;
}

/** An error from tus, as the app's ApiError (with the server's own message when it sent one). */
function toApiError(err: unknown): ApiError {
  const detailed = err as tus.DetailedError;
  const res = detailed?.originalResponse;
  if (!res) return new ApiError({ kind: 'network', cause: err });
  const status = res.getStatus();
  try {
    const body = JSON.parse(res.getBody() || '{}') as { error?: { code?: string; message?: string } };
    return new ApiError({ kind: 'http', status, code: body.error?.code, message: body.error?.message, cause: err });
  } catch {
    return new ApiError({ kind: 'http', status, cause: err });
  }
}

let job: UploadJob | null = null;

class UploadJob {
  private upload: tus.Upload | null = null;
  private cancelled = false;
  private partOffset = 0;
  private samples: Array<{ t: number; bytes: number }> = [];
  private wakeLock: { release(): Promise<void> } | null = null;
  private readonly onOnline = () => {
    if (state?.phase === 'waiting_network' || (state?.phase === 'error' && !state.permanent)) this.retry();
  };

  constructor(private readonly request: UploadRequest) {}

  async run(): Promise<void> {
    const { video, memo } = this.request;
    set({ phase: 'creating', session: null, part: memo ? 'voice_memo' : 'source_video', bytesSent: 0, bytesTotal: video.size + (memo?.size ?? 0), rate: 0, error: undefined, permanent: false });
    window.addEventListener('online', this.onOnline);
    void this.keepAwake();
    try {
      const session =
        this.request.session ??
        (await createSession({
          dishSlug: this.request.dishSlug,
          ...(this.request.note ? { note: this.request.note } : {}),
          ...(this.request.selfRatings && Object.keys(this.request.selfRatings).length ? { selfRatings: this.request.selfRatings } : {}),
        }));
      if (this.cancelled) {
        if (!this.request.session) await cancelSession(session.id).catch(() => undefined);
        return;
      }
      patch({ session, phase: 'uploading' });
      // The memo first: the pipeline starts the moment the video is complete and looks for it then.
      if (memo) {
        await this.send(memo, 'voice_memo', memoFilename(memo));
        this.partOffset = memo.size;
      }
      if (this.cancelled) return;
      patch({ part: 'source_video' });
      await this.send(video, 'source_video', video.name || 'video.mp4');
      if (this.cancelled) return;
      patch({ phase: 'done', bytesSent: state?.bytesTotal ?? 0 });
    } catch (err) {
      if (this.cancelled) return;
      const error = isApiError(err) ? err : toApiError(err);
      patch({ phase: 'error', error, permanent: isPermanent(error) });
    } finally {
      if (state?.phase !== 'waiting_network') this.release();
    }
  }

  private send(file: Blob, kind: 'voice_memo' | 'source_video', filename: string): Promise<void> {
    const sessionId = state?.session?.id as string;
    return new Promise<void>((resolve, reject) => {
      const upload = new tus.Upload(file, {
        endpoint: '/api/uploads',
        chunkSize: CHUNK_SIZE,
        retryDelays: RETRY_DELAYS,
        metadata: { sessionId, kind, filename, filetype: file.type || (kind === 'voice_memo' ? 'audio/webm' : 'video/mp4') },
        storeFingerprintForResuming: false,
        removeFingerprintOnSuccess: true,
        onProgress: (sent) => this.progress(sent),
        onShouldRetry: (err, attempt, options) => {
          // Offline: stop retrying and wait for the 'online' event instead of burning the delays.
          if (!navigator.onLine) return false;
          const status = err.originalResponse?.getStatus() ?? 0;
          return (status === 0 || status >= 500 || status === 409 || status === 423 || status === 429) && attempt < (options.retryDelays?.length ?? 0);
        },
        onSuccess: () => resolve(),
        onError: (err) => {
          if (this.cancelled) return;
          const apiError = toApiError(err);
          if (isPermanent(apiError)) return reject(apiError);
          // Keep the promise pending: resume() restarts this same upload from the server's offset,
          // by itself when the network comes back, or when the cook taps retry.
          patch({ phase: apiError.kind === 'network' || !navigator.onLine ? 'waiting_network' : 'error', error: apiError, rate: 0, permanent: false });
        },
      });
      this.upload = upload;
      upload.start();
    });
  }

  private progress(sentInPart: number) {
    const bytesSent = this.partOffset + sentInPart;
    const now = performance.now();
    this.samples.push({ t: now, bytes: bytesSent });
    while (this.samples.length > 2 && now - (this.samples[0]?.t ?? now) > 5000) this.samples.shift();
    const first = this.samples[0];
    const rate = first && now > first.t ? ((bytesSent - first.bytes) * 1000) / (now - first.t) : 0;
    patch({ bytesSent, rate, phase: state?.phase === 'waiting_network' ? 'uploading' : (state?.phase ?? 'uploading') });
  }

  /** After going offline (automatic when the network returns) or a failure the cook retries. */
  resume(): void {
    if (!this.upload || this.cancelled) return;
    patch({ phase: 'uploading', error: undefined });
    this.samples = [];
    void this.keepAwake();
    this.upload.start(); // tus asks the server for its offset (HEAD) and continues from there
  }

  async cancel(): Promise<void> {
    this.cancelled = true;
    patch({ phase: 'cancelling' });
    window.removeEventListener('online', this.onOnline);
    await this.upload?.abort(true).catch(() => undefined); // terminate: the server drops the partial file
    const session = state?.session;
    if (session) {
      try {
        await cancelSession(session.id);
      } catch (err) {
        // 409: the video finished right before the cancel; the session goes on.
        if (isApiError(err) && err.status === 409) {
          patch({ phase: 'done' });
          this.release();
          return;
        }
      }
    }
    patch({ phase: 'cancelled' });
    this.release();
  }

  private async keepAwake() {
    try {
      const nav = navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } };
      if (!this.wakeLock && nav.wakeLock) this.wakeLock = await nav.wakeLock.request('screen');
    } catch {
      // not allowed (battery saver, background tab): the upload runs anyway
    }
  }

  private release() {
    window.removeEventListener('online', this.onOnline);
    void this.wakeLock?.release().catch(() => undefined);
    this.wakeLock = null;
  }

  /** An error the cook chose to retry: a network one resumes, anything else starts the part again. */
  retry(): void {
    if (!state || this.cancelled || state.permanent || !['waiting_network', 'error'].includes(state.phase)) return;
    if (this.upload) this.resume();
    else void this.run(); // the session could not even be created: start over
  }
}

function isPermanent(error: ApiError): boolean {
  return error.kind === 'http' && error.status >= 400 && error.status < 500 && ![408, 409, 423, 429].includes(error.status);
}

function memoFilename(memo: Blob): string {
  const type = memo.type.split(';')[0] ?? '';
  const ext = type === 'audio/mp4' ? 'm4a' : type === 'audio/ogg' ? 'ogg' : type === 'audio/wav' ? 'wav' : 'webm';
  return `voice-memo.${ext}`;
}

export function startUpload(request: UploadRequest): void {
  if (job && state && ['creating', 'uploading', 'waiting_network', 'cancelling'].includes(state.phase)) throw new Error('An upload is already running');
  job = new UploadJob(request);
  void job.run();
}

/** Sends another video file for a session whose last file the server rejected: the same session (and number). */
export function chooseAnotherFile(session: CookingSession, video: File): void {
  startUpload({ dishSlug: session.dish.slug, video, memo: null, session });
}

export function resumeUpload(): void {
  job?.retry();
}

export async function cancelUpload(): Promise<void> {
  await job?.cancel();
}

/** Forget a finished, failed or cancelled upload (the banner goes away). */
export function dismissUpload(): void {
  if (state && ['done', 'cancelled', 'error'].includes(state.phase)) {
    job = null;
    set(null);
  }
}

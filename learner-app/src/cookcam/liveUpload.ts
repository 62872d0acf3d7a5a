import { appendBytes, createDeferredUpload, serverOffset, TusError } from './tusAppend';
import { deleteRecording, dropChunksBefore, getRecording, listChunks, listRecordings, putChunk, putRecording, type RecordingRecord } from './chunkStore';

/**
 * One recording's upload while it is being filmed. Every chunk MediaRecorder hands over is written
 * to IndexedDB first, then sent in order at the server's offset; the server's acknowledgement is
 * what lets a chunk go. When the network drops, sending waits for 'online' and asks the server
 * (HEAD) where it stands. When filming stops only the unsent tail goes up, and the last PATCH
 * declares the length, which completes the upload and starts the pipeline.
 */
export interface LiveUploadState {
  recordedBytes: number;
  ackedBytes: number;
  waitingNetwork: boolean;
  finished: boolean;
  error: TusError | null;
}

const ENDPOINT = '/api/uploads';
const RETRY_MS = [1000, 2000, 5000, 10000];

export class LiveUpload {
  private rec: RecordingRecord;
  private seq = 0;
  private pumping: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private listeners = new Set<(s: LiveUploadState) => void>();
  private lastError: TusError | null = null;
  /** Keep acknowledged chunks on the phone while the recording is still shorter than this. */
  keepLocalUntilSec = 0;
  private readonly onOnline = () => this.kick();

  private constructor(rec: RecordingRecord, seq: number) {
    this.rec = rec;
    this.seq = seq;
    window.addEventListener('online', this.onOnline);
  }

  static async start(sessionId: string, mimeType: string): Promise<LiveUpload> {
    const ext = mimeType.startsWith('video/mp4') ? 'mp4' : 'webm';
    const rec: RecordingRecord = {
      id: crypto.randomUUID(),
      sessionId,
      uploadUrl: null,
      mimeType,
      filename: `cookcam-${new Date().toISOString().replace(/[:.]/g, '-')}.${ext}`,
      startedAt: Date.now(),
      recordedBytes: 0,
      ackedBytes: 0,
      stopped: false,
      durationSec: 0,
      finished: false,
    };
    await putRecording(rec);
    const upload = new LiveUpload(rec, 0);
    upload.kick();
    return upload;
  }

  /** A recording left unfinished by a closed tab: what was filmed is sent and completed. */
  static async resume(rec: RecordingRecord): Promise<LiveUpload> {
    const chunks = await listChunks(rec.id);
    const upload = new LiveUpload({ ...rec, stopped: true }, (chunks.at(-1)?.seq ?? -1) + 1);
    await putRecording(upload.rec);
    upload.kick();
    return upload;
  }

  get id(): string {
    return this.rec.id;
  }
  get record(): RecordingRecord {
    return this.rec;
  }

  subscribe(fn: (s: LiveUploadState) => void): () => void {
    this.listeners.add(fn);
    fn(this.state());
    return () => this.listeners.delete(fn);
  }

  state(): LiveUploadState {
    return {
      recordedBytes: this.rec.recordedBytes,
      ackedBytes: this.rec.ackedBytes,
      waitingNetwork: this.lastError?.status === 0 || (typeof navigator !== 'undefined' && !navigator.onLine),
      finished: this.rec.finished,
      error: this.lastError && !this.lastError.transient ? this.lastError : null,
    };
  }

  private emit() {
    const s = this.state();
    this.listeners.forEach((l) => l(s));
  }

  /** A chunk from MediaRecorder: stored first, then sent. */
  async add(blob: Blob, durationSec: number): Promise<void> {
    if (!blob.size) return;
    const chunk = { recordingId: this.rec.id, seq: this.seq++, start: this.rec.recordedBytes, blob };
    this.rec = { ...this.rec, recordedBytes: this.rec.recordedBytes + blob.size, durationSec };
    await putChunk(chunk);
    await putRecording(this.rec);
    this.emit();
    this.kick();
  }

  /** Filming stopped: send the tail and complete the upload. */
  async stop(durationSec: number): Promise<void> {
    this.rec = { ...this.rec, stopped: true, durationSec };
    await putRecording(this.rec);
    this.kick();
  }

  /** Resolves when the server has the whole file. */
  async whenFinished(): Promise<void> {
    if (this.rec.finished) return;
    await new Promise<void>((resolve, reject) => {
      const off = this.subscribe((s) => {
        if (s.finished) {
          queueMicrotask(() => off());
          resolve();
        } else if (s.error) {
          queueMicrotask(() => off());
          reject(s.error);
        }
      });
    });
  }

  /** Stops sending and forgets the local copy (the cook discarded the recording). */
  async discard(): Promise<void> {
    this.close();
    await deleteRecording(this.rec.id).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    window.removeEventListener('online', this.onOnline);
  }

  /** Start sending (or send again once the current round ends). */
  kick(): void {
    if (this.closed || this.rec.finished) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.pumping = this.pump()
      .catch((err: unknown) => this.failed(err))
      .finally(() => {
        this.pumping = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private failed(err: unknown) {
    const error = err instanceof TusError ? err : new TusError(0, 'network', String(err));
    this.lastError = error;
    this.emit();
    if (!error.transient || this.closed) return;
    if (error.status === 0 && !navigator.onLine) return; // 'online' kicks again
    const delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)] ?? 10000;
    this.timer = setTimeout(() => this.kick(), delay);
  }

  private async pump(): Promise<void> {
    if (!this.rec.uploadUrl) {
      const url = await createDeferredUpload(ENDPOINT, { sessionId: this.rec.sessionId, kind: 'source_video', filename: this.rec.filename, filetype: this.rec.mimeType.split(';')[0] ?? 'video/webm' });
      this.rec = { ...this.rec, uploadUrl: url };
      await putRecording(this.rec);
    }
    const url = this.rec.uploadUrl as string;
    // After a failure the server may hold more or fewer bytes than we think (a PATCH cut halfway).
    if (this.lastError) {
      try {
        this.rec = { ...this.rec, ackedBytes: await serverOffset(url) };
      } catch (err) {
        // The last PATCH's reply was lost, but the server completed the upload and let go of it.
        if (this.rec.finalSent && err instanceof TusError && (err.status === 404 || err.status === 410)) return this.complete();
        throw err;
      }
    }
    this.lastError = null;
    this.emit();
    for (;;) {
      if (this.closed) return;
      const chunks = await listChunks(this.rec.id);
      const next = chunks.find((c) => c.start + c.blob.size > this.rec.ackedBytes);
      const isLast = this.rec.stopped && (!next || !chunks.some((c) => c.seq > next.seq));
      if (!next && !isLast) break;
      const body = next ? next.blob.slice(this.rec.ackedBytes - next.start) : new Blob([]);
      if (isLast && !this.rec.finalSent) {
        this.rec = { ...this.rec, finalSent: true };
        await putRecording(this.rec);
      }
      const acked = await appendBytes(url, this.rec.ackedBytes, body, isLast ? this.rec.recordedBytes : undefined);
      this.failures = 0;
      this.rec = { ...this.rec, ackedBytes: acked, finished: isLast && acked === this.rec.recordedBytes };
      await putRecording(this.rec);
      if (this.rec.durationSec >= this.keepLocalUntilSec) await dropChunksBefore(this.rec.id, acked);
      this.emit();
      if (this.rec.finished) return this.complete();
    }
  }

  private async complete(): Promise<void> {
    this.rec = { ...this.rec, ackedBytes: this.rec.recordedBytes, finished: true };
    this.lastError = null;
    this.close();
    await deleteRecording(this.rec.id);
    this.emit();
  }
}

/** Recordings a closed tab left behind (not yet on the server). */
export async function pendingRecordings(): Promise<RecordingRecord[]> {
  try {
    return (await listRecordings()).filter((r) => !r.finished);
  } catch {
    return [];
  }
}

export { getRecording };

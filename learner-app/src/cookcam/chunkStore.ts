/**
 * Recorded chunks kept in IndexedDB until the server has them, so a closed tab, a locked phone
 * or a dropped network loses nothing. One record per recording (where its upload is) and one per
 * chunk (its bytes and where they start in the file).
 */
export interface RecordingRecord {
  id: string;
  sessionId: string;
  /** The tus upload URL, once created. */
  uploadUrl: string | null;
  mimeType: string;
  filename: string;
  startedAt: number;
  /** Bytes recorded so far (the sum of all chunks). */
  recordedBytes: number;
  /** Bytes the server has acknowledged. */
  ackedBytes: number;
  /** Filming has stopped: recordedBytes is the file's length. */
  stopped: boolean;
  durationSec: number;
  /** The server stored the whole file. */
  finished: boolean;
  /** The last PATCH (with Upload-Length) went out; its reply may have been lost. */
  finalSent?: boolean;
}

export interface ChunkRecord {
  recordingId: string;
  seq: number;
  start: number;
  blob: Blob;
}

const DB_NAME = 'ajimi-cookcam';
let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('recordings', { keyPath: 'id' });
      db.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function store(name: 'recordings' | 'chunks', mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await open()).transaction(name, mode).objectStore(name);
}

export async function putRecording(rec: RecordingRecord): Promise<void> {
  await done((await store('recordings', 'readwrite')).put(rec));
}

export async function getRecording(id: string): Promise<RecordingRecord | undefined> {
  return done((await store('recordings', 'readonly')).get(id) as IDBRequest<RecordingRecord | undefined>);
}

export async function listRecordings(): Promise<RecordingRecord[]> {
  return done((await store('recordings', 'readonly')).getAll() as IDBRequest<RecordingRecord[]>);
}

export async function putChunk(chunk: ChunkRecord): Promise<void> {
  await done((await store('chunks', 'readwrite')).put(chunk));
}

const range = (recordingId: string) => IDBKeyRange.bound([recordingId, 0], [recordingId, Number.MAX_SAFE_INTEGER]);

/** The recording's chunks in order. */
export async function listChunks(recordingId: string): Promise<ChunkRecord[]> {
  return done((await store('chunks', 'readonly')).getAll(range(recordingId)) as IDBRequest<ChunkRecord[]>);
}

/** Drops chunks that end at or before `offset` (the server has them). */
export async function dropChunksBefore(recordingId: string, offset: number): Promise<void> {
  const chunks = await listChunks(recordingId);
  const s = await store('chunks', 'readwrite');
  await Promise.all(chunks.filter((c) => c.start + c.blob.size <= offset).map((c) => done(s.delete([recordingId, c.seq]))));
}

export async function deleteRecording(recordingId: string): Promise<void> {
  await done((await store('chunks', 'readwrite')).delete(range(recordingId)));
  await done((await store('recordings', 'readwrite')).delete(recordingId));
}

/**
 * The three tus 1.0 requests an upload-while-filming needs, with creation-defer-length
 * (https://tus.io/protocols/resumable-upload#upload-defer-length): create with
 * `Upload-Defer-Length: 1`, append with PATCH at the server's offset, and declare `Upload-Length`
 * on the last PATCH. tus-js-client wants the whole file (or a stream it reads itself) up front;
 * here the bytes are still being filmed, so the requests are made directly.
 */
const TUS = { 'Tus-Resumable': '1.0.0' };

export class TusError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
  /** Retrying can help (network, server busy, offset race); otherwise the server refused for good. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || [408, 409, 423, 429].includes(this.status);
  }
}

async function refusal(res: Response): Promise<TusError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return new TusError(res.status, body.error?.code, body.error?.message ?? `HTTP ${res.status}`);
  } catch {
    return new TusError(res.status, undefined, text || `HTTP ${res.status}`);
  }
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { credentials: 'same-origin', ...init });
  } catch (err) {
    throw new TusError(0, 'network', err instanceof Error ? err.message : String(err));
  }
}

function encodeMetadata(meta: Record<string, string>): string {
  const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
  return Object.entries(meta)
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');
}

/** Creates an upload whose length is not known yet; returns its URL. */
export async function createDeferredUpload(endpoint: string, metadata: Record<string, string>): Promise<string> {
  const res = await request(endpoint, { method: 'POST', headers: { ...TUS, 'Upload-Defer-Length': '1', 'Upload-Metadata': encodeMetadata(metadata) } });
  if (res.status !== 201) throw await refusal(res);
  const location = res.headers.get('Location');
  if (!location) throw new TusError(res.status, 'bad_response', 'The server created the upload but sent no Location.');
  return new URL(location, window.location.href).toString();
}

/** How many bytes the server has (HEAD). */
export async function serverOffset(url: string): Promise<number> {
  const res = await request(url, { method: 'HEAD', headers: TUS, cache: 'no-store' });
  if (!res.ok) throw await refusal(res);
  const offset = Number(res.headers.get('Upload-Offset'));
  if (!Number.isFinite(offset) || offset < 0) throw new TusError(res.status, 'bad_response', 'No Upload-Offset in the reply.');
  return offset;
}

/** Appends `body` at `offset`; with `finalLength` it is the last request. Returns the new offset. */
export async function appendBytes(url: string, offset: number, body: Blob, finalLength?: number): Promise<number> {
  const res = await request(url, {
    method: 'PATCH',
    headers: {
      ...TUS,
      'Content-Type': 'application/offset+octet-stream',
      'Upload-Offset': String(offset),
      ...(finalLength === undefined ? {} : { 'Upload-Length': String(finalLength) }),
    },
    body,
  });
  if (res.status !== 204) throw await refusal(res);
  return Number(res.headers.get('Upload-Offset') ?? offset + body.size);
}

import fs from 'node:fs';
import path from 'node:path';
import * as tus from 'tus-js-client';
import { expect, inject } from 'vitest';

/** The product's HTTP API beside the browser: sign-in cookies, JSON calls, polling and tus uploads. */
const baseUrl = () => inject('baseUrl');

/** A cookie session for an account (a demo account when no password is given). */
export async function apiLogin(email: string, password: string = inject('demoPassword')): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

export async function api<T>(cookie: string, p: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${baseUrl()}${p}`, { ...init, headers: { cookie, 'content-type': 'application/json', ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Uploads a session's video through tus, as the learner app does. */
export function upload(cookie: string, file: string, sessionId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    new tus.Upload(fs.createReadStream(file), {
      endpoint: `${baseUrl()}/api/uploads`,
      uploadSize: fs.statSync(file).size,
      chunkSize: 4 * 1024 * 1024,
      headers: { cookie },
      metadata: { sessionId, kind: 'source_video', filename: path.basename(file), filetype: 'video/mp4' },
      onSuccess: () => resolve(),
      onError: reject,
    }).start();
  });
}

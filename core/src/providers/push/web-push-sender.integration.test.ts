import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID, createECDH, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createKnex } from '../../db/knex';
import { createWebPushSender, vapidKeys } from './web-push-sender';

// A push service on loopback over TLS (web-push only speaks https), with a self-signed certificate.
const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-push-'));
const received: Array<{ path: string; headers: Record<string, unknown>; bytes: number }> = [];
let server: https.Server;
let base: string;
let agent: https.Agent;
let userId: string;

/** This test's own push service is on loopback; the product's check refuses loopback (see push-endpoint.ts). */
const loopbackOnly = (endpoint: string) => (endpoint.startsWith(`${base}/`) ? ({ ok: true } as const) : ({ ok: false, reason: 'not the test service' } as const));

function subscription(pathname: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { endpoint: `${base}${pathname}`, p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') };
}

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const cert = fs.readFileSync(path.join(dir, 'cert.pem'));
  server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert }, (req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, bytes });
      if (req.url?.startsWith('/hang')) return; // a push service that never answers
      res.writeHead(req.url?.startsWith('/gone') ? 410 : req.url?.startsWith('/broken') ? 500 : 201).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent = new https.Agent({ ca: cert });
  const [user] = await knex('users').insert({ email: `push-${randomUUID()}@test.ajimi.local`, name: 'Push', role: 'learner' }).returning('id');
  userId = user.id;
});
afterAll(async () => {
  server.close();
  await knex.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('web push', () => {
  it('keeps one VAPID key pair for every process', async () => {
    expect(await vapidKeys(knex)).toEqual(await vapidKeys(knex));
  });

  it('delivers an encrypted, VAPID-signed message to every subscription, drops gone ones and counts failures', async () => {
    for (const p of ['/ok', '/gone', '/broken']) await knex('push_subscriptions').insert({ user_id: userId, ...subscription(p) });
    const sender = createWebPushSender({ knex, subject: 'mailto:admin@ajimi.local', agent, checkEndpoint: loopbackOnly });
    const result = await sender.notifyUser(userId, { title: 'コーチングが届きました', body: 'チャーハン 3回目', url: '/#/rooms/x' });
    expect(result).toEqual({ sent: 1, removed: 1 });
    const ok = received.find((r) => r.path === '/ok')!;
    expect(String(ok.headers.authorization)).toMatch(/^vapid t=.+, k=.+/);
    expect(ok.headers['content-encoding']).toBe('aes128gcm');
    expect(ok.bytes).toBeGreaterThan(0);
    const left = await knex('push_subscriptions').where({ user_id: userId }).orderBy('endpoint');
    expect(left.map((s) => [new URL(s.endpoint).pathname, s.failure_count])).toEqual([
      ['/broken', 1],
      ['/ok', 0],
    ]);
  });

  it('sends to every browser in parallel, so dead push services cost one short timeout, not one each', async () => {
    const [other] = await knex('users').insert({ email: `push-${randomUUID()}@test.ajimi.local`, name: 'Many', role: 'learner' }).returning('id');
    for (let i = 0; i < 8; i++) await knex('push_subscriptions').insert({ user_id: other.id, ...subscription(`/hang/${i}`) });
    await knex('push_subscriptions').insert({ user_id: other.id, ...subscription('/ok-many') });
    const sender = createWebPushSender({ knex, subject: 'mailto:admin@ajimi.local', agent, checkEndpoint: loopbackOnly, timeoutMs: 800 });
    const started = Date.now();
    const result = await sender.notifyUser(other.id, { title: 't', body: 'b', url: '/' });
    const elapsed = Date.now() - started;
    expect(result).toEqual({ sent: 1, removed: 0 });
    // One after another this took 8 × the timeout (6.4 s here, 80 s with the old 10 s timeout). In
    // parallel it is one timeout plus the database writes, which a loaded 2-core machine slows: 4 ×.
    expect(elapsed).toBeLessThan(4 * 800);
    const failures = await knex('push_subscriptions').where({ user_id: other.id }).where('endpoint', 'like', '%/hang/%').pluck('failure_count');
    expect(failures).toEqual(Array(8).fill(1));
  });

  it('never contacts a stored endpoint that is not a known push service: the row is dropped', async () => {
    const [other] = await knex('users').insert({ email: `push-${randomUUID()}@test.ajimi.local`, name: 'Old', role: 'learner' }).returning('id');
    await knex('push_subscriptions').insert({ user_id: other.id, ...subscription('/legacy-row') });
    const before = received.length;
    const result = await createWebPushSender({ knex, subject: 'mailto:admin@ajimi.local', agent }).notifyUser(other.id, { title: 't', body: 'b', url: '/' });
    expect(result).toEqual({ sent: 0, removed: 1 });
    expect(received.length).toBe(before);
    expect(received.some((r) => r.path === '/legacy-row')).toBe(false);
    expect(await knex('push_subscriptions').where({ user_id: other.id })).toEqual([]);
  });
});

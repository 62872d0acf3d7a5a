import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { singlePageApp } from './frontends';

function builtApp(): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-spa-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), `<!doctype html><title>app</title>${'<div></div>'.repeat(200)}`);
  fs.writeFileSync(path.join(dist, 'assets/app-abc123.js'), 'console.log("a fairly repetitive bundle");\n'.repeat(500));
  fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  return dist;
}

describe('a built front-end', () => {
  const dist = builtApp();
  const app = express().use('/app', singlePageApp(dist, 'test app'));

  it('gzips the shell for clients that accept it, and caches hashed assets for a year', async () => {
    const res = await supertest(app).get('/app/assets/app-abc123.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toMatch(/immutable/);
    const plain = await supertest(app).get('/app/assets/app-abc123.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('answers any other path with index.html, never cached; the service worker is never cached either', async () => {
    const page = await supertest(app).get('/app/some/deep/link').set('Accept-Encoding', 'gzip').expect(200);
    expect(page.text).toContain('<title>app</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    const sw = await supertest(app).get('/app/sw.js').expect(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
  });

  it('says how to build it when it is not built', async () => {
    const missing = express().use('/x', singlePageApp(path.join(dist, 'nope'), 'console'));
    const res = await supertest(missing).get('/x/').expect(503);
    expect(res.text).toMatch(/console is not built/);
  });
});

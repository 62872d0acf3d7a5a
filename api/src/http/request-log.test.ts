import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { requestLog } from './request-log';

/** An app whose one route logs through req.log at `routeLevel`, with every line the logger writes. */
function appLoggingAt(level: string, routeLevel: 'fatal' | 'error' | 'none') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = express();
  app.use(requestLog(pino({ level }, sink)));
  app.get('/thing', (req, res) => {
    if (routeLevel !== 'none') req.log[routeLevel]('route line');
    res.json({ id: req.id });
  });
  return { app, lines };
}

describe('request log', () => {
  it('at level fatal writes nothing for an ordinary request, yet gives it an id (a sane X-Request-Id is kept)', async () => {
    const { app, lines } = appLoggingAt('fatal', 'none');
    const res = await supertest(app).get('/thing').set('X-Request-Id', 'req-12345678').expect(200);
    expect(res.body.id).toBe('req-12345678');
    expect(res.headers['x-request-id']).toBe('req-12345678');
    const fresh = await supertest(app).get('/thing').set('X-Request-Id', 'bad id!').expect(200);
    expect(fresh.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.headers['x-request-id']).toBe(fresh.body.id);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines).toEqual([]);
  });

  it("at level fatal a handler's line still carries the request, without credentials", async () => {
    const { app, lines } = appLoggingAt('fatal', 'fatal');
    await supertest(app).get('/thing?sig=s3cret&page=2').set('Cookie', 'ajimi_session=t0ken').set('X-Request-Id', 'req-abcdefgh').expect(200);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { msg: string; req: { id: string; url: string; headers: Record<string, string> } };
    expect(line.msg).toBe('route line');
    expect(line.req).toMatchObject({ id: 'req-abcdefgh', url: '/thing?sig=[redacted]&page=2' });
    expect(lines[0]).not.toContain('t0ken');
    expect(lines[0]).not.toContain('s3cret');
  });

  it('at level info writes one line per answered request beside the handler lines (pino-http)', async () => {
    const { app, lines } = appLoggingAt('info', 'error');
    await supertest(app).get('/thing').set('Cookie', 'ajimi_session=t0ken').expect(200);
    for (let i = 0; i < 50 && lines.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['route line', 'request completed']);
    expect(lines.join('\n')).not.toContain('t0ken');
  });
});

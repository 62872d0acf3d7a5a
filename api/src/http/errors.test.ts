import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './errors';

/** Just the parts of a request/response the handler reads, and a log that records its levels. */
function exchange(closed: boolean) {
  const logged: Array<[string, string]> = [];
  const log = { error: (_o: unknown, msg: string) => logged.push(['error', msg]), debug: (_o: unknown, msg: string) => logged.push(['debug', msg]) };
  const sent: { status?: number; body?: unknown } = {};
  const res = Object.assign(new EventEmitter(), {
    headersSent: false,
    closed,
    status(code: number) {
      sent.status = code;
      return res;
    },
    json(body: unknown) {
      sent.body = body;
      return res;
    },
  });
  const req = { id: 'req-1', log } as unknown as Request;
  return { req, res: res as unknown as Response, logged, sent };
}

describe('error handler', () => {
  it('logs an unexpected failure as an error and answers 500 without the stack', () => {
    const { req, res, logged, sent } = exchange(false);
    errorHandler(new Error('boom'), req, res, () => {});
    expect(logged).toEqual([['error', 'unhandled error']]);
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('boom');
  });

  it('does not log an error when the client went away first (its abort ended the work)', () => {
    const { req, res, logged, sent } = exchange(true);
    const aborted = Object.assign(new Error('Synthesis was aborted'), { name: 'TtsError' });
    errorHandler(aborted, req, res, () => {});
    expect(logged).toEqual([['debug', 'client went away before the answer']]);
    expect(sent.status).toBeUndefined();
  });
});

import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { StorageProvider } from '@ajimi/core/providers/storage/storage-provider';
import { findSessionUser } from '@ajimi/core/services/auth/session-user';
import { listMessagesSince } from '@ajimi/core/data/chat-rooms';
import { attachMessageMedia } from '@ajimi/core/services/chat/message-media';
import { listSessionsUpdatedSince } from '@ajimi/core/services/sessions/cooking-sessions';
import { currentUser, requireRole } from '../http/authenticate';
import { parse } from '../http/parse';
import { StreamSlots } from '../http/stream-slots';
import { databaseNow } from '@ajimi/core/data/database-clock';

export interface EventStreamOptions {
  /** How often the database is asked for news (there is no LISTEN/NOTIFY on the embedded database). */
  pollMs?: number;
  /** A stream ends after this long and the browser reconnects, authenticating again. */
  lifetimeMs?: number;
  heartbeatMs?: number;
  /** Live streams one user may hold open on this process. */
  maxStreamsPerUser?: number;
}

/** Rows are stamped with their transaction's start, so a commit can land a little behind the cursor. */
const OVERLAP_MS = 10_000;

/**
 * GET /api/events: Server-Sent Events for the cook's app. `message` for every new message in their
 * rooms (video messages with signed media URLs), `session` when one of their sessions changes
 * status. Every event's id is a cursor: a reconnecting EventSource sends it back (Last-Event-ID)
 * and misses nothing; `ready` says whether the stream resumed or the app should reload.
 * Works on any number of API processes: the state is in Postgres, read by polling.
 */
export function eventRoutes(deps: { knex: Knex; storage: StorageProvider; sessionCheck?: boolean } & EventStreamOptions): Router {
  const pollMs = deps.pollMs ?? 1500;
  const lifetimeMs = deps.lifetimeMs ?? 120_000;
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const slots = new StreamSlots(deps.maxStreamsPerUser);
  const router = Router();
  router.use(requireRole('learner'));
  router.get('/', (req, res, next) => {
    stream(req, res).catch(next);
  });

  async function stream(req: Request, res: Response): Promise<void> {
    parse(z.object({}).strict(), req.query, 'query');
    const userId = currentUser(req).id;
    const release = slots.acquire(userId);
    req.on('close', release);
    const sessionId = req.sessionId;
    const dbNow = () => databaseNow(deps.knex);
    const resumeFrom = parseCursor(req.get('last-event-id'));
    const start = resumeFrom ?? (await dbNow());

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('X-Accel-Buffering', 'no'); // proxies must not hold events back
    res.flushHeaders();
    let closed = false;
    const write = (chunk: string) => {
      if (!closed) res.write(chunk);
    };
    const send = (event: string, id: string, data: unknown) => write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    write('retry: 3000\n\n');
    send('ready', start.toISOString(), { resumed: Boolean(resumeFrom) });

    const sentMessages = new Set<string>();
    const sentSessions = new Map<string, string>();
    let since = new Date(start.getTime() - OVERLAP_MS);
    let polls = 0;
    let failures = 0;
    const heartbeat = setInterval(() => write(': ping\n\n'), heartbeatMs);
    const stop = () => {
      if (closed) return;
      closed = true;
      release();
      clearInterval(heartbeat);
      clearTimeout(timer);
      clearTimeout(lifetime);
      res.end();
    };
    req.on('close', stop);
    const lifetime = setTimeout(stop, lifetimeMs);
    let timer: NodeJS.Timeout | undefined;

    const poll = async () => {
      if (closed) return;
      try {
        // A revoked or expired session stops hearing anything soon after.
        if (sessionId && deps.sessionCheck !== false && polls++ % 20 === 19 && !(await findSessionUser(deps.knex, sessionId))) return stop();
        const cursor = await dbNow();
        const messages = (await listMessagesSince(deps.knex, userId, since)).filter((m) => !sentMessages.has(m.id));
        const sessions = (await listSessionsUpdatedSince(deps.knex, userId, since)).filter((s) => sentSessions.get(s.id) !== `${s.updatedAt}|${s.status}`);
        const id = cursor.toISOString();
        for (const s of sessions) {
          sentSessions.set(s.id, `${s.updatedAt}|${s.status}`);
          send('session', id, s);
        }
        for (const m of await attachMessageMedia(deps.knex, deps.storage, userId, messages)) {
          sentMessages.add(m.id);
          send('message', id, m);
        }
        since = new Date(cursor.getTime() - OVERLAP_MS);
        failures = 0;
      } catch (err) {
        req.log?.warn({ err }, 'event stream poll failed');
        if (++failures >= 5) return stop(); // the browser reconnects and starts over
      }
      if (!closed) timer = setTimeout(() => void poll(), pollMs);
    };
    timer = setTimeout(() => void poll(), Math.min(pollMs, 250));
  }
  return router;
}

/** Our own ids are ISO times; anything else (or a cursor too old to trust) means start fresh. */
function parseCursor(value: string | undefined): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t) || Date.now() - t > 10 * 60_000 || t > Date.now() + 60_000) return null;
  return new Date(t);
}

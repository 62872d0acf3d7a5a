import { describe, expect, it } from 'vitest';
import { installOrderedProtocolQueue } from './ordered-protocol-queue';

/** A stand-in for pglite-socket's queue manager with the fields the scheduler uses; PGlite is a log. */
function fakeServer(inTransaction: () => boolean = () => false) {
  const ran: string[] = [];
  const queryQueue = {
    queue: [] as Array<{ handlerId: number; message: Uint8Array; resolve(n: number): void; reject(e: unknown): void; onData(d: Uint8Array): void }>,
    processing: false,
    lastHandlerId: null as number | null,
    db: {
      isInTransaction: inTransaction,
      runExclusive: <T>(fn: () => Promise<T>) => fn(),
      execProtocolRawStream: async (message: Uint8Array) => {
        await new Promise((r) => setImmediate(r));
        const label = new TextDecoder().decode(message.slice(1));
        if (label.includes('boom')) throw new Error('boom');
        ran.push(label);
      },
    },
    processQueue: async () => {},
    clearQueueForHandler(handlerId: number) {
      this.queue = this.queue.filter((m) => m.handlerId !== handlerId);
    },
  };
  const server = { queryQueue };
  const installed = installOrderedProtocolQueue(server);
  const send = (handlerId: number, type: string, label: string) =>
    new Promise<number>((resolve, reject) => {
      queryQueue.queue.push({ handlerId, message: new TextEncoder().encode(type + label), resolve, reject, onData: () => {} });
      void queryQueue.processQueue();
    });
  const whenIdle = (label: string) => installed.whenIdle(async () => void ran.push(label));
  return { ran, send, queryQueue, whenIdle };
}

describe('ordered protocol queue', () => {
  it('runs one client’s Parse…Sync as a unit even when another client’s messages arrive in between', async () => {
    const { ran, send } = fakeServer();
    const done = Promise.all([
      send(1, 'P', 'A-parse'),
      send(2, 'P', 'B-parse'), // arrives before A's Bind
      send(1, 'B', 'A-bind'),
      send(2, 'B', 'B-bind'),
      send(1, 'E', 'A-exec'),
      send(1, 'S', 'A-sync'),
      send(2, 'E', 'B-exec'),
      send(2, 'S', 'B-sync'),
    ]);
    await done;
    expect(ran).toEqual(['A-parse', 'A-bind', 'A-exec', 'A-sync', 'B-parse', 'B-bind', 'B-exec', 'B-sync']);
  });

  it('waits for the pinned client’s next message instead of letting others in', async () => {
    const { ran, send } = fakeServer();
    const a1 = send(1, 'P', 'A-parse');
    const b = send(2, 'Q', 'B-simple');
    await a1;
    await new Promise((r) => setTimeout(r, 5));
    expect(ran).toEqual(['A-parse']); // B waits: A is mid-sequence
    await Promise.all([send(1, 'B', 'A-bind'), send(1, 'S', 'A-sync'), b]);
    expect(ran).toEqual(['A-parse', 'A-bind', 'A-sync', 'B-simple']);
  });

  it('keeps going after an error, and a client that disconnects mid-sequence releases the session', async () => {
    const { ran, send, queryQueue } = fakeServer();
    await expect(send(1, 'Q', 'boom')).rejects.toThrow('boom');
    await send(2, 'Q', 'after-error');
    const a = send(3, 'P', 'C-parse');
    const b = send(4, 'Q', 'D-simple');
    await a;
    queryQueue.clearQueueForHandler(3); // client 3 went away without its Sync
    await b;
    expect(ran).toEqual(['after-error', 'C-parse', 'D-simple']);
  });

  it('runs the server’s own task between clients, never inside a sequence or a transaction', async () => {
    // Client 2's transaction is open from its BEGIN until its COMMIT has run.
    const { ran, send, whenIdle } = fakeServer(() => ran.includes('B-begin') && !ran.includes('B-commit'));
    await whenIdle('vacuum-now'); // nobody holds the session: at once
    await new Promise((r) => setTimeout(r, 5));
    const a = send(1, 'P', 'A-parse');
    const task = whenIdle('vacuum-after-sync');
    await a;
    await new Promise((r) => setTimeout(r, 5));
    expect(ran).toEqual(['vacuum-now', 'A-parse']); // waits: A is mid-sequence
    await send(1, 'S', 'A-sync');
    await task;
    await send(2, 'Q', 'B-begin'); // client 2 opens a transaction and is idle inside it
    const later = whenIdle('vacuum-after-commit');
    await new Promise((r) => setTimeout(r, 5));
    expect(ran.at(-1)).toBe('B-begin');
    await send(2, 'Q', 'B-commit');
    await later;
    expect(ran).toEqual(['vacuum-now', 'A-parse', 'A-sync', 'vacuum-after-sync', 'B-begin', 'B-commit', 'vacuum-after-commit']);
  });

  it('reports a failed task and carries on', async () => {
    const { ran, send, queryQueue } = fakeServer();
    const installed = installOrderedProtocolQueue({ queryQueue });
    await expect(installed.whenIdle(async () => Promise.reject(new Error('vacuum failed')))).rejects.toThrow('vacuum failed');
    await send(1, 'Q', 'after');
    expect(ran).toEqual(['after']);
  });
});

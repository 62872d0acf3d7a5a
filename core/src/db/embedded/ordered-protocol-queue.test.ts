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

  it('answers a named Parse already prepared in the shared session with ParseComplete, without running it again', async () => {
    const { ran, queryQueue } = fakeServer();
    // A Parse message: 'P', length, name, query, no parameter types.
    const parse = (name: string, text: string) => {
      const body = Buffer.concat([Buffer.from(`${name}\0${text}\0`), Buffer.from([0, 0])]);
      const head = Buffer.alloc(5);
      head.write('P', 0);
      head.writeInt32BE(body.length + 4, 1);
      return new Uint8Array(Buffer.concat([head, body]));
    };
    // The fake database answers a Parse with ParseComplete, as Postgres does, and a Sync with nothing.
    queryQueue.db.execProtocolRawStream = async (message: Uint8Array, options?: { onRawData(d: Uint8Array): void }) => {
      if (message[0] !== 0x50) return;
      ran.push(new TextDecoder().decode(message.slice(5)).split('\0').slice(0, 2).join(':'));
      options?.onRawData(new Uint8Array([0x31, 0, 0, 0, 4]));
    };
    const send = (handlerId: number, message: Uint8Array) =>
      new Promise<Uint8Array[]>((resolve, reject) => {
        const got: Uint8Array[] = [];
        queryQueue.queue.push({ handlerId, message, resolve: () => resolve(got), reject, onData: (d) => got.push(d) });
        void queryQueue.processQueue();
      });
    const sync = (handlerId: number) => send(handlerId, new TextEncoder().encode('S'));

    const first = await send(1, parse('list_a', 'select 1'));
    await sync(1);
    const second = await send(2, parse('list_a', 'select 1')); // another client, the same statement
    await sync(2);
    await send(3, parse('list_a', 'select 2')); // the same name for other text: Postgres decides (an error)
    await sync(3);
    await send(2, parse('', 'select 1')); // the unnamed statement is always parsed
    await sync(2);
    expect(ran).toEqual(['list_a:select 1', 'list_a:select 2', ':select 1']);
    expect(first).toEqual([new Uint8Array([0x31, 0, 0, 0, 4])]);
    expect(second).toEqual([new Uint8Array([0x31, 0, 0, 0, 4])]);
  });
});

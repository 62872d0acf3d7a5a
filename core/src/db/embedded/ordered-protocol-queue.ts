/**
 * pglite-socket multiplexes many client connections onto PGlite's one session by queueing each
 * wire-protocol *message* separately. With the extended protocol (what node-postgres uses for
 * every parameterised query) one client's Parse/Bind/Execute/Sync can then interleave with
 * another's: Bind runs against the other client's unnamed statement ("unnamed prepared statement
 * does not exist", or worse, the wrong statement with these parameters). Its queue also stalls for
 * good after a thrown error.
 *
 * This replaces the queue's scheduler: once a client sends an extended-protocol message, only that
 * client's messages run until its Sync; inside a transaction, only its messages run until the
 * transaction ends (as before). Errors reject that message and the queue carries on.
 *
 * Named prepared statements live in that one session too: a client preparing a name the session
 * already holds with the same text is answered ParseComplete and uses it (Postgres would refuse
 * the second Parse with "already exists"); see PREPARED in core/src/db/knex.ts.
 *
 * It also runs the server's own maintenance (whenIdle): a task waits until no client is mid-sequence
 * or inside a transaction, then runs alone on the session between two clients' messages.
 */

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, options: { onRawData(data: Uint8Array): void }): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

// Frontend message types of the extended query protocol, which must run as one unit up to Sync.
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
const SYNC = 'S'.charCodeAt(0);
const PARSE = 'P'.charCodeAt(0);
const PARSE_COMPLETE = new Uint8Array([0x31, 0, 0, 0, 4]); // '1', length 4

/** A Parse message's statement name ('' for the unnamed statement). */
function statementName(message: Uint8Array): string {
  const end = message.indexOf(0, 5);
  return new TextDecoder().decode(message.subarray(5, end));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

export interface OrderedProtocolQueue {
  /** Runs `task` alone on the session as soon as no client holds it; resolves with its outcome. */
  whenIdle<T>(task: () => Promise<T>): Promise<T>;
}

interface IdleTask {
  run(): Promise<void>;
}

export function installOrderedProtocolQueue(server: object): OrderedProtocolQueue {
  const q = (server as { queryQueue?: QueryQueue }).queryQueue;
  if (!q || typeof q.processQueue !== 'function' || !Array.isArray(q.queue)) {
    throw new Error('pglite-socket internals changed: cannot install the ordered protocol queue (check the pinned version)');
  }
  let pinned: number | null = null; // the client in the middle of an extended-protocol sequence
  const idleTasks: IdleTask[] = [];
  // Named statements live in the one session all clients share: a client preparing a name that is
  // already prepared with the same text is answered ParseComplete, and uses the session's statement.
  const prepared = new Map<string, Uint8Array>();

  q.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || (this.queue.length === 0 && idleTasks.length === 0)) return;
    this.processing = true;
    try {
      while (this.queue.length > 0 || idleTasks.length > 0) {
        if (idleTasks.length > 0 && pinned === null && !this.db.isInTransaction()) {
          await idleTasks.shift()!.run();
          continue;
        }
        if (this.queue.length === 0) break; // a task waits for a transaction's owner to finish it
        const owner = pinned ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((m) => m.handlerId === owner);
        if (index === -1) break; // wait for the owner's next message; its arrival restarts us
        const [item] = this.queue.splice(index, 1) as [QueuedMessage];
        const type = item.message[0] as number;
        const name = type === PARSE ? statementName(item.message) : '';
        if (name !== '' && sameBytes(prepared.get(name) ?? new Uint8Array(0), item.message)) {
          item.onData(PARSE_COMPLETE);
          this.lastHandlerId = item.handlerId;
          pinned = item.handlerId;
          item.resolve(PARSE_COMPLETE.length);
          continue;
        }
        let bytes = 0;
        let first: number | undefined;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                first ??= data[0];
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          this.lastHandlerId = item.handlerId;
          if (name !== '' && first === PARSE_COMPLETE[0]) prepared.set(name, item.message.slice());
          if (EXTENDED.has(type)) pinned = item.handlerId;
          else if (type === SYNC || pinned === item.handlerId) pinned = null;
          item.resolve(bytes);
        } catch (error) {
          if (pinned === item.handlerId) pinned = null;
          item.reject(error);
        }
      }
    } finally {
      this.processing = false;
    }
  };

  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    if (pinned === handlerId) pinned = null; // a client that left mid-sequence releases the session
    clear(handlerId);
    void q.processQueue();
  };

  return {
    whenIdle<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        idleTasks.push({ run: () => task().then(resolve, reject) });
        void q.processQueue.call(q);
      });
    },
  };
}

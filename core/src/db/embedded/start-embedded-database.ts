import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export interface EmbeddedDatabase {
  url: string;
  pid: number;
  /** Closes the database cleanly (data flushed, lock released). */
  stop(): Promise<void>;
}

const serverEntry = fileURLToPath(new URL('./embedded-database-server.ts', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts PGlite + pgvector in a child process and resolves once it accepts connections. */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port?: number;
  timeoutMs?: number;
  /** How often the server vacuums and analyzes itself (AJIMI_EMBEDDED_DB_VACUUM_MINUTES, default 60; 0: never). */
  vacuumMinutes?: number;
}): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = fork(serverEntry, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      AJIMI_EMBEDDED_DB_DIR: options.dataDir,
      AJIMI_EMBEDDED_DB_PORT: String(port),
      ...(options.vacuumMinutes === undefined ? {} : { AJIMI_EMBEDDED_DB_VACUUM_MINUTES: String(options.vacuumMinutes) }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true, // a Ctrl+C reaches the parent only; the parent stops the database last
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The embedded database did not start within ${options.timeoutMs ?? 60_000} ms`));
    }, options.timeoutMs ?? 60_000);
    child.on('message', (message: { type?: string; url?: string; message?: string }) => {
      if (message.type === 'ready' && message.url) {
        clearTimeout(timer);
        resolve(message.url);
      } else if (message.type === 'error') {
        clearTimeout(timer);
        reject(new Error(message.message));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The embedded database exited during start (code ${code})`));
    });
  });

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    url,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode === null && child.connected) child.send('shutdown');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

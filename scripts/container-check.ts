/**
 * `npm test -- container`: the container image, proven without a Docker engine. It replays the
 * Dockerfile in clean temporary directories (each stage a directory standing for /app):
 *   context   the files .dockerignore lets through (never .env, data/, node_modules, dist);
 *   build     npm ci from the lockfile + the front-end build;
 *   runtime   npm ci --omit=dev, the sources, the built front-ends from "build";
 * then runs the runtime tree the way docker-compose.yml does, as a non-root user when it can:
 * the migration, the API and a worker against an embedded Postgres (standing in for the db
 * service), until the compose healthchecks and the API's readiness answer. Instructions marked
 * `# container-check: system` (apt, /data ownership) change the OS and are not replayed; the
 * host's ffmpeg and fonts stand in for them. Prints each phase's time; exit 0 = the image works.
 * Options: --keep (leave the directories for a look).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startEmbeddedDatabase } from '@ajimi/core/db/embedded/start-embedded-database';
import { API_HEALTH_READY_PATH } from '../api/src/routes/health-paths';
import { isIgnored, parseDockerignore } from './container/dockerignore';
import { commandOf, healthcheckCommand, parseDockerfile, parseEnvArgs, type Stage } from './container/parse-dockerfile';

const root = path.resolve(import.meta.dirname, '..');
const keep = process.argv.includes('--keep');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-container-'));
fs.chmodSync(work, 0o755);
const started = Date.now();
const timings: Array<[string, number]> = [];
const children: ChildProcess[] = [];
// Root replays the image's `USER node` as an unprivileged uid: only /data and /tmp are writable to it.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const nodeDir = path.dirname(process.execPath); // Node 22, as in the image

function say(message: string): void {
  console.log(`[container] ${message}`);
}
function fail(message: string): never {
  throw new Error(message);
}
async function phase<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  const t = Date.now();
  say(`${name}…`);
  const result = await run();
  timings.push([name, (Date.now() - t) / 1000]);
  return result;
}

// --- The build context ---------------------------------------------------------------------
function copyContext(dest: string): number {
  const rules = parseDockerignore(fs.readFileSync(path.join(root, '.dockerignore'), 'utf8'));
  let files = 0;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (isIgnored(rules, child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) {
        fs.mkdirSync(path.dirname(path.join(dest, child)), { recursive: true });
        fs.copyFileSync(path.join(root, child), path.join(dest, child));
        files++;
      }
    }
  };
  walk('');
  for (const banned of ['.env', 'data', 'node_modules', '.git', 'console/dist']) {
    if (fs.existsSync(path.join(dest, banned))) fail(`the build context contains ${banned}: fix .dockerignore`);
  }
  return files;
}

// --- Replaying a stage ---------------------------------------------------------------------
interface StageResult {
  dir: string;
  env: Record<string, string>;
  user?: string;
  cmd?: string[];
  healthcheck?: string[];
  volumes: string[];
  skipped: string[];
}

function inStage(dir: string, p: string): string {
  if (p === '/app' || p.startsWith('/app/')) return path.join(dir, p.slice('/app'.length));
  if (path.isAbsolute(p)) fail(`COPY to ${p}: only paths under /app can be replayed`);
  return path.join(dir, p);
}

function copy(src: string, dest: string, destIsDir: boolean): void {
  const stat = fs.statSync(src);
  if (stat.isDirectory()) {
    fs.mkdirSync(dest, { recursive: true });
    fs.cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
  } else {
    const target = destIsDir ? path.join(dest, path.basename(src)) : dest;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(src, target);
  }
}

function replay(stage: Stage, stages: Map<string, StageResult>, context: string): StageResult {
  const parent = stages.get(stage.from);
  const dir = path.join(work, `stage-${stage.name}`);
  if (parent) fs.cpSync(parent.dir, dir, { recursive: true, verbatimSymlinks: true });
  else fs.mkdirSync(dir, { recursive: true });
  const result: StageResult = { dir, env: { ...(parent?.env ?? {}) }, volumes: [], skipped: [...(parent?.skipped ?? [])] };
  for (const ins of stage.instructions) {
    if (ins.system) {
      result.skipped.push(`${ins.op} ${ins.args}`);
      continue;
    }
    switch (ins.op) {
      case 'WORKDIR':
        if (ins.args !== '/app') fail(`WORKDIR ${ins.args}: the check replays /app only`);
        break;
      case 'COPY': {
        const words = ins.args.split(/\s+/);
        const from = words[0]?.startsWith('--from=') ? (words.shift() as string).slice('--from='.length) : undefined;
        if (words.some((w) => w.startsWith('--'))) fail(`COPY ${ins.args}: unsupported option`);
        const dest = words.pop() as string;
        const source = from ? stages.get(from) ?? fail(`COPY --from=${from}: no such stage`) : undefined;
        const destIsDir = dest.endsWith('/') || dest === '.' || words.length > 1;
        for (const src of words) {
          const abs = source ? inStage(source.dir, src) : path.join(context, src);
          copy(abs, inStage(dir, dest), destIsDir);
        }
        break;
      }
      case 'RUN': {
        // A cache mount is a cache kept between builds: here, the machine's own npm cache.
        const script = ins.args.replace(/^--mount=type=cache,target=\/root\/\.npm\s+/, '');
        if (script.startsWith('--')) fail(`RUN ${ins.args}: unsupported option`);
        const [cmd, ...args] = commandOf(script);
        const env = { ...process.env, ...result.env, PATH: `${nodeDir}:${process.env.PATH}` };
        const t = Date.now();
        const run = spawnSync(cmd as string, args, { cwd: dir, env, stdio: 'inherit' });
        if (run.status !== 0) fail(`stage ${stage.name}: RUN ${ins.args} failed (exit ${run.status})`);
        say(`  ${stage.name}: RUN ${ins.args.slice(0, 60)}… ${((Date.now() - t) / 1000).toFixed(1)} s`);
        break;
      }
      case 'ENV':
        Object.assign(result.env, parseEnvArgs(ins.args));
        break;
      case 'ARG':
        // A build argument: its default, or the value given to the check (as --build-arg would).
        for (const [name, value] of Object.entries(parseEnvArgs(ins.args))) result.env[name] = process.env[name] ?? value;
        break;
      case 'USER':
        result.user = ins.args;
        break;
      case 'VOLUME':
        result.volumes.push(...(ins.args.startsWith('[') ? (JSON.parse(ins.args) as string[]) : ins.args.split(/\s+/)));
        break;
      case 'CMD':
        result.cmd = commandOf(ins.args);
        break;
      case 'HEALTHCHECK':
        result.healthcheck = healthcheckCommand(ins.args);
        break;
      case 'EXPOSE':
        break;
      default:
        fail(`Dockerfile line ${ins.line}: ${ins.op} is not replayed by the check; add it to scripts/container-check.ts`);
    }
  }
  return result;
}

// --- Running the image ---------------------------------------------------------------------
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** `node` in the image is Node 22: the check's own executable. */
function resolveCommand(cmd: string[]): [string, string[]] {
  const [bin, ...args] = cmd;
  return [bin === 'node' ? process.execPath : (bin as string), args];
}

function start(name: string, cmd: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  const [bin, args] = resolveCommand(cmd);
  // The IPC channel only carries the entry points' "ready" message (process.send); in a container it is absent.
  const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], ...asUser });
  const tail: string[] = [];
  const keepTail = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 30));
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') console.error(`[container] ${name} exited (${code ?? signal}):\n${tail.join('\n')}`);
  });
  children.push(child);
  return child;
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.on('message', (m: { type?: string }) => m?.type === 'ready' && resolve()));
}

function waitExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/**
 * SIGTERM as `docker stop` sends it, SIGKILL after the grace period (compose's stop_grace_period for
 * the worker, whose running jobs get 20 s to finish). Every process must stop by itself, exit 0.
 */
async function stopAll(): Promise<void> {
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  const killer = setTimeout(() => {
    for (const child of running) {
      if (child.exitCode === null && child.signalCode === null) {
        say(`  pid ${child.pid} ignored SIGTERM for 30 s: SIGKILL`);
        child.kill('SIGKILL');
      }
    }
  }, 30_000);
  await Promise.all(running.map(waitExit));
  clearTimeout(killer);
  say(`  stopped: ${running.map((c) => `pid ${c.pid} ${c.signalCode ?? `exit ${c.exitCode}`}`).join(', ')}`);
  if (running.some((c) => c.exitCode !== 0)) fail('a process did not shut down cleanly on SIGTERM');
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) fail(`${what}: the process exited (${child.exitCode})`);
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  fail(`${what}: not within ${timeoutMs / 1000} s`);
}

function runsOk(cmd: string[], cwd: string, env: NodeJS.ProcessEnv): boolean {
  const [bin, args] = resolveCommand(cmd);
  return spawnSync(bin, args, { cwd, env, stdio: 'ignore', timeout: 10_000, ...asUser }).status === 0;
}

interface ComposeService {
  command: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}

async function main(): Promise<void> {
  const context = path.join(work, 'context');
  const files = await phase('context', () => copyContext(context));
  say(`  ${files} files in the build context`);

  const stages = parseDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
  const results = new Map<string, StageResult>();
  for (const stage of stages) {
    results.set(stage.name, await phase(`stage ${stage.name}`, () => replay(stage, results, context)));
  }
  const image = results.get((stages.at(-1) as Stage).name) as StageResult;

  // What the image must and must not be.
  const skipped = image.skipped.join('\n');
  if (/\bchromium\b/.test(skipped)) fail('the image installs Chromium; the production renderer is FFmpeg');
  if (!image.user || image.user === 'root' || image.user === '0') fail('the image runs as root: add USER');
  if (!image.volumes.includes('/data') || image.env.AJIMI_DATA_DIR !== '/data') fail('the image has no /data volume for AJIMI_DATA_DIR');
  if (!/chown\s+\S*node\S*\s+\/data/.test(skipped)) fail('/data is not made writable for the non-root user');
  if (!image.cmd || !image.healthcheck) fail('the image has no CMD or no HEALTHCHECK');
  for (const dev of ['vite', 'vitest', 'eslint', 'playwright-core', 'supertest']) {
    if (fs.existsSync(path.join(image.dir, 'node_modules', dev))) fail(`the runtime has the dev dependency ${dev}`);
  }
  for (const frontEndOnly of ['remotion', '@remotion/renderer', '@remotion/player']) {
    if (fs.existsSync(path.join(image.dir, 'node_modules', frontEndOnly))) fail(`the runtime has ${frontEndOnly}: the server does not use it`);
  }
  for (const built of ['console/dist/index.html', 'learner-app/dist/index.html']) {
    if (!fs.existsSync(path.join(image.dir, built))) fail(`the runtime lacks ${built}`);
  }
  say(`  not replayed (operating system): ${image.skipped.map((s) => s.split(/\s+/).slice(0, 3).join(' ')).join(' | ')}`);

  // The services, as docker-compose.yml runs them.
  const compose = parseYaml(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const service = (name: string) => compose.services[name] ?? fail(`docker-compose.yml has no ${name} service`);
  const dataDir = path.join(work, 'data'); // the media volume
  fs.mkdirSync(dataDir);
  if (asUser.uid !== undefined) fs.chownSync(dataDir, asUser.uid, asUser.gid);

  const db = await phase('database', () => startEmbeddedDatabase({ dataDir: path.join(work, 'pglite') }));
  try {
    // .env's secrets, as the operator would write them (compose's env_file).
    const dotenv = { SESSION_SECRET: randomBytes(24).toString('hex') };
    const envOf = (name: string, extra: Record<string, string>): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      HOME: asUser.uid !== undefined ? '/nonexistent' : process.env.HOME,
      ...image.env,
      ...dotenv,
      ...service(name).environment,
      DATABASE_URL: db.url, // the db service
      AJIMI_DATA_DIR: dataDir, // the media volume at /data
      HOST: '127.0.0.1', // loopback only on a shared machine
      LOG_LEVEL: 'warn',
      ...extra,
    });

    await phase('migrate', async () => {
      const env = envOf('migrate', {});
      const code = await waitExit(start('migrate', service('migrate').command, image.dir, env));
      if (code !== 0) fail(`the migration exited ${code}`);
    });

    const apiPort = await freePort();
    const workerPort = await freePort();
    const apiEnv = envOf('api', { PORT: String(apiPort) });
    const workerEnv = envOf('worker', { WORKER_HEALTH_PORT: String(workerPort) });
    await phase('api and worker healthy', async () => {
      const api = start('api', image.cmd as string[], image.dir, apiEnv); // the image's own CMD
      const worker = start('worker', service('worker').command, image.dir, workerEnv);
      const apiCheck = service('api').healthcheck?.test.slice(1) ?? fail('the api service has no healthcheck');
      const workerCheck = service('worker').healthcheck?.test.slice(1) ?? fail('the worker service has no healthcheck');
      await until('api healthcheck', () => runsOk(apiCheck, image.dir, apiEnv), 120_000, api);
      await until('worker healthcheck', () => runsOk(workerCheck, image.dir, workerEnv), 120_000, worker);
      await until('the image HEALTHCHECK (api)', () => runsOk(image.healthcheck as string[], image.dir, apiEnv), 10_000, api);
      const base = `http://127.0.0.1:${apiPort}`;
      await until(
        `API readiness ${API_HEALTH_READY_PATH} (database, migrations, worker)`,
        async () => (await fetch(base + API_HEALTH_READY_PATH).catch(() => undefined))?.status === 200,
        60_000,
        api,
      );
      for (const page of ['/', '/console/']) {
        const res = await fetch(base + page);
        const html = await res.text();
        if (res.status !== 200 || !html.includes('<div id="root"')) fail(`GET ${page}: ${res.status}, not the built front-end`);
      }
      // Fully started (past startup, shutdown handlers installed) before docker stop is replayed.
      await Promise.race([Promise.all([ready(api), ready(worker)]), new Promise((_, reject) => setTimeout(() => reject(new Error('API or worker never reported ready')), 120_000))]);
      const written = fs.readdirSync(dataDir);
      say(`  API :${apiPort} and worker :${workerPort} healthy; the non-root user wrote ${written.join(', ') || 'nothing'} under /data`);
    });
  } finally {
    await phase('stop (SIGTERM)', stopAll).finally(() => db.stop());
  }
}

let ok = false;
try {
  await main();
  ok = true;
} catch (error) {
  console.error(`[container] FAILED: ${(error as Error).message}`);
} finally {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
for (const [name, seconds] of timings) say(`  ${name.padEnd(24)} ${seconds.toFixed(1).padStart(6)} s`);
say(`${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (keep) say(`kept ${work}`);
else fs.rmSync(work, { recursive: true, force: true }); // GBs of node_modules: slow on a busy disk
process.exit(ok ? 0 : 1);

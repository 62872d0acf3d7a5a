import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lastPacketEnd } from './duration-from-packets';
import { probePlayableVideo } from './probe-video';
import { runMediaTool } from './run-media-tool';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-live-webm-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('duration from packets', () => {
  it('reads the end of the last packet', () => {
    expect(lastPacketEnd('0.000000,0.033000\n0.033000,0.033000\n2.967000,0.033000\n1.000000,N/A\n')).toBe(3);
    expect(lastPacketEnd('')).toBeNull();
    expect(lastPacketEnd('N/A,N/A\n')).toBeNull();
  });

  it('a WebM written as a live stream (like MediaRecorder’s) is playable with its real duration', async () => {
    const file = path.join(dir, 'cookcam.webm');
    // -live 1: no Duration element and no cues, as Chromium's MediaRecorder writes WebM.
    await runMediaTool('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-f', 'lavfi', '-i', 'sine=f=440', '-t', '4', '-c:v', 'libvpx', '-b:v', '300k', '-c:a', 'libopus', '-live', '1', '-f', 'webm', file]);
    const probe = await probePlayableVideo(file);
    expect(probe.durationSec).toBeGreaterThan(3.8);
    expect(probe.durationSec).toBeLessThan(4.3);
    expect(probe.width).toBe(320);
  }, 60_000);
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTopLevelBoxes, looksLikeIsoBmff } from './iso-bmff';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ajimi-bmff-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function box(type: string, payload: number): Buffer {
  const b = Buffer.alloc(8 + payload);
  b.writeUInt32BE(8 + payload, 0);
  b.write(type, 4, 'latin1');
  return b;
}

describe('listTopLevelBoxes', () => {
  it('lists boxes in order', async () => {
    const path = join(dir, 'ok.mp4');
    await writeFile(path, Buffer.concat([box('ftyp', 16), box('moov', 100), box('mdat', 1000)]));
    const r = await listTopLevelBoxes(path);
    expect(r.boxes.map((b) => [b.type, b.start, b.size])).toEqual([
      ['ftyp', 0, 24],
      ['moov', 24, 108],
      ['mdat', 132, 1008],
    ]);
    expect(r).toMatchObject({ truncated: false, malformed: false, fileSize: 1140 });
  });

  it('sees a file cut off inside a box', async () => {
    const path = join(dir, 'cut.mp4');
    await writeFile(path, Buffer.concat([box('ftyp', 16), box('mdat', 1000)]).subarray(0, 500));
    expect(await listTopLevelBoxes(path)).toMatchObject({ truncated: true });
  });

  it('reads 64-bit sizes and size 0 (to the end of the file)', async () => {
    const large = Buffer.alloc(16 + 40);
    large.writeUInt32BE(1, 0);
    large.write('mdat', 4, 'latin1');
    large.writeBigUInt64BE(56n, 8);
    const toEnd = box('mdat', 30);
    toEnd.writeUInt32BE(0, 0);
    const path = join(dir, 'big.mp4');
    await writeFile(path, Buffer.concat([box('ftyp', 8), large, toEnd]));
    const r = await listTopLevelBoxes(path);
    expect(r.boxes.map((b) => [b.type, b.size, b.headerSize])).toEqual([
      ['ftyp', 16, 8],
      ['mdat', 56, 16],
      ['mdat', 38, 8],
    ]);
    expect(r.truncated).toBe(false);
  });

  it('flags an impossible box size as malformed', async () => {
    const bad = box('ftyp', 8);
    bad.writeUInt32BE(4, 0);
    const path = join(dir, 'bad.mp4');
    await writeFile(path, bad);
    expect(await listTopLevelBoxes(path)).toMatchObject({ malformed: true });
  });

  it('recognises the ISO BMFF signature', () => {
    expect(looksLikeIsoBmff(box('ftyp', 8))).toBe(true);
    expect(looksLikeIsoBmff(Buffer.from('hello world, not a video'))).toBe(false);
  });
});

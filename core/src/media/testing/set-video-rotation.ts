import { open } from 'node:fs/promises';
import { childBoxes, listTopLevelBoxes } from '../iso-bmff';

/**
 * Writes a rotation into an MP4/MOV's video track header (tkhd) the way phones do: the picture
 * is stored as shot and the display matrix tells players to turn it `clockwise` degrees. ffmpeg
 * 5.1 cannot write this itself (its `rotate` metadata is ignored by the muxer), so test clips of
 * portrait phone videos are patched in place. The file size does not change.
 */
export async function setVideoRotation(path: string, clockwise: 0 | 90 | 180 | 270): Promise<void> {
  const { boxes } = await listTopLevelBoxes(path);
  const moov = boxes.find((b) => b.type === 'moov');
  if (!moov) throw new Error(`${path}: no moov box`);
  const fh = await open(path, 'r+');
  try {
    const buf = Buffer.alloc(moov.size);
    await fh.read(buf, 0, moov.size, moov.start);
    for (const trak of childBoxes(buf, moov.headerSize, moov.size).filter((b) => b.type === 'trak')) {
      const tkhd = childBoxes(buf, trak.start + trak.headerSize, trak.start + trak.size).find((b) => b.type === 'tkhd');
      if (!tkhd) continue;
      const body = tkhd.start + tkhd.headerSize;
      const version = buf[body]!;
      const matrixAt = body + 4 + (version === 1 ? 32 : 20) + 16;
      const width = buf.readUInt32BE(matrixAt + 36) / 65536;
      const height = buf.readUInt32BE(matrixAt + 40) / 65536;
      if (width === 0 || height === 0) continue; // an audio track
      const m = rotationMatrix(clockwise, width, height);
      m.forEach((v, i) => buf.writeInt32BE(v, matrixAt + i * 4));
      await fh.write(buf, matrixAt, 36, moov.start + matrixAt);
      return;
    }
    throw new Error(`${path}: no video track header`);
  } finally {
    await fh.close();
  }
}

/** QuickTime matrix {a b u; c d v; x y w}: a–d and x, y in 16.16, u, v, w in 2.30. */
function rotationMatrix(clockwise: 0 | 90 | 180 | 270, width: number, height: number): number[] {
  const one = 0x10000;
  const w = 0x40000000;
  switch (clockwise) {
    case 0:
      return [one, 0, 0, 0, one, 0, 0, 0, w];
    case 90:
      return [0, one, 0, -one, 0, 0, Math.round(height) * one, 0, w];
    case 180:
      return [-one, 0, 0, 0, -one, 0, Math.round(width) * one, Math.round(height) * one, w];
    case 270:
      return [0, -one, 0, one, 0, 0, 0, Math.round(width) * one, w];
  }
}

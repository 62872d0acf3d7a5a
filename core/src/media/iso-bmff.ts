import { open } from 'node:fs/promises';

/** One box ("atom") of an ISO base media file (MP4, MOV, M4A, 3GP). */
export interface BoxHeader {
  type: string;
  /** Byte offset of the box header. */
  start: number;
  /** Whole box size in bytes, header included (to end of file for size 0). */
  size: number;
  headerSize: number;
}

export interface TopLevelBoxes {
  boxes: BoxHeader[];
  fileSize: number;
  /** A box claims to extend past the end of the file: the upload was cut off. */
  truncated: boolean;
  /** A box header is impossible (size < 8): the file is damaged. */
  malformed: boolean;
}

const KNOWN_TOP_LEVEL = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'uuid', 'moof', 'mfra', 'sidx', 'styp', 'meta', 'pdin', 'prft', 'emsg', 'pnot']);

/** True when the first bytes look like an ISO BMFF / QuickTime file. */
export function looksLikeIsoBmff(head: Buffer): boolean {
  if (head.length < 8) return false;
  return KNOWN_TOP_LEVEL.has(head.toString('latin1', 4, 8));
}

/**
 * Walks the top-level boxes (ftyp, moov, mdat, …) without reading their contents. Cheap even for
 * a 2 GB file, and the only reliable way to see that an MP4 whose index comes first (faststart)
 * was cut off in the middle of its media data: ffprobe reads the index and reports it as fine.
 */
export async function listTopLevelBoxes(path: string, maxBoxes = 10_000): Promise<TopLevelBoxes> {
  const fh = await open(path, 'r');
  try {
    const fileSize = (await fh.stat()).size;
    const boxes: BoxHeader[] = [];
    const header = Buffer.alloc(16);
    let offset = 0;
    while (offset < fileSize && boxes.length < maxBoxes) {
      const { bytesRead } = await fh.read(header, 0, 16, offset);
      if (bytesRead < 8) return { boxes, fileSize, truncated: true, malformed: false };
      let size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      let headerSize = 8;
      if (size === 1) {
        if (bytesRead < 16) return { boxes, fileSize, truncated: true, malformed: false };
        size = Number(header.readBigUInt64BE(8));
        headerSize = 16;
      } else if (size === 0) {
        size = fileSize - offset;
      }
      if (size < headerSize) return { boxes, fileSize, truncated: false, malformed: true };
      boxes.push({ type, start: offset, size, headerSize });
      if (offset + size > fileSize) return { boxes, fileSize, truncated: true, malformed: false };
      offset += size;
    }
    return { boxes, fileSize, truncated: false, malformed: false };
  } finally {
    await fh.close();
  }
}

/** Children of a container box (moov, trak, mdia, …) read from a buffer holding the whole box. */
export function childBoxes(buf: Buffer, start: number, end: number): BoxHeader[] {
  const out: BoxHeader[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    let headerSize = 8;
    if (size === 1) {
      if (offset + 16 > end) break;
      size = Number(buf.readBigUInt64BE(offset + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < headerSize || offset + size > end) break;
    out.push({ type, start: offset, size, headerSize });
    offset += size;
  }
  return out;
}

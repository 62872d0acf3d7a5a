/**
 * The container a file really is, from its first bytes (a text file renamed .mp4 passes the type
 * and extension checks but not this one). Containers the product ingests:
 * - ISO BMFF (MP4, M4V, 3GP, QuickTime .mov): a box whose type at bytes 4–7 is `ftyp`; older
 *   QuickTime files may start with `moov`, `mdat`, `wide`, `free` or `skip` there.
 * - Matroska / WebM: the EBML magic 1A 45 DF A3.
 * - AVI: `RIFF` … `AVI `.
 */
export type Sniffed = 'video' | 'not_video';

const QUICKTIME_ATOMS = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

export function sniffVideoBytes(head: Uint8Array): Sniffed {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 8 && QUICKTIME_ATOMS.has(ascii(4, 8))) return 'video';
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'video';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'video';
  return 'not_video';
}

/** Reads the first bytes of a picked file; a file the browser cannot read is left to the server. */
export async function sniffVideoFile(file: Blob): Promise<Sniffed | null> {
  try {
    return sniffVideoBytes(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  } catch {
    return null;
  }
}

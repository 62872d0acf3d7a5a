import { describe, expect, it } from 'vitest';
import { sniffVideoBytes, sniffVideoFile } from './sniffVideo';

const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffVideoBytes', () => {
  it('recognises MP4/3GP/MOV (ftyp), older QuickTime atoms, WebM/Matroska and AVI', () => {
    expect(sniffVideoBytes(bytes([0, 0, 0, 0x20], 'ftypisom'))).toBe('video');
    expect(sniffVideoBytes(bytes([0, 0, 0, 0x14], 'ftypqt  '))).toBe('video');
    expect(sniffVideoBytes(bytes([0, 0, 0, 0x08], 'wide'))).toBe('video');
    expect(sniffVideoBytes(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]))).toBe('video');
    expect(sniffVideoBytes(bytes('RIFF', [1, 2, 3, 4], 'AVI LIST'))).toBe('video');
  });

  it('refuses a text file, a JPEG and an empty head, whatever the file is called', () => {
    expect(sniffVideoBytes(bytes('hello, this is not a video'))).toBe('not_video');
    expect(sniffVideoBytes(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'))).toBe('not_video');
    expect(sniffVideoBytes(new Uint8Array())).toBe('not_video');
    expect(sniffVideoBytes(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '))).toBe('not_video');
  });

  it('reads the head of a Blob', async () => {
    expect(await sniffVideoFile(new Blob([bytes([0, 0, 0, 0x20], 'ftypmp42'), 'rest'.repeat(100)]))).toBe('video');
    expect(await sniffVideoFile(new Blob(['just text renamed to .mp4']))).toBe('not_video');
  });
});

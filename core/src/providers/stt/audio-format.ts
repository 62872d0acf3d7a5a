/** What the Speech-to-Text v1 RecognitionConfig needs to know about a memo file. */
export interface AudioFormat {
  encoding: 'FLAC' | 'LINEAR16';
  sampleRateHertz: number;
  channels: number;
  /** Duration in seconds when the header says (FLAC total samples, WAV data size). */
  durationSec: number | undefined;
}

/**
 * Reads the header of a FLAC or WAV (PCM 16-bit) file. Returns null for anything else (m4a,
 * webm/opus, mp3...), which the caller must convert first.
 */
export function sniffAudioFormat(bytes: Buffer): AudioFormat | null {
  if (bytes.length >= 26 && bytes.toString('latin1', 0, 4) === 'fLaC') {
    // First metadata block must be STREAMINFO (type 0); its data starts at byte 8.
    if ((bytes[4]! & 0x7f) !== 0) return null;
    const sampleRateHertz = (bytes[18]! << 12) | (bytes[19]! << 4) | (bytes[20]! >> 4);
    const channels = ((bytes[20]! >> 1) & 0x7) + 1;
    const totalSamples = (bytes[21]! & 0x0f) * 2 ** 32 + bytes.readUInt32BE(22);
    if (!sampleRateHertz) return null;
    return { encoding: 'FLAC', sampleRateHertz, channels, durationSec: totalSamples ? totalSamples / sampleRateHertz : undefined };
  }
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WAVE') {
    let offset = 12;
    let fmt: { format: number; channels: number; rate: number; bits: number } | undefined;
    let dataSize: number | undefined;
    while (offset + 8 <= bytes.length) {
      const id = bytes.toString('latin1', offset, offset + 4);
      const size = bytes.readUInt32LE(offset + 4);
      const body = offset + 8;
      if (id === 'fmt ' && body + 16 <= bytes.length) {
        fmt = {
          format: bytes.readUInt16LE(body),
          channels: bytes.readUInt16LE(body + 2),
          rate: bytes.readUInt32LE(body + 4),
          bits: bytes.readUInt16LE(body + 14),
        };
      } else if (id === 'data') {
        dataSize = Math.min(size, bytes.length - body);
        break;
      }
      offset = body + size + (size % 2);
    }
    // PCM (1) or WAVE_FORMAT_EXTENSIBLE (0xfffe) carrying 16-bit samples.
    if (!fmt || (fmt.format !== 1 && fmt.format !== 0xfffe) || fmt.bits !== 16 || !fmt.rate || !fmt.channels) return null;
    return {
      encoding: 'LINEAR16',
      sampleRateHertz: fmt.rate,
      channels: fmt.channels,
      durationSec: dataSize === undefined ? undefined : dataSize / (fmt.rate * fmt.channels * 2),
    };
  }
  return null;
}

import { sniffAudioFormat } from '../stt/audio-format';
import { TtsError } from './text-to-speech';

/** Duration (s) of a 16-bit PCM WAV from its header; throws TtsError('invalid_output') otherwise. */
export function wavDurationSec(bytes: Buffer, expect?: { sampleRate?: number; channels?: number }): number {
  const format = sniffAudioFormat(bytes);
  if (!format || format.encoding !== 'LINEAR16' || format.durationSec === undefined) {
    throw new TtsError('The synthesized audio is not a 16-bit PCM WAV.', 'invalid_output');
  }
  if (expect?.sampleRate !== undefined && format.sampleRateHertz !== expect.sampleRate) {
    throw new TtsError(`The synthesized audio is ${format.sampleRateHertz} Hz, expected ${expect.sampleRate} Hz.`, 'invalid_output');
  }
  if (expect?.channels !== undefined && format.channels !== expect.channels) {
    throw new TtsError(`The synthesized audio has ${format.channels} channels, expected ${expect.channels}.`, 'invalid_output');
  }
  return format.durationSec;
}

/** A 44-byte WAV header for raw 16-bit PCM (Google returns a header for LINEAR16, but be safe). */
export function wrapPcm16(pcm: Buffer, sampleRate: number, channels = 1): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** The PCM samples of a WAV's "data" chunk (walks the RIFF chunks; throws TtsError('invalid_output') without one). */
export function wavPcmData(wav: Buffer): Buffer {
  if (wav.toString('latin1', 0, 4) !== 'RIFF' || wav.toString('latin1', 8, 12) !== 'WAVE') {
    throw new TtsError('The synthesized audio is not a WAV file.', 'invalid_output');
  }
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('latin1', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'data') return wav.subarray(offset + 8, Math.min(wav.length, offset + 8 + size));
    offset += 8 + size + (size % 2);
  }
  throw new TtsError('The synthesized audio has no data chunk.', 'invalid_output');
}

import { Float32ByteReader } from './float32-bytes';
import { analyzeSoundTexture, countWindows, measureSegmentAt, SEGMENT_SEC, segmentPlan, segmentRange, type SoundWindow } from './sound-texture';

/**
 * The sound texture of a recording fed in pieces as it decodes, holding only what the segment in
 * progress needs (about a minute of samples) instead of the whole track: a 60-minute track is
 * 330 MB as 24 kHz float. It gives exactly what analyzeSoundTexture gives on the whole recording,
 * for every window size asked for: the same segments (SEGMENT_SEC with a second of context either
 * side), each measured as soon as its samples have arrived; a recording up to 1.5 × SEGMENT_SEC
 * is measured whole at the end, as analyzeSoundTexture does.
 */
export class SoundTextureStream {
  /** Samples from absolute index `bufferStart` on; `length` of them are filled. */
  private buffer = new Float32Array(0);
  private bufferStart = 0;
  private length = 0;
  private total = 0;
  private readonly tracks: Array<{ windowSec: number; next: number; windows: SoundWindow[] }>;
  private readonly bytes = new Float32ByteReader();
  private finished = false;

  constructor(
    private readonly sampleRate: number,
    windowSecs: number[],
  ) {
    this.tracks = [...new Set(windowSecs)].map((windowSec) => ({ windowSec, next: 0, windows: [] }));
  }

  /** Feed raw little-endian float32 bytes (any chunking). */
  pushBytes(chunk: Buffer): void {
    this.push(this.bytes.read(chunk));
  }

  push(samples: Float32Array): void {
    if (this.finished) throw new Error('SoundTextureStream: push after finish');
    this.append(samples);
    this.total += samples.length;
    // Until the recording is known to be long, it may still be measured whole.
    if (this.total <= SEGMENT_SEC * 1.5 * this.sampleRate) return;
    for (const track of this.tracks) {
      const { segmentWindows, padWindows } = segmentPlan(track.windowSec);
      // A segment is cut the same as on the whole recording once the recording surely runs past its context.
      while (countWindows(this.total / this.sampleRate, track.windowSec) > track.next + segmentWindows + padWindows) {
        this.measure(track, Number.POSITIVE_INFINITY);
        track.next += segmentWindows;
      }
    }
    this.trim();
  }

  /** The windows per window size asked for, in the order asked. */
  finish(): Map<number, SoundWindow[]> {
    this.finished = true;
    const out = new Map<number, SoundWindow[]>();
    const whole = this.total <= SEGMENT_SEC * 1.5 * this.sampleRate;
    for (const track of this.tracks) {
      if (whole) track.windows = analyzeSoundTexture(this.buffer.subarray(0, this.length), this.sampleRate, { windowSec: track.windowSec });
      else {
        const windowCount = countWindows(this.total / this.sampleRate, track.windowSec);
        const { segmentWindows } = segmentPlan(track.windowSec);
        for (; track.next < windowCount; track.next += segmentWindows) this.measure(track, windowCount);
      }
      out.set(track.windowSec, track.windows);
    }
    this.buffer = new Float32Array(0);
    this.length = 0;
    return out;
  }

  /** Measures the segment starting at `track.next`; `windowCount` is the recording's (infinite while it is still arriving). */
  private measure(track: { windowSec: number; next: number; windows: SoundWindow[] }, windowCount: number): void {
    const range = segmentRange(track.next, windowCount, this.total, this.sampleRate, track.windowSec);
    const part = this.buffer.subarray(range.a - this.bufferStart, range.b - this.bufferStart);
    for (const m of measureSegmentAt(part, this.sampleRate, track.windowSec, range)) track.windows.push(m.window);
  }

  private append(samples: Float32Array): void {
    if (this.length + samples.length > this.buffer.length) {
      const grown = new Float32Array(Math.max(this.length + samples.length, this.buffer.length * 2, this.sampleRate));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(samples, this.length);
    this.length += samples.length;
  }

  /** Drops the samples no track will read again (before the next segment's context). */
  private trim(): void {
    let keepFrom = Number.POSITIVE_INFINITY;
    for (const track of this.tracks) {
      const { padWindows } = segmentPlan(track.windowSec);
      keepFrom = Math.min(keepFrom, Math.round(Math.max(0, track.next - padWindows) * track.windowSec * this.sampleRate));
    }
    const drop = keepFrom - this.bufferStart;
    if (drop < this.sampleRate * 10) return; // move memory in big steps only
    this.buffer.copyWithin(0, drop, this.length);
    this.length -= drop;
    this.bufferStart = keepFrom;
  }
}

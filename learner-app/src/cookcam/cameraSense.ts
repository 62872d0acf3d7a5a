import { analyzeSoundTexture } from '@ajimi/core/media/sound-texture';
import type { GreyFrame } from './frameCheck';

/**
 * The phone's senses for the framing check and automatic start/stop: small grey frames from the
 * camera preview, and the last ~0.7 s of microphone audio read by the server's own sound-texture
 * detector (pure TypeScript, shared from core/src/media/sound-texture.ts), so "sizzle" means the
 * same thing on the phone as in the analyzer.
 */
export const SENSE_WIDTH = 96;
export const SENSE_HEIGHT = 54;

export class FrameSampler {
  private readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D | null;

  constructor() {
    this.canvas.width = SENSE_WIDTH;
    this.canvas.height = SENSE_HEIGHT;
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true });
  }

  /** The current preview frame, scaled down and in grey; null before the camera has a picture. */
  grab(video: HTMLVideoElement): GreyFrame | null {
    if (!this.ctx || video.readyState < 2 || !video.videoWidth) return null;
    // Portrait phones: sample the frame as it is shown, keeping its aspect ratio in the 96-wide canvas.
    const w = SENSE_WIDTH;
    const h = Math.max(8, Math.round((SENSE_WIDTH * video.videoHeight) / video.videoWidth));
    if (this.canvas.height !== h) this.canvas.height = h;
    this.ctx.drawImage(video, 0, 0, w, h);
    const rgba = this.ctx.getImageData(0, 0, w, h).data;
    const luma = new Uint8ClampedArray(w * h);
    for (let i = 0, p = 0; i < luma.length; i++, p += 4) luma[i] = 0.299 * (rgba[p] ?? 0) + 0.587 * (rgba[p + 1] ?? 0) + 0.114 * (rgba[p + 2] ?? 0);
    return { width: w, height: h, luma };
  }
}

export interface SoundReading {
  /** Highest frying probability over the analysed windows (0..1). */
  frying: number;
  levelDb: number;
  kind: string;
}

export class MicSense {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly buffer: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    this.context = new AudioContext();
    const source = this.context.createMediaStreamSource(stream);
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 32768; // the longest span an AnalyserNode keeps: ~0.7 s at 48 kHz
    source.connect(this.analyser);
    this.buffer = new Float32Array(this.analyser.fftSize);
  }

  read(): SoundReading | null {
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
    this.analyser.getFloatTimeDomainData(this.buffer);
    try {
      const windows = analyzeSoundTexture(this.buffer, this.context.sampleRate);
      if (!windows.length) return null;
      const loudest = windows.reduce((a, b) => (b.levelDb > a.levelDb ? b : a));
      return { frying: Math.max(...windows.map((w) => w.frying)), levelDb: loudest.levelDb, kind: loudest.kind };
    } catch {
      return null;
    }
  }

  close(): void {
    void this.context.close().catch(() => undefined);
  }
}

/**
 * Automatic start and stop, decided on the phone from what it hears and sees every tick:
 * cooking is on when the sizzle is there (the server's sound-texture detector says frying) or
 * things move in the pan area. Start after most of a few seconds are active; stop after a long
 * quiet, still stretch (the heat is off), first counting down so the cook can cancel.
 */
export interface AutoTick {
  /** Seconds since the detector started. */
  t: number;
  /** Probability that the last second sounded like frying (0..1). */
  frying: number;
  /** Mean change inside the guide between frames (0..255). */
  motion: number;
}

export interface AutoOptions {
  /** Start when this share of the last `startWindowSec` seconds is active. */
  startShare: number;
  startWindowSec: number;
  /** Begin the stop countdown after this long without activity. */
  quietSec: number;
  countdownSec: number;
}

export const DEFAULT_AUTO: AutoOptions = { startShare: 0.6, startWindowSec: 4, quietSec: 90, countdownSec: 10 };
export const FRYING_ACTIVE = 0.5;
export const MOTION_ACTIVE = 6;

export type AutoPhase = { phase: 'waiting' } | { phase: 'recording'; quietFor: number } | { phase: 'countdown'; remaining: number };
export type AutoDecision = 'start' | 'stop' | null;

export function isActive(tick: AutoTick): boolean {
  return tick.frying >= FRYING_ACTIVE || tick.motion >= MOTION_ACTIVE;
}

export class AutoStartStop {
  private recent: AutoTick[] = [];
  private recording = false;
  private lastActiveAt = 0;
  private countdownFrom: number | null = null;

  constructor(private readonly opts: AutoOptions = DEFAULT_AUTO) {}

  /** The cook started or stopped by hand: follow along. */
  setRecording(recording: boolean, t: number): void {
    this.recording = recording;
    this.lastActiveAt = t;
    this.countdownFrom = null;
  }

  /** The cook cancelled the countdown: the quiet stretch starts over. */
  cancelCountdown(t: number): void {
    this.lastActiveAt = t;
    this.countdownFrom = null;
  }

  phase(t: number): AutoPhase {
    if (!this.recording) return { phase: 'waiting' };
    if (this.countdownFrom !== null) return { phase: 'countdown', remaining: Math.max(0, this.opts.countdownSec - (t - this.countdownFrom)) };
    return { phase: 'recording', quietFor: t - this.lastActiveAt };
  }

  tick(tick: AutoTick): AutoDecision {
    const active = isActive(tick);
    if (!this.recording) {
      this.recent.push(tick);
      while (this.recent.length && (this.recent[0]?.t ?? 0) <= tick.t - this.opts.startWindowSec) this.recent.shift();
      const span = tick.t - (this.recent[0]?.t ?? tick.t);
      const share = this.recent.filter(isActive).length / this.recent.length;
      // A full window of evidence, mostly active, and active now.
      if (active && span >= this.opts.startWindowSec * 0.75 && share >= this.opts.startShare) {
        this.recent = [];
        this.setRecording(true, tick.t);
        return 'start';
      }
      return null;
    }
    if (active) {
      this.lastActiveAt = tick.t;
      this.countdownFrom = null; // cooking again: the countdown stops by itself
      return null;
    }
    if (this.countdownFrom === null) {
      if (tick.t - this.lastActiveAt >= this.opts.quietSec) this.countdownFrom = tick.t;
      return null;
    }
    if (tick.t - this.countdownFrom >= this.opts.countdownSec) {
      this.setRecording(false, tick.t);
      return 'stop';
    }
    return null;
  }
}

import { describe, expect, it } from 'vitest';
import { AutoStartStop, type AutoOptions } from './autoStartStop';

const opts: AutoOptions = { startShare: 0.6, startWindowSec: 4, quietSec: 20, countdownSec: 5 };

function run(auto: AutoStartStop, from: number, to: number, tick: { frying: number; motion: number }) {
  const decisions: Array<[number, string]> = [];
  for (let t = from; t < to; t += 0.5) {
    const d = auto.tick({ t, ...tick });
    if (d) decisions.push([t, d]);
  }
  return decisions;
}

describe('automatic start and stop', () => {
  it('starts when the sizzle holds for a few seconds, not on one noise', () => {
    const auto = new AutoStartStop(opts);
    expect(run(auto, 0, 10, { frying: 0.1, motion: 1 })).toEqual([]);
    expect(auto.tick({ t: 10, frying: 0.9, motion: 0 })).toBeNull(); // one pop
    expect(run(auto, 10.5, 11, { frying: 0.1, motion: 1 })).toEqual([]);
    const d = run(auto, 11, 20, { frying: 0.8, motion: 0 });
    expect(d).toHaveLength(1);
    expect(d[0]![1]).toBe('start');
    expect(d[0]![0]).toBeGreaterThanOrEqual(12.5); // at least 1.5 s of steady sizzle
    expect(d[0]![0]).toBeLessThanOrEqual(15);
  });

  it('starts on motion in the pan area without sound', () => {
    const auto = new AutoStartStop(opts);
    expect(run(auto, 0, 6, { frying: 0, motion: 12 }).map((d) => d[1])).toEqual(['start']);
  });

  it('stops after a quiet, still stretch and a countdown; activity or the cook cancel it', () => {
    const auto = new AutoStartStop(opts);
    auto.setRecording(true, 0);
    expect(run(auto, 0, 30, { frying: 0.9, motion: 0 })).toEqual([]);
    // Quiet: the countdown begins after 20 s…
    expect(run(auto, 30, 50.5, { frying: 0, motion: 0 })).toEqual([]);
    expect(auto.phase(50.5).phase).toBe('countdown');
    // …and the sizzle coming back cancels it.
    expect(auto.tick({ t: 51, frying: 0.9, motion: 0 })).toBeNull();
    expect(auto.phase(51).phase).toBe('recording');
    expect(run(auto, 51.5, 72, { frying: 0, motion: 0 })).toEqual([]);
    expect(auto.phase(72).phase).toBe('countdown');
    auto.cancelCountdown(72); // the cook taps "keep filming"
    expect(auto.phase(72)).toEqual({ phase: 'recording', quietFor: 0 });
    const d = run(auto, 72, 120, { frying: 0, motion: 0 });
    expect(d).toEqual([[97, 'stop']]);
    expect(auto.phase(98).phase).toBe('waiting');
  });
});

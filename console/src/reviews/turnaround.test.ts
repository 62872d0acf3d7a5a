import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, turnaround } from './turnaround';

const HOUR = 3_600_000;
const uploadedAt = '2026-01-01T00:00:00.000Z';
const dueAt = '2026-01-02T00:00:00.000Z';
const at = (hours: number) => Date.parse(uploadedAt) + hours * HOUR;

describe('turnaround', () => {
  it('is fine while more than a quarter of the target is left', () => {
    expect(turnaround(uploadedAt, dueAt, at(17.9))).toMatchObject({ state: 'ok' });
  });
  it('turns amber in the last quarter', () => {
    const t = turnaround(uploadedAt, dueAt, at(18.5));
    expect(t.state).toBe('due_soon');
    expect(t.leftMs).toBe(5.5 * HOUR);
  });
  it('turns red when the target is past', () => {
    const t = turnaround(uploadedAt, dueAt, at(30));
    expect(t.state).toBe('overdue');
    expect(t.leftMs).toBe(-6 * HOUR);
    expect(t.ageMs).toBe(30 * HOUR);
  });
});

const en = (unit: string, n: number) => `${n}${unit[0]}`;
const ja = (unit: string, n: number) => `${n}${{ day: '日', hour: '時間', minute: '分' }[unit]}`;

describe('formatDuration', () => {
  it('keeps two units at most', () => {
    expect(formatDuration(26 * HOUR + 5 * 60_000, en, ' ')).toBe('1d 2h');
    expect(formatDuration(3 * HOUR + 20 * 60_000, en, ' ')).toBe('3h 20m');
    expect(formatDuration(12 * 60_000, en, ' ')).toBe('12m');
  });
  it('writes Japanese units without spaces', () => {
    expect(formatDuration(3 * HOUR + 20 * 60_000, ja, '')).toBe('3時間20分');
  });
});

describe('formatClock', () => {
  it('formats seconds as m:ss.s', () => {
    expect(formatClock(75.25)).toBe('1:15.3');
    expect(formatClock(5)).toBe('0:05.0');
    expect(formatClock(5, 0)).toBe('0:05');
  });
});

import { describe, expect, it } from 'vitest';
import type { CookingSession } from '../api/types';
import { completedSteps, isInFlight } from './sessionStatus';
import { mergeSessions } from './useSessions';

describe('session status steps', () => {
  it('maps the pipeline statuses onto the five steps a cook sees', () => {
    expect(completedSteps('created')).toBe(0);
    expect(completedSteps('uploaded')).toBe(1);
    expect(completedSteps('analyzing')).toBe(1);
    expect(completedSteps('narrating')).toBe(3); // coaching text sent, video being made
    expect(completedSteps('in_review')).toBe(3);
    expect(completedSteps('delivered')).toBe(5);
    expect(completedSteps('failed', 'ingest')).toBe(1);
    expect(completedSteps('failed', 'render')).toBe(3);
    expect(isInFlight('rendering')).toBe(true);
    expect(isInFlight('failed')).toBe(false);
  });

  it('a live update replaces the listed session but keeps its poster', () => {
    const s = (id: string, status: CookingSession['status'], createdAt: string, posterUrl: string | null = null) =>
      ({ id, status, createdAt, posterUrl, dish: { slug: 'x', name: { ja: 'x', en: 'x' } }, attemptNumber: 1 }) as CookingSession;
    const merged = mergeSessions([s('a', 'uploaded', '2026-01-01', '/p.jpg'), s('b', 'delivered', '2026-01-02')], { a: s('a', 'analyzing', '2026-01-01') });
    expect(merged.map((m) => [m.id, m.status, m.posterUrl])).toEqual([
      ['b', 'delivered', null],
      ['a', 'analyzing', '/p.jpg'],
    ]);
  });
});

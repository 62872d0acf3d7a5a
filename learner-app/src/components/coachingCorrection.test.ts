import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import { coachingCorrection } from './CoachingTextCard';

const card = (payload: Record<string, unknown>): Message => ({ id: 'm1', kind: 'coaching_text', author: 'ai', body: '修正後', payload, sessionId: 's1', createdAt: '2026-12-06T08:00:00.000Z' }) as Message;

describe('coachingCorrection', () => {
  it('reads a coach correction from the card payload', () => {
    const correction = { version: 2, correctedAt: '2026-12-06T09:00:00.000Z', earlier: [{ version: 1, body: '元の文', at: '2026-12-06T08:00:00.000Z' }] };
    expect(coachingCorrection(card({ content: {}, correction }))).toEqual(correction);
  });

  it('ignores a card without one, or with a malformed one (the card then shows as sent)', () => {
    expect(coachingCorrection(card({ content: {} }))).toBeNull();
    expect(coachingCorrection(card({ correction: { version: '2', correctedAt: 'x', earlier: [] } }))).toBeNull();
    expect(coachingCorrection(card({ correction: { version: 2, correctedAt: 'x', earlier: [{ version: 1 }] } }))).toBeNull();
  });
});

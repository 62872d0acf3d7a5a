import { describe, expect, it } from 'vitest';
import type { ReviewRow } from '../types';
import { pickNextItem } from './nextItem';

const NOW = Date.parse('2026-12-06T07:00:00Z');
const row = (id: string, over: Partial<ReviewRow> = {}): ReviewRow => ({
  id,
  sessionId: `s-${id}`,
  status: 'pending',
  dish: { slug: 'fried-rice' } as ReviewRow['dish'],
  cook: { id: 'cook', name: 'Cook' },
  attemptNumber: 1,
  uploadedAt: '2026-12-06T06:00:00Z',
  createdAt: '2026-12-06T06:00:00Z',
  dueAt: '2026-12-07T06:00:00Z',
  turnaroundHours: 24,
  assignee: null,
  reservedUntil: null,
  render: null,
  decision: null,
  needsCoach: false,
  diagnosis: null,
  lowConfidence: false,
  ...over,
});

describe('pickNextItem', () => {
  it('takes the first open item in queue order that is not the current one', () => {
    expect(pickNextItem([row('a'), row('b'), row('c')], 'a', 'me', NOW)?.id).toBe('b');
  });

  it('skips items someone else holds, but not expired reservations or my own', () => {
    const other = { id: 'other', name: 'Other' };
    const rows = [
      row('held', { status: 'in_review', assignee: other, reservedUntil: '2026-12-06T07:20:00Z' }),
      row('expired', { status: 'in_review', assignee: other, reservedUntil: '2026-12-06T06:50:00Z' }),
    ];
    expect(pickNextItem(rows, 'x', 'me', NOW)?.id).toBe('expired');
    const mine = row('mine', { status: 'in_review', assignee: { id: 'me', name: 'Me' }, reservedUntil: '2026-12-06T07:20:00Z' });
    expect(pickNextItem([rows[0]!, mine], 'x', 'me', NOW)?.id).toBe('mine');
  });

  it('skips decided items and says there is none when the queue is done', () => {
    expect(pickNextItem([row('a', { status: 'approved' }), row('b', { status: 'sent_back' }), row('c')], 'c', 'me', NOW)).toBeNull();
  });
});

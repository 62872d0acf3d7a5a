import { useCallback, useEffect, useRef, useState } from 'react';
import { claimReview, errorMessage, releaseReview, releaseReviewOnUnload } from '../api';
import type { Person } from '../types';

export type ClaimState =
  | { kind: 'idle' }
  | { kind: 'claiming' }
  | { kind: 'held'; reservedUntil: string }
  | { kind: 'other'; holder: Person | null; reservedUntil: string | null }
  | { kind: 'error'; message: string };

/** Renew well before the reservation (30 min by default) runs out. */
const RENEW_EVERY_MS = 5 * 60_000;

/** Claims and releases for one item run one after another, so a quick leave-and-return cannot reorder them. */
const chains = new Map<string, Promise<unknown>>();
const serial = <T,>(id: string, op: () => Promise<T>): Promise<T> => {
  const next = (chains.get(id) ?? Promise.resolve()).then(op, op);
  chains.set(id, next.catch(() => undefined));
  return next;
};

/**
 * Opening the workspace claims the item (and keeps renewing the reservation); leaving it, or
 * closing the tab, releases it. Someone else's live reservation is reported, not retried.
 */
export const useReviewClaim = (id: string, enabled: boolean, onChange?: () => void) => {
  const [state, setState] = useState<ClaimState>({ kind: 'idle' });
  const heldRef = useRef(false);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  const claim = useCallback(async () => {
    setState((s) => (s.kind === 'held' ? s : { kind: 'claiming' }));
    try {
      const result = await serial(id, () => claimReview(id));
      const was = heldRef.current;
      heldRef.current = result.held;
      // The item's status and assignee changed on the server: show them.
      if (result.held && !was) onChangeRef.current?.();
      setState(result.held ? { kind: 'held', reservedUntil: result.claim.reservedUntil } : { kind: 'other', holder: result.holder, reservedUntil: result.reservedUntil });
    } catch (error) {
      heldRef.current = false;
      setState({ kind: 'error', message: errorMessage(error) });
    }
  }, [id]);

  useEffect(() => {
    if (!enabled) return undefined;
    void claim();
    const renew = window.setInterval(() => {
      if (heldRef.current) void claim();
    }, RENEW_EVERY_MS);
    const onPageHide = () => {
      if (heldRef.current) releaseReviewOnUnload(id);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.clearInterval(renew);
      window.removeEventListener('pagehide', onPageHide);
      // Release after any claim still in flight, and only if we hold the item by then.
      void serial(id, async () => {
        if (!heldRef.current) return;
        heldRef.current = false;
        await releaseReview(id).catch(() => undefined);
      });
    };
  }, [id, enabled, claim]);

  return { state, retry: claim, held: state.kind === 'held' };
};

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DependencyList } from 'react';
import { isApiError } from '../api/client';

export interface ResourceState<T> {
  data: T | undefined;
  error: unknown;
  /** True while a request is in flight (first load or refresh). */
  loading: boolean;
  reload: () => void;
}

interface Options {
  /** Called when the server says the session is gone (401). */
  onUnauthorized?: () => void;
  /** Reload when the tab becomes visible again or the network comes back. Default true. */
  refreshOnFocus?: boolean;
}

/**
 * Loads data with abort-on-unmount, keeps the previous data while refreshing, and retries
 * when the app comes back to the foreground or back online.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  options: Options = {},
): ResourceState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);

  const loadRef = useRef(load);
  const optionsRef = useRef(options);
  useEffect(() => {
    loadRef.current = load;
    optionsRef.current = options;
  });

  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    loadRef.current(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
        if (isApiError(err) && err.isUnauthorized) optionsRef.current.onUnauthorized?.();
      },
    );
    return () => controller.abort();
    // The caller names the dependencies, as with React's own hooks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce]);

  const refreshOnFocus = options.refreshOnFocus ?? true;
  useEffect(() => {
    if (!refreshOnFocus) return;
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', reload);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', reload);
    };
  }, [refreshOnFocus, reload]);

  return { data, error, loading, reload };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { API_URL, httpClient } from '../dataProvider';

/** The console API's non-list endpoints (JSON in, JSON out), with the API's error messages. */
export async function getJson<T>(path: string): Promise<T> {
  return (await httpClient(`${API_URL}${path}`)).json as T;
}

export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return (await httpClient(`${API_URL}${path}`, { method: 'POST', body: JSON.stringify(body) })).json as T;
}

/**
 * GET a console endpoint and keep the answer. With `poll`, it refetches every `poll.every` ms
 * while `poll.while(data)` holds (e.g. until an embedding is ready).
 */
export function useApi<T>(path: string | null, poll?: { every: number; while?: (data: T | undefined) => boolean }) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const latest = useRef<T | undefined>(undefined);
  const condition = useRef(poll?.while);
  condition.current = poll?.while;
  const reload = useCallback(async () => {
    if (path === null) return;
    try {
      const next = await getJson<T>(path);
      latest.current = next;
      setData(next);
      setError(null);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, [path]);
  useEffect(() => {
    setLoading(path !== null);
    void reload();
  }, [reload, path]);
  const every = poll?.every;
  useEffect(() => {
    if (every === undefined || path === null) return undefined;
    const timer = setInterval(() => {
      if (!condition.current || condition.current(latest.current)) void reload();
    }, every);
    return () => clearInterval(timer);
  }, [every, path, reload]);
  return { data, error, loading, reload };
}

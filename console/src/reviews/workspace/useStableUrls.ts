import { useCallback, useRef } from 'react';

/** Signed URLs change on every poll; keep the first one per key so a <video> does not reload. */
export const useStableUrls = () => {
  const urls = useRef(new Map<string, string>());
  return useCallback((key: string, url: string | null | undefined, replace = false): string | null => {
    if (!url) return urls.current.get(key) ?? null;
    if (replace || !urls.current.has(key)) urls.current.set(key, url);
    return urls.current.get(key) ?? null;
  }, []);
};

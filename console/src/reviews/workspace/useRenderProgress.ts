import { useEffect, useMemo, useState } from 'react';
import type { RenderVersion, ReviewDetail } from '../types';
import { isActiveRender } from './RenderPanel';

const byVersionDesc = (renders: RenderVersion[]) => [...renders].sort((a, b) => b.version - a.version);

/** Renders: the newest one's progress, and the newest finished one for playback and approval. */
export const useRenderProgress = (review: ReviewDetail | undefined) => {
  const renders = useMemo(() => byVersionDesc(review?.renders ?? []), [review]);
  const latestRender = renders[0];
  const finalRender = renders.find((r) => r.status === 'done');
  // The render row appears when a worker picks the job up; until then the job is "queued".
  const [awaitingScript, setAwaitingScript] = useState<number | null>(null);
  const queuedScript = Math.max(awaitingScript ?? 0, ...(review?.queuedRenders ?? []).map((q) => q.scriptVersion));
  const pendingScript = queuedScript > (latestRender?.scriptVersion ?? 0) ? queuedScript : null;
  useEffect(() => {
    if (awaitingScript !== null && renders.some((r) => r.scriptVersion >= awaitingScript)) setAwaitingScript(null);
  }, [awaitingScript, renders]);
  const rendering = pendingScript !== null || isActiveRender(latestRender);
  return { renders, latestRender, finalRender, pendingScript, rendering, setAwaitingScript };
};

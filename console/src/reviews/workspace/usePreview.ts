import { useEffect, useRef, useState } from 'react';
import { errorMessage, previewReview } from '../api';
import { localIssues, normalizeScript, type Draft } from '../script';
import type { PreviewIssue, PreviewResult } from '../types';

export const PREVIEW_DEBOUNCE_MS = 600;

export interface PreviewState {
  status: 'idle' | 'loading' | 'ready' | 'invalid' | 'error';
  /** The last spec that built: kept on screen while the next one loads or while the script does not fit. */
  result: PreviewResult | null;
  issues: PreviewIssue[];
  message: string | null;
  /** Counts successful previews (the player remounts its media on a new spec). */
  revision: number;
}

/**
 * Rebuilds the preview spec on the server (real TTS, the render stage's buildTimeline) about
 * 600 ms after the coach stops typing or moving the clip. A newer draft aborts an older request.
 */
export const usePreview = (id: string, draft: Draft | null): PreviewState => {
  const [state, setState] = useState<PreviewState>({ status: 'idle', result: null, issues: [], message: null, revision: 0 });
  const key = draft ? JSON.stringify([normalizeScript(draft.script), draft.keyMoment]) : null;
  const draftRef = useRef(draft);
  useEffect(() => {
    draftRef.current = draft;
  });

  useEffect(() => {
    const current = draftRef.current;
    if (!key || !current) return undefined;
    // The server would refuse these anyway; the editor shows them next to their lines.
    if (localIssues(current.script).length > 0) return undefined;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setState((s) => ({ ...s, status: 'loading' }));
      previewReview(id, normalizeScript(current.script), current.keyMoment, controller.signal)
        .then((outcome) => {
          if (controller.signal.aborted) return;
          setState((s) =>
            outcome.ok
              ? { status: 'ready', result: outcome.result, issues: [], message: null, revision: s.revision + 1 }
              : { ...s, status: 'invalid', issues: outcome.issues, message: outcome.message },
          );
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ ...s, status: 'error', issues: [], message: errorMessage(error) }));
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [id, key]);

  return state;
};

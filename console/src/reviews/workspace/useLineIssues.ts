import { useMemo } from 'react';
import { useTranslate } from 'react-admin';
import { localIssues, type Draft } from '../script';
import type { LineIssues } from './ScriptEditor';
import type { usePreview } from './usePreview';

/** The draft's own problems and those the live preview reports, next to the lines they name. */
export const useLineIssues = (draft: Draft | null, preview: ReturnType<typeof usePreview>) => {
  const translate = useTranslate();
  const local = useMemo(() => (draft ? localIssues(draft.script) : []), [draft]);
  const { lineIssues, generalIssues } = useMemo(() => {
    const lines: LineIssues = {};
    const general: string[] = [];
    const add = (lineId: string | undefined, text: string) => {
      if (lineId) (lines[lineId] ??= []).push(text);
      else general.push(text);
    };
    for (const issue of local) add(issue.lineId, translate(issue.message));
    if (local.length === 0 && preview.status === 'invalid') {
      for (const issue of preview.issues) add(issue.lineId, issue.message);
      if (preview.issues.length === 0 && preview.message) general.push(preview.message);
    }
    return { lineIssues: lines, generalIssues: general };
  }, [local, preview, translate]);
  return { local, lineIssues, generalIssues };
};

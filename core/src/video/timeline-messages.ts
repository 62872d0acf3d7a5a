import type { TimelineAdjustment, TimelineIssue } from './timeline-spec';

export interface BilingualText {
  ja: string;
  en: string;
}

/**
 * What a coach reads when a timeline cannot be laid out (only an invalid script or a source
 * without duration now: a line that does not fit is fitted, see fitClip). Names the script part
 * concerned in the coach's words; the developer detail (path, measured values) goes to the log.
 */
export function describeTimelineIssues(issues: TimelineIssue[]): BilingualText {
  const seen = new Set<string>();
  const where = issues
    .map((i) => (i.lineId ? { ja: `「${i.lineId}」`, en: `"${i.lineId}"` } : partOf(i.path)))
    .filter((w) => (seen.has(w.en) ? false : (seen.add(w.en), true)));
  const ja = `動画の構成を作れませんでした（${where.map((w) => w.ja).join('、')}）。台本を確認して、もう一度レンダリングしてください。`;
  const en = `The video could not be laid out (${where.map((w) => w.en).join(', ')}). Check the script and render again.`;
  return { ja, en };
}

/** Both languages on one line each (stored as the render's error and shown in the console). */
export function formatBilingual(text: BilingualText): string {
  return `${text.ja}\n${text.en}`;
}

/** The adjustments as the coach reads them, in the coach's language. */
export function adjustmentNotes(adjustments: TimelineAdjustment[] | undefined, locale: 'ja' | 'en'): string[] {
  return (adjustments ?? []).map((a) => a[locale]);
}

const PARTS: Record<string, BilingualText> = {
  part1: { ja: 'パート1', en: 'Part 1' },
  part2: { ja: 'パート2', en: 'Part 2' },
  diagnosis: { ja: '診断', en: 'the diagnosis' },
  pivot: { ja: 'つなぎのセリフ', en: 'the pivot line' },
  source: { ja: '元の動画', en: 'the source video' },
  keyMoment: { ja: 'キーモーメント', en: 'the key moment' },
};

function partOf(path: string): BilingualText {
  const key = path.replace(/^script\./, '').split('.')[0] ?? '';
  const part = PARTS[key] ?? (key.startsWith('source') ? PARTS.source! : { ja: '台本', en: 'the script' });
  return part;
}

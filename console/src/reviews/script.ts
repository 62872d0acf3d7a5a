import { narrationScriptIssues } from '@ajimi/core/contracts/narration-script';
import type { Bilingual, KeyMoment, NarrationScript } from './types';

/** What the coach is editing: the script and the clip it is spoken over. */
export interface Draft {
  script: NarrationScript;
  keyMoment: KeyMoment;
}

/** The spec's line ids (core/src/video/build-timeline): the 422 issues name lines by these. */
export type LineId = 'part1.intro' | 'part1.principle' | 'diagnosis' | 'pivot' | `part2.${number}`;

export { MAX_OFFSET_SEC, MAX_PART2_LINES } from '@ajimi/core/contracts/narration-script';
/** The shortest clip the timeline lets the coach make. */
export const MIN_CLIP_SEC = 2;

/** A local check, before asking the server: the server's own narrationScriptSchema, its rules as message keys. */
export interface LocalIssue {
  lineId?: LineId;
  message: string;
}

const FIXED_LINES = ['part1.intro', 'part1.principle', 'diagnosis', 'pivot'];

const lineIdOf = (path: Array<string | number>): LineId | undefined => {
  if (path[0] === 'part2') return typeof path[1] === 'number' ? `part2.${path[1]}` : undefined;
  const fixed = path[0] === 'part1' ? `part1.${String(path[1])}` : String(path[0]);
  return FIXED_LINES.includes(fixed) ? (fixed as LineId) : undefined;
};

export const localIssues = (script: NarrationScript): LocalIssue[] => {
  const issues: LocalIssue[] = [];
  for (const issue of narrationScriptIssues(script)) {
    const lineId = lineIdOf(issue.path);
    const message = `ajimi.reviews.script.${issue.rule === 'shape' ? 'empty_line' : issue.rule}`;
    // One message per line and rule (a line empty in both languages is one problem).
    if (!issues.some((i) => i.lineId === lineId && i.message === message)) issues.push(lineId ? { lineId, message } : { message });
  }
  return issues;
};

/** The script as the API takes it: text trimmed (the schema trims too; the diff then stays honest). */
export const normalizeScript = (script: NarrationScript): NarrationScript => {
  const t = (b: Bilingual): Bilingual => ({ ja: b.ja.trim(), en: b.en.trim() });
  return {
    part1: { intro: t(script.part1.intro), principle: t(script.part1.principle) },
    diagnosis: t(script.diagnosis),
    pivot: t(script.pivot),
    part2: script.part2.map((l) => ({ offset: Math.round(l.offset * 10) / 10, text: t(l.text), cue: l.cue })),
  };
};

export const sameDraft = (a: Draft, b: Draft): boolean =>
  JSON.stringify([normalizeScript(a.script), round(a.keyMoment.start), round(a.keyMoment.end)]) ===
  JSON.stringify([normalizeScript(b.script), round(b.keyMoment.start), round(b.keyMoment.end)]);

const round = (x: number) => Math.round(x * 100) / 100;

/** Moves the clip by `delta` seconds, keeping its length and staying inside the video. */
export const moveClip = (clip: KeyMoment, delta: number, duration: number): KeyMoment => {
  const length = clip.end - clip.start;
  const start = Math.min(Math.max(0, clip.start + delta), Math.max(0, duration - length));
  return { start: round(start), end: round(start + length) };
};

/** Moves one edge of the clip to `at`, keeping at least MIN_CLIP_SEC and staying inside the video. */
export const setClipEdge = (clip: KeyMoment, edge: 'start' | 'end', at: number, duration: number): KeyMoment => {
  if (edge === 'start') return { start: round(Math.min(Math.max(0, at), clip.end - MIN_CLIP_SEC)), end: clip.end };
  return { start: clip.start, end: round(Math.max(Math.min(duration, at), clip.start + MIN_CLIP_SEC)) };
};

/**
 * I / O at the playhead: set the clip's start or end there. Past the other edge, the clip
 * keeps its length and moves to start (or end) at the playhead instead.
 */
export const markClip = (clip: KeyMoment, edge: 'start' | 'end', at: number, duration: number): KeyMoment => {
  const t = Math.min(Math.max(0, at), duration);
  if (edge === 'start') return t <= clip.end - MIN_CLIP_SEC ? { start: round(t), end: clip.end } : moveClip(clip, t - clip.start, duration);
  return t >= clip.start + MIN_CLIP_SEC ? { start: clip.start, end: round(t) } : moveClip(clip, t - clip.end, duration);
};

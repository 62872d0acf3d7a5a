import type { CoachingVideoMedia } from '@ajimi/remotion/props';
import type { Person, RenderStatus, ReviewRow, ReviewStatus } from '@ajimi/core/contracts/reviews';
import type { TimelineSpec } from '@ajimi/core/video/timeline-spec';
import { NARRATION_CUES, type NarrationCue, type NarrationScript } from '@ajimi/core/contracts/narration-script';
import type { AnalysisTimeline } from '@ajimi/core/contracts/analysis-timeline';

/** The wire types of /api/console/reviews (docs/api/console-reviews.md). */

export type { Person, RenderStatus, RenderSummary, ReviewDish, ReviewRow, ReviewStatus } from '@ajimi/core/contracts/reviews';

export const REVIEW_STATUSES = ['pending', 'in_review', 'approved', 'sent_back'] as const satisfies readonly ReviewStatus[];
export const OPEN_STATUSES: ReviewStatus[] = ['pending', 'in_review'];

export const RENDER_STATUSES = ['queued', 'rendering', 'done', 'failed', 'superseded'] as const satisfies readonly RenderStatus[];

export interface Bilingual {
  ja: string;
  en: string;
}

export type Cue = NarrationCue;
export const CUES: readonly Cue[] = NARRATION_CUES;

/** The script's one schema lives in core/src/contracts/narration-script.ts. */
export type { NarrationScript } from '@ajimi/core/contracts/narration-script';

export interface KeyMoment {
  start: number;
  end: number;
}

export interface Sprite {
  url: string;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  intervalSec: number;
  count: number;
}

export interface Candidate extends KeyMoment {
  /** The Japanese reason (kept for older API responses); reason carries both languages. */
  label: string;
  reason?: Bilingual;
  score: number;
}

export interface ScriptVersion {
  version: number;
  content: NarrationScript;
  keyMoment: KeyMoment;
  author: 'ai' | Person;
  createdAt: string;
  /** A send-back's instructions that this AI draft was written with. */
  instructions?: string | null;
  /** What the offline drafter could and could not apply of those instructions. */
  instructionsReport?: { drafter: string; applied: Array<{ kind: string; source: string; detail: string }>; notApplied: string[] } | null;
}

export interface RenderVersion {
  id: string;
  version: number;
  scriptVersion: number;
  status: RenderStatus;
  progress: number;
  error: string | null;
  videoUrl: string | null;
  posterUrl: string | null;
  createdAt: string;
}

/** GET /api/console/reviews/:id: the row plus what the workspace needs. */
export interface ReviewDetail extends ReviewRow {
  session: { id: string; status: string; note: string | null; selfRatings: Record<string, number> | null; createdAt: string };
  video: { url: string; durationSec: number; posterUrl: string | null; sprite: Sprite | null } | null;
  signals: { stepSec: number; motion: number[]; sound: number[]; sizzle?: number[] };
  candidates: Candidate[];
  keyMoment: KeyMoment | null;
  /** The latest analysis on the time axis (heat curve, cooking stretch, moments, evidence spans); absent on older servers. */
  analysis?: AnalysisTimeline | null;
  scripts: ScriptVersion[];
  /** As the cook has it now: version 1 is the AI's, each coach correction adds one; history is oldest first. */
  coachingText: { body: string; content: unknown; sentAt: string; version?: number; history?: Array<{ version: number; body: string; at: string; by: Person | null }> } | null;
  renders: RenderVersion[];
  /** Render jobs queued for a script version whose render row does not exist yet. */
  queuedRenders?: Array<{ scriptVersion: number; state: string; queuedAt: string }>;
  currentRenderId: string | null;
}

/** A 422 `timeline_invalid` issue: a dotted path into the spec, and the script line when known. */
export interface PreviewIssue {
  path: string;
  message: string;
  lineId?: string;
}

export interface PreviewResult {
  spec: TimelineSpec;
  media: CoachingVideoMedia;
}

/**
 * A cooking session's life. Each in-flight status names the stage that is working on it, so the
 * console can show where a session is and the sweeper knows which stage to re-send. The stage
 * maps below are derived from the pipeline definition (core/src/pipeline/definition.ts).
 */
import { STAGES, STAGE_NAMES, type StageName } from '../pipeline/definition';

export const SESSION_STATUSES = [
  'created', // session exists, video not uploaded yet
  'uploaded', // the source video is stored; ingest is queued
  'ingesting',
  'transcribing',
  'analyzing',
  'retrieving',
  'coaching', // writing and sending the coaching text
  'narrating', // drafting the video script
  'rendering',
  'in_review', // a chef-coach reviews the draft video
  'delivered',
  'failed',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

type StatusStage = { [S in StageName]: (typeof STAGES)[S]['status'] extends null ? never : S }[StageName];

/** Which queue works on a session in each in-flight status. */
export const STAGE_OF_STATUS: Partial<Record<SessionStatus, StageName>> = Object.fromEntries(
  STAGE_NAMES.flatMap((stage) => {
    const def: { status: SessionStatus | null; queuedStatus?: SessionStatus } = STAGES[stage];
    if (!def.status) return [];
    return [[def.status, stage], ...(def.queuedStatus ? [[def.queuedStatus, stage]] : [])];
  }),
);

/** The status a session is in while a stage works on it (the reverse of STAGE_OF_STATUS). */
export const STATUS_OF_STAGE: Partial<Record<string, SessionStatus>> & Record<StatusStage, SessionStatus> = Object.fromEntries(
  STAGE_NAMES.flatMap((stage) => (STAGES[stage].status ? [[stage, STAGES[stage].status]] : [])),
) as Record<StatusStage, SessionStatus>;

/** Timestamp column set when a stage finishes. */
export const DONE_COLUMN_OF_STAGE: Partial<Record<string, string>> = Object.fromEntries(
  STAGE_NAMES.flatMap((stage) => (STAGES[stage].doneColumn ? [[stage, STAGES[stage].doneColumn]] : [])),
);

/**
 * A cooking session's life. Each in-flight status names the stage that is working on it, so the
 * console can show where a session is and the sweeper knows which stage to re-send.
 */
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

/** Which queue works on a session in each in-flight status. */
export const STAGE_OF_STATUS: Partial<Record<SessionStatus, string>> = {
  uploaded: 'ingest',
  ingesting: 'ingest',
  transcribing: 'transcribe',
  analyzing: 'analyze',
  retrieving: 'retrieve',
  coaching: 'coach-text',
  narrating: 'narrate',
  rendering: 'render',
};

/** The status a session is in while a stage works on it (the reverse of STAGE_OF_STATUS). */
export const STATUS_OF_STAGE: Record<string, SessionStatus> = {
  ingest: 'ingesting',
  transcribe: 'transcribing',
  analyze: 'analyzing',
  retrieve: 'retrieving',
  'coach-text': 'coaching',
  narrate: 'narrating',
  render: 'rendering',
};

/** Timestamp column set when a stage finishes. */
export const DONE_COLUMN_OF_STAGE: Record<string, string> = {
  ingest: 'ingested_at',
  transcribe: 'transcribed_at',
  analyze: 'analyzed_at',
  retrieve: 'retrieved_at',
  'coach-text': 'coach_text_sent_at',
  narrate: 'narrated_at',
  render: 'rendered_at',
};

/** What an audit row was about, named for a person (never a bare id). */
export interface AuditTarget {
  /** The cook a session, review item or chat room belongs to; a user's own name. */
  person?: string | undefined;
  dish?: { ja: string; en: string } | undefined;
  /** "Session N" of that dish. */
  attempt?: number | undefined;
  /** A principle's title. */
  title?: { ja: string; en: string } | undefined;
  /** A chat room's kind (my_coaching, cooking_videos, help). */
  room?: string | undefined;
}

/** One audit-log entry (GET /api/console/audit-log): who changed what, before and after. */
export interface AuditRow {
  /** bigint ids travel as strings: react-admin keeps them exact. */
  id: string;
  created_at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  /** Named by the API for the console; absent where the row's target no longer exists. */
  target?: AuditTarget | null;
}

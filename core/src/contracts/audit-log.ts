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
}

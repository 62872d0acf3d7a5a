import type { Knex } from 'knex';

export interface Actor {
  userId: string | null;
  role: string | null;
  requestId?: string | undefined;
}

export interface AuditEntry {
  action: string; // "<entity>.<verb>", e.g. "user.update"
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Written in the same transaction as the change it records, so neither exists without the other. */
export async function recordAudit(db: Knex | Knex.Transaction, actor: Actor, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    actor_user_id: actor.userId,
    actor_role: actor.role,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    request_id: actor.requestId ?? null,
  });
}

import { BaseModel } from './base-model';

export class AuditLogEntry extends BaseModel {
  static override tableName = 'audit_log';
  declare id: number;
  declare actor_user_id: string | null;
  declare actor_role: string | null;
  declare action: string;
  declare entity_type: string;
  declare entity_id: string | null;
  declare before: unknown;
  declare after: unknown;
  declare request_id: string | null;
  declare created_at: Date;
}

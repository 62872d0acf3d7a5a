import { BaseModel } from './base-model';

export class WorkerHeartbeat extends BaseModel {
  static override tableName = 'worker_heartbeats';
  static override idColumn = 'worker_id';
  declare worker_id: string;
  declare hostname: string;
  declare pid: number;
  declare queues: string[];
  declare started_at: Date;
  declare last_seen_at: Date;
}

/** A pg-boss queue as its monitor reports it (GET /api/console/operations/queues). */
export interface QueueView {
  name: string;
  policy: string;
  deadLetter: string | null;
  queued: number;
  active: number;
  deferred: number;
  failed: number;
  total: number;
  /** Seconds the oldest ready job has waited, as of pg-boss's last monitor pass. */
  oldestReadySeconds: number | null;
  monitoredAt: string | null;
}

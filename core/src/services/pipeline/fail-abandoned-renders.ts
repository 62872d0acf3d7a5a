import type { Knex } from 'knex';

/** A running render writes progress every ~0.5 s; this long without a write means its worker is gone. */
export const ABANDONED_RENDER_SECONDS = 120;

/**
 * A render left 'rendering' (or 'queued') by a worker that died is marked failed with a reason,
 * so the console stops showing a progress bar that will never move. The job itself is retried by
 * pg-boss (a retry is a new render version); the previous good render stays in place.
 */
export async function failAbandonedRenders(knex: Knex, options: { quietSeconds?: number } = {}): Promise<string[]> {
  const quiet = options.quietSeconds ?? ABANDONED_RENDER_SECONDS;
  const rows = await knex('renders')
    .whereIn('status', ['queued', 'rendering'])
    .where('updated_at', '<', knex.raw('now() - make_interval(secs => ?)', [quiet]))
    .update({
      status: 'failed',
      error: `the render stopped making progress for ${quiet} s (its worker stopped); it is retried automatically, or re-render from the console`,
      finished_at: knex.fn.now(),
      updated_at: knex.fn.now(),
    })
    .returning('id');
  return rows.map((r: { id: string }) => r.id);
}

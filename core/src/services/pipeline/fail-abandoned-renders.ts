import type { Knex } from 'knex';
import { failQuietRenders } from '../../data/renders';

/** A running render writes progress every ~0.5 s; this long without a write means its worker is gone. */
export const ABANDONED_RENDER_SECONDS = 120;

/**
 * A render left 'rendering' (or 'queued') by a worker that died is marked failed with a reason,
 * so the console stops showing a progress bar that will never move. The job itself is retried by
 * pg-boss (a retry is a new render version); the previous good render stays in place.
 */
export async function failAbandonedRenders(knex: Knex, options: { quietSeconds?: number } = {}): Promise<string[]> {
  const quiet = options.quietSeconds ?? ABANDONED_RENDER_SECONDS;
  return failQuietRenders(
    knex,
    quiet,
    `the render stopped making progress for ${quiet} s (its worker stopped); it is retried automatically, or re-render from the console`,
  );
}

/** The narration_scripts aggregate: every version of a session's coaching script (AI drafts and coach edits). */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { NarrationScript } from '../models/narration-script';

export type NarrationScriptRow = ModelObject<NarrationScript>;
type Db = Knex | Knex.Transaction;

export interface NewNarrationScript {
  sessionId: string;
  version: number;
  authorKind: NarrationScriptRow['author_kind'];
  authorUserId?: string | null;
  content: unknown;
  keyMoment: { start: number; end: number };
  model?: string | null;
  promptVersion?: string | null;
  instructions?: string | null;
  instructionsReport?: unknown;
}

/** The session's newest script version, or the given one. */
export async function findScript(
  db: Db,
  sessionId: string,
  version?: number,
): Promise<Pick<NarrationScriptRow, 'id' | 'version' | 'author_kind' | 'content' | 'key_moment'> | undefined> {
  const query = db('narration_scripts').where({ session_id: sessionId });
  if (version === undefined) query.orderBy('version', 'desc');
  else query.andWhere({ version });
  return query.first('id', 'version', 'author_kind', 'content', 'key_moment');
}

export async function nextScriptVersion(db: Db, sessionId: string): Promise<number> {
  const max = await db('narration_scripts').where({ session_id: sessionId }).max<{ max: number | null }>('version as max').first();
  return (max?.max ?? 0) + 1;
}

/** Inserts a version; `once` makes a second insert of the same version a no-op (a retried job). */
export async function insertScript(db: Db, script: NewNarrationScript, options: { once?: boolean } = {}): Promise<void> {
  const insert = db('narration_scripts').insert({
    session_id: script.sessionId,
    version: script.version,
    author_kind: script.authorKind,
    author_user_id: script.authorUserId ?? null,
    content: JSON.stringify(script.content),
    key_moment: JSON.stringify({ start: script.keyMoment.start, end: script.keyMoment.end }),
    model: script.model ?? null,
    prompt_version: script.promptVersion ?? null,
    instructions: script.instructions ?? null,
    instructions_report: script.instructionsReport === undefined ? null : JSON.stringify(script.instructionsReport),
  });
  if (options.once) await insert.onConflict(['session_id', 'version']).ignore();
  else await insert;
}

/** Every version of the session's script, oldest first, with the author's name for coach versions. */
export async function scriptHistory(db: Db, sessionId: string) {
  return db('narration_scripts as n')
    .leftJoin('users as u', 'u.id', 'n.author_user_id')
    .where('n.session_id', sessionId)
    .orderBy('n.version')
    .select('n.version', 'n.content', 'n.key_moment', 'n.author_kind', 'n.author_user_id', 'u.name as author_name', 'n.created_at', 'n.model', 'n.instructions', 'n.instructions_report');
}

/** The renders aggregate: the coaching-video versions of a session. */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { Render } from '../models/render';

export type RenderRow = ModelObject<Render>;
type Db = Knex | Knex.Transaction;

/** A finished, stored render of the session: the given one, or the newest. */
export async function finishedRender(db: Db, sessionId: string, renderId?: string): Promise<Pick<RenderRow, 'id' | 'version'> | undefined> {
  const query = db('renders').where({ session_id: sessionId, status: 'done' }).whereNotNull('video_asset_id');
  return (renderId ? query.andWhere({ id: renderId }) : query.orderBy('version', 'desc')).first('id', 'version');
}

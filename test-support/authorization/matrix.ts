/**
 * The authorization matrix's shared shapes. The matrix itself is api/src/authorization.integration.test.ts;
 * each area adds its rows in authorization/<area>.matrix.ts (export const matrix: AreaMatrix).
 */
import type { TestApi, TestUser } from '../api-harness';

export const CALLERS = ['anonymous', 'learnerA', 'learnerB', 'coach', 'content', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];

export interface Fixtures {
  /** learner A's "my_coaching" room */
  roomId: string;
  /** one of learner A's cooking sessions */
  sessionId: string;
  /** a user the admin may read, edit and disable without harming the callers */
  targetUserId: string;
  /** a stored media file: its key, and a signed URL for it */
  mediaKey: string;
  signedMediaUrl: string;
  /** Whatever the areas' setup functions returned, by param name (":reviewId" → extra.reviewId). */
  extra: Record<string, string>;
}

export interface Row {
  /**
   * "METHOD /path" as registered in the router ("USE /path" for a mount answered by middleware, such as
   * the tus upload server); null for a request no route of its own answers (a refusal, a 404).
   */
  route: string | null;
  /** the request line actually sent; defaults to route with its :params filled in */
  request?: string | ((f: Fixtures) => string);
  body?: () => object;
  /** the call ends the caller's session, so it gets a session of its own */
  endsSession?: boolean;
  /** the error code expected with a 4xx, when not the generic one for the status */
  code?: string;
  expect: Record<Caller, number>;
}


export function s(statuses: [number, number, number, number, number, number]): Record<Caller, number> {
  return Object.fromEntries(CALLERS.map((caller, i) => [caller, statuses[i]])) as Record<Caller, number>;
}

export interface AreaMatrix {
  rows: Row[];
  /** Creates what the rows need; the returned values fill ":name" params in their request lines. */
  setup?: (ctx: { api: TestApi; users: Record<Exclude<Caller, 'anonymous'>, TestUser>; fixtures: Fixtures }) => Promise<Record<string, string>>;
}

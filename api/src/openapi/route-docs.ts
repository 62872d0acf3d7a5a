import type { z } from 'zod';
import { AUDIT_SORT_FIELDS } from '@ajimi/core/data/audit-log';
import { COOK_SORT_FIELDS } from '@ajimi/core/services/cooks/list-cooks';
import { DISH_SORT_FIELDS } from '@ajimi/core/services/dishes/list-dishes';
import { PRINCIPLE_SORT_FIELDS } from '@ajimi/core/services/knowledge/list-principles';
import { REVIEW_SORT_FIELDS } from '@ajimi/core/services/review/list-review-items';
import { USER_SORT_FIELDS } from '@ajimi/core/services/users/manage-users';
import * as auth from '../routes/auth';
import * as profile from '../routes/profile';
import * as push from '../routes/push';
import * as rooms from '../routes/rooms';
import * as sessions from '../routes/sessions';
import * as auditLog from '../routes/console/audit-log';
import * as cooks from '../routes/console/cooks';
import * as dishes from '../routes/console/dishes';
import * as principles from '../routes/console/principles';
import * as retrieval from '../routes/console/retrieval';
import * as reviews from '../routes/console/reviews';
import * as users from '../routes/console/users';

/** What a route reads, as the same zod schemas its handler parses with. */
export interface RouteDoc {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** A react-admin list (ra-data-simple-rest): sort, range and filter as JSON in the query. */
  list?: { sortable: readonly string[]; filter: z.ZodType };
}

const list = (sortable: readonly string[], filter: z.ZodType) => ({ sortable, filter });

/**
 * One entry per mounted route, keyed "METHOD /express/path". The OpenAPI test fails when a route is
 * mounted without an entry here or an entry names a route that is no longer mounted.
 */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /api/health/live': { summary: 'Liveness: the process answers.' },
  'GET /api/health': { summary: 'Readiness: database reachable, migrations current, a worker seen in the last 30 s.' },
  'GET /api/openapi.json': { summary: 'This document.' },

  'GET /api/auth/config': { summary: 'Which sign-in the front-ends show (built-in accounts or Clerk).' },
  'POST /api/auth/login': { summary: 'Sign in with email and password; sets the session cookie.', body: auth.loginBody },
  'POST /api/auth/logout': { summary: 'Sign out: revokes the session.' },
  'POST /api/auth/password': { summary: 'Change your own password.', body: auth.passwordBody },
  'GET /api/auth/me': { summary: 'The signed-in user, or null.' },

  'GET /api/rooms': { summary: "The cook's three chat rooms with unread counts." },
  'GET /api/rooms/:roomId/messages': { summary: 'A page of messages of one of your rooms.', query: rooms.messagesQuery },
  'POST /api/rooms/:roomId/read': { summary: 'Marks the room read.' },
  'POST /api/rooms/:roomId/messages': { summary: 'Ask a question (queues the AI reply unless a coach holds the room).', body: rooms.postBody },
  'POST /api/sessions': { summary: 'Start a cooking session for a dish (Session N of the dish).', body: sessions.createBody },
  'GET /api/sessions': { summary: 'Your cooking sessions, optionally of one dish.', query: sessions.sessionListQuery },
  'GET /api/sessions/:id': { summary: 'One of your sessions with its status and media.' },
  'DELETE /api/sessions/:id': { summary: 'Delete one of your sessions and its files.' },
  'GET /api/dishes': { summary: 'The dishes you can pick, with the session number your next one would get.' },
  'GET /api/dishes/:slug/history': { summary: 'Your sessions of one dish, with diagnosis and skill per session.' },
  'GET /api/profile': { summary: 'Your profile (display name, dishes).' },
  'PUT /api/profile': { summary: 'Update your profile.', body: profile.profileBody },
  'GET /api/events': { summary: 'Server-sent events: new messages and session status for the signed-in cook.' },
  'GET /api/push/public-key': { summary: "The server's VAPID public key for Web Push." },
  'POST /api/push/subscriptions': { summary: 'Register this browser for push notifications.', body: push.subscriptionBody },
  'DELETE /api/push/subscriptions': { summary: 'Unregister a push subscription.', body: push.unsubscribeBody },
  'GET /api/media/{*key}': { summary: 'A stored file behind an HMAC-signed, expiring URL (local storage only; HTTP Range).' },

  'GET /api/console/users': { summary: 'Accounts of every role.', list: list(USER_SORT_FIELDS, users.filter) },
  'GET /api/console/users/:id': { summary: 'One account.' },
  'POST /api/console/users': { summary: 'Create an account.', body: users.createBody },
  'PUT /api/console/users/:id': { summary: 'Change name, role, locale or disabled.', body: users.updateBody },
  'POST /api/console/users/:id/password': { summary: "Set an account's password.", body: users.passwordBody },
  'DELETE /api/console/users/:id': { summary: 'Disable an account (never deleted: the audit log keeps naming it).' },

  'GET /api/console/reviews': { summary: 'The review queue.', list: list(REVIEW_SORT_FIELDS, reviews.filter) },
  'GET /api/console/reviews/stats': { summary: "The coach's review figures since a moment.", query: reviews.statsQuery },
  'GET /api/console/reviews/:id': { summary: 'A review item with the workspace: footage, signals, script, renders.' },
  'POST /api/console/reviews/:id/claim': { summary: 'Claim the item for a while.' },
  'POST /api/console/reviews/:id/release': { summary: 'Release your claim.' },
  'POST /api/console/reviews/:id/preview': { summary: 'Timeline and narration audio for an edited script, without saving.', body: reviews.scriptInput },
  'POST /api/console/reviews/:id/scripts': { summary: 'Save an edited script (new version) and queue its render.', body: reviews.scriptInput },
  'POST /api/console/reviews/:id/approve': { summary: 'Approve a render: delivers it to the cook.', body: reviews.approveBody },
  'GET /api/console/reviews/:id/previous': { summary: "The same cook's previous coachable session of the dish, for a side-by-side (null when none)." },
  'POST /api/console/reviews/:id/coaching-text/corrections': { summary: 'Correct the coaching text the cook already has (a new version, audited, pushed once).', body: reviews.correctionBody },
  'POST /api/console/reviews/:id/send-back': { summary: 'Send the draft back to narration with a reason.', body: reviews.sendBackBody },

  'GET /api/console/principles': { summary: 'Cooking principles (the knowledge base).', list: list(PRINCIPLE_SORT_FIELDS, principles.filter) },
  'GET /api/console/principles/form-options': { summary: 'Dishes, finding codes and senses the principle form offers.' },
  'GET /api/console/principles/:id': { summary: 'One principle with its embedding status.' },
  'GET /api/console/principles/:id/versions': { summary: "The principle's saved versions." },
  'POST /api/console/principles': { summary: 'Create a principle (queues its embedding).', body: principles.createBody },
  'PUT /api/console/principles/:id': { summary: 'Save an edit as the draft (the live version is unchanged until published).', body: principles.updateBody },
  'POST /api/console/principles/:id/publish': { summary: 'Publish: the draft (if any) becomes a new live version (re-embedded) and retrieval may cite it.', body: principles.publishBody },
  'POST /api/console/principles/:id/unpublish': { summary: 'Unpublish.' },
  'POST /api/console/principles/:id/discard-draft': { summary: 'Discard the unpublished draft.' },
  'POST /api/console/principles/:id/versions/:version/restore': { summary: 'Restore an earlier version as the draft.' },
  'GET /api/console/dishes': { summary: 'Dishes with their rubric and core principle.', list: list(DISH_SORT_FIELDS, dishes.filter) },
  'GET /api/console/dishes/form-options': { summary: 'Principles a dish may name as its core principle.' },
  'GET /api/console/dishes/:id': { summary: 'One dish.' },
  'GET /api/console/dishes/:id/versions': { summary: "The dish's saved versions." },
  'POST /api/console/dishes': { summary: 'Add a dish (version 1).', body: dishes.createBody },
  'PUT /api/console/dishes/:id': { summary: 'Edit a dish (a new version).', body: dishes.updateBody },
  'POST /api/console/dishes/:id/versions/:version/restore': { summary: 'Restore an earlier version of a dish (as a new version).' },
  'GET /api/console/retrieval/sessions': { summary: 'Sessions the retrieval tester can start from.' },
  'POST /api/console/retrieval': { summary: 'What retrieval returns for a question or a session.', body: retrieval.body },

  'GET /api/console/cooks': { summary: 'Cooks with their activity.', list: list(COOK_SORT_FIELDS, cooks.filter) },
  'GET /api/console/cooks/:id': { summary: "A cook's journey: sessions per dish with analysis, text, video and renders." },
  'GET /api/console/cooks/:id/chat': { summary: "The cook's rooms and transcript.", query: cooks.chatQuery },
  'POST /api/console/cooks/:id/chat/messages': { summary: 'Answer the cook as a human (takes the room over).', body: cooks.replyBody },
  'POST /api/console/cooks/:id/chat/take-over': { summary: 'Take the room over: the AI stays quiet there.', body: cooks.roomBody },
  'POST /api/console/cooks/:id/chat/hand-back': { summary: 'Hand the room back to the AI.', body: cooks.roomBody },
  'GET /api/console/questions': { summary: 'Questions handed to a coach that no coach has answered yet.' },

  'GET /api/console/operations/overview': { summary: 'Pipeline health: sessions per status, failures, workers.' },
  'GET /api/console/operations/queues': { summary: 'Queue sizes per stage.' },
  'POST /api/console/operations/sessions/:id/retry': { summary: 'Retry a failed session from its failed stage.' },
  'GET /api/console/audit-log': { summary: 'Who did what, when.', list: list(AUDIT_SORT_FIELDS, auditLog.filter) },
  'GET /api/console/audit-log/facets': { summary: 'Actions and entity types present in the log.' },
  'GET /api/console/audit-log/:id': { summary: 'One audit entry with its before/after.' },
};

/** Handlers mounted with use() that speak their own protocol under a path. */
export const HANDLER_DOCS: Record<string, { summary: string; operations: Array<{ method: 'get' | 'post' | 'patch' | 'head' | 'delete'; path: string; summary: string }> }> = {
  '/api/uploads': {
    summary: 'Resumable uploads, tus 1.0 (https://tus.io/protocols/resumable-upload): creation, creation-defer-length, termination.',
    operations: [
      { method: 'post', path: '/api/uploads', summary: 'Create an upload; Upload-Metadata carries sessionId (uuid) and kind (source_video | voice_memo).' },
      { method: 'head', path: '/api/uploads/{uploadId}', summary: 'The offset reached so far (resume from here).' },
      { method: 'patch', path: '/api/uploads/{uploadId}', summary: 'Append bytes at Upload-Offset (application/offset+octet-stream).' },
      { method: 'delete', path: '/api/uploads/{uploadId}', summary: 'Abandon an upload.' },
    ],
  },
  '/api/console/queue-dashboard': {
    summary: "pg-boss's own dashboard (HTML), read-only unless configured otherwise.",
    operations: [{ method: 'get', path: '/api/console/queue-dashboard/{path}', summary: 'Dashboard pages and assets.' }],
  },
};

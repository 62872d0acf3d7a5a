/**
 * The chef-coaches' review queue: coaches and admins (content staff and cooks refused). Decisions
 * need the caller's own claim: on an item another coach holds they answer 409 held_by_other.
 */
import { createTestUser } from '../api-harness';
import { createReviewFixture, scriptBody } from '../../core/src/services/review/testing/review-fixtures';
import { s, type AreaMatrix } from './matrix';

const READ = s([401, 403, 403, 200, 403, 200]);
const HELD_BY_OTHER = s([401, 403, 403, 409, 403, 409]);
const R = '/api/console/reviews';

export const matrix: AreaMatrix = {
  rows: [
    //                                                                  anon   A     B   coach content admin
    { route: `GET ${R}`,                                                expect: READ },
    { route: `GET ${R}/:id`, request: `GET ${R}/:heldReviewId`,         expect: READ },
    { route: `GET ${R}/:id/previous`, request: `GET ${R}/:heldReviewId/previous`, expect: READ },
    // The caller's own counter since a recent instant (today's local midnight in the console).
    { route: `GET ${R}/stats`, request: () => `GET ${R}/stats?since=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`, expect: READ },
    // The coach claims a free item; the admin then finds it held by the coach.
    { route: `POST ${R}/:id/claim`, request: `POST ${R}/:freeReviewId/claim`, expect: s([401, 403, 403, 200, 403, 409]) },
    // The holder releases it; the admin's release of a free item is a no-op.
    { route: `POST ${R}/:id/release`, request: `POST ${R}/:freeReviewId/release`, expect: s([401, 403, 403, 204, 403, 204]) },
    // Previewing needs no claim.
    { route: `POST ${R}/:id/preview`, request: `POST ${R}/:heldReviewId/preview`, body: () => scriptBody(), expect: READ },
    { route: `POST ${R}/:id/scripts`, request: `POST ${R}/:heldReviewId/scripts`, body: () => scriptBody(), expect: HELD_BY_OTHER },
    // Claim held by another coach → 409 for every reviewer.
    { route: `POST ${R}/:id/approve`, request: `POST ${R}/:heldReviewId/approve`, body: () => ({}), expect: HELD_BY_OTHER },
    // Held by the calling coach: approved; the admin then finds it already decided.
    { route: null, request: `POST ${R}/:mineReviewId/approve`, body: () => ({}), expect: s([401, 403, 403, 200, 403, 409]) },
    { route: `POST ${R}/:id/send-back`, request: `POST ${R}/:heldReviewId/send-back`, body: () => ({ reason: 'もっと音を強調して' }), expect: HELD_BY_OTHER },
    // Correcting the sent coaching text: refused while another coach holds the item.
    { route: `POST ${R}/:id/coaching-text/corrections`, request: `POST ${R}/:heldReviewId/coaching-text/corrections`, body: () => ({ body: '修正', baseVersion: 1 }), expect: HELD_BY_OTHER },
  ],
  async setup({ api, users }) {
    const otherCoach = await createTestUser(api.knex, 'coach');
    const cookId = users.learnerA.id;
    const held = await createReviewFixture(api.knex, { cookId, storage: api.storage, withRender: true, holder: { userId: otherCoach.id, minutes: 60 } });
    const free = await createReviewFixture(api.knex, { cookId });
    const mine = await createReviewFixture(api.knex, { cookId, withRender: true, holder: { userId: users.coach.id, minutes: 60 } });
    return { heldReviewId: held.reviewId, freeReviewId: free.reviewId, mineReviewId: mine.reviewId };
  },
};

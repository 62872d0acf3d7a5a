/**
 * The learner app's routes added for issue 6 (profile, live events, history, cancel, read marks).
 * Another cook's ids answer 404 exactly like missing ones.
 */
import { randomUUID } from 'node:crypto';
import { s, type AreaMatrix } from './matrix';

export const matrix: AreaMatrix = {
  rows: [
    //                                                                  anon   A     B   coach content admin
    { route: 'GET /api/profile',                            expect: s([401, 200, 200, 403, 403, 403]) },
    { route: 'PUT /api/profile', body: () => ({ name: 'Aki', locale: 'ja', dishSlugs: [] }),
                                                            expect: s([401, 200, 200, 403, 403, 403]) },
    // The stream itself never ends on its own: an unknown query parameter gets past the gates and is refused.
    { route: 'GET /api/events', request: 'GET /api/events?unknown=1',
                                                            expect: s([401, 400, 400, 403, 403, 403]) },
    { route: 'GET /api/dishes/:slug/history',               expect: s([401, 200, 200, 403, 403, 403]) },
    { route: null, request: 'GET /api/dishes/no-such-dish/history',
                                                            expect: s([401, 404, 404, 403, 403, 403]) },
    { route: 'POST /api/rooms/:roomId/read',                expect: s([401, 204, 404, 403, 403, 403]) },
    { route: 'DELETE /api/sessions/:id', request: (f) => `DELETE /api/sessions/${f.extra.cancelSessionId}`,
                                                            expect: s([401, 204, 404, 403, 403, 403]) },
  ],
  async setup({ api, users }) {
    // A session of learner A still waiting for its video: A may cancel it (B only ever gets 404).
    const slug = `authz-learner-${randomUUID().slice(0, 8)}`;
    const [dish] = await api.knex('dishes').insert({ slug, name_ja: '餃子', name_en: 'Gyoza' }).returning('id');
    const [session] = await api.knex('cooking_sessions').insert({ user_id: users.learnerA.id, dish_id: dish.id, attempt_number: 1 }).returning('id');
    return { cancelSessionId: session.id, slug };
  },
};

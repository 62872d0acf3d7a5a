/**
 * Cooks and their conversations: chef-coaches and admins (content staff and cooks refused).
 * The rows act on a cook of their own, so the shared learners' rooms are never taken over.
 */
import { createTestUser } from '../api-harness';
import { s, type AreaMatrix } from './matrix';

const ALLOWED = s([401, 403, 403, 200, 403, 200]);
let roomId = '';

export const matrix: AreaMatrix = {
  rows: [
    //                                                                  anon   A     B   coach content admin
    { route: 'GET /api/console/cooks',                                  expect: ALLOWED },
    // Follow-up questions the AI handed to a human coach.
    { route: 'GET /api/console/questions',                              expect: ALLOWED },
    { route: 'GET /api/console/cooks/:id', request: 'GET /api/console/cooks/:cookId', expect: ALLOWED },
    { route: 'GET /api/console/cooks/:id/chat', request: 'GET /api/console/cooks/:cookId/chat', expect: ALLOWED },
    { route: 'POST /api/console/cooks/:id/chat/messages', request: 'POST /api/console/cooks/:cookId/chat/messages',
      body: () => ({ roomId, body: 'コーチです。次は鍋をもう少し熱してみましょう。' }), expect: s([401, 403, 403, 201, 403, 201]) },
    { route: 'POST /api/console/cooks/:id/chat/take-over', request: 'POST /api/console/cooks/:cookId/chat/take-over',
      body: () => ({ roomId }),                                         expect: ALLOWED },
    { route: 'POST /api/console/cooks/:id/chat/hand-back', request: 'POST /api/console/cooks/:cookId/chat/hand-back',
      body: () => ({ roomId }),                                         expect: ALLOWED },
  ],
  async setup({ api }) {
    const cook = await createTestUser(api.knex, 'learner');
    const room = await api.knex('chat_rooms').where({ user_id: cook.id, kind: 'my_coaching' }).first('id');
    roomId = room.id;
    return { cookId: cook.id };
  },
};

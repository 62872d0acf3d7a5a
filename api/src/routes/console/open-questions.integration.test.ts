import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLexicalEmbedding } from '@ajimi/core/providers/embeddings/local-lexical-embedding';
import { answerQuestion } from '@ajimi/core/services/pipeline/answer-question';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../../test-support/api-harness';

let api: TestApi;
let coach: TestUser;
let cook: TestUser;
let roomId: string;
let deps: PipelineDeps;
const ctx = { logger: pino({ level: 'silent' }), signal: new AbortController().signal, send: async () => null };

beforeAll(async () => {
  api = await createTestApi();
  coach = await createTestUser(api.knex, 'coach');
  cook = await createTestUser(api.knex, 'learner');
  roomId = (await api.knex('chat_rooms').where({ user_id: cook.id, kind: 'my_coaching' }).first('id')).id;
  // The reply stage as the worker runs it offline: no Gemini, local embeddings, push that goes nowhere.
  deps = { knex: api.knex, embeddings: new LocalLexicalEmbedding(), generator: null, push: { notifyUser: async () => ({ sent: 0, removed: 0 }) } } as unknown as PipelineDeps;
});
afterAll(() => api.close());

async function ask(body: string): Promise<{ questionId: string; answer: { id: string; body: string; payload: Record<string, unknown> } }> {
  const [q] = await api.knex('chat_messages').insert({ room_id: roomId, kind: 'text', author_kind: 'learner', author_user_id: cook.id, body }).returning('id');
  await answerQuestion(deps, q.id, ctx);
  const answer = await api.knex('chat_messages').where({ room_id: roomId, author_kind: 'ai' }).whereRaw("payload->>'inReplyTo' = ?", [q.id]).first('id', 'body', 'payload');
  return { questionId: q.id, answer };
}

describe('questions handed to a coach', () => {
  it('answers what it can, hands the rest over, lists open ones with their age, and a coach reply closes them in the same thread', async () => {
    const answered = await ask('How hot should the oil be before the egg goes in?');
    expect(answered.answer.payload).toMatchObject({ handToCoach: false, intent: 'heat', model: 'local-dialogue-v1' });
    expect(answered.answer.body).not.toMatch(/[ぁ-ん]/);

    const open = await ask('おすすめのワインを教えてください');
    expect(open.answer.payload).toMatchObject({ handToCoach: true, handOverReason: 'off_topic' });
    expect(open.answer.body).toContain('コーチが答えると、このスレッドに届きます');

    const coachAgent = await signIn(api.app, coach);
    const list = await coachAgent.get('/api/console/questions').expect(200);
    const mine = list.body.questions.filter((q: { roomId: string }) => q.roomId === roomId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ questionMessageId: open.questionId, question: 'おすすめのワインを教えてください', reason: 'off_topic', cook: { id: cook.id } });
    expect(mine[0].ageMinutes).toBeGreaterThanOrEqual(0);

    const cookAgent = await signIn(api.app, cook);
    await cookAgent.get('/api/console/questions').expect(403);

    await coachAgent.post(`/api/console/cooks/${cook.id}/chat/messages`).send({ roomId, body: '赤ならピノ・ノワールが合います。' }).expect((res) => expect(res.status).toBeLessThan(300));
    const after = await coachAgent.get('/api/console/questions').expect(200);
    expect(after.body.questions.filter((q: { roomId: string }) => q.roomId === roomId)).toEqual([]);
    const thread = await api.knex('chat_messages').where({ room_id: roomId }).orderBy('created_at').pluck('author_kind');
    expect(thread.slice(-3)).toEqual(['learner', 'ai', 'coach']);
  }, 60_000);
});

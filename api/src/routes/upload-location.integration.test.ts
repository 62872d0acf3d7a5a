import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../test-support/api-harness';

let withPublicUrl: TestApi;
let withoutPublicUrl: TestApi;
beforeAll(async () => {
  withPublicUrl = await createTestApi({ PUBLIC_URL: 'https://ajimi.example/' });
  withoutPublicUrl = await createTestApi();
});
afterAll(async () => {
  await withPublicUrl.close();
  await withoutPublicUrl.close();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

async function createUpload(api: TestApi): Promise<string> {
  const user = await createTestUser(api.knex, 'learner');
  const agent = await signIn(api.app, user);
  const { body } = await agent.post('/api/sessions').send({ dishSlug: 'fried-rice' }).expect(201);
  const res = await agent
    .post('/api/uploads')
    .set({ 'tus-resumable': '1.0.0', 'upload-length': '1000', 'upload-metadata': `sessionId ${b64(body.session.id)},kind ${b64('source_video')}` })
    // An attacker-chosen host and scheme: a shared link would send the upload's bytes there.
    .set({ 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'http', Forwarded: 'host=evil.example;proto=http' })
    .expect(201);
  return res.headers.location as string;
}

describe('tus upload Location', () => {
  it('is built from PUBLIC_URL, whatever the forwarded headers say', async () => {
    const location = await createUpload(withPublicUrl);
    expect(location).toMatch(/^https:\/\/ajimi\.example\/api\/uploads\/[\w-]+$/);
  });

  it('is a relative path when PUBLIC_URL is not set (no host taken from the request)', async () => {
    const location = await createUpload(withoutPublicUrl);
    expect(location).toMatch(/^\/api\/uploads\/[\w-]+$/);
    expect(location).not.toContain('evil');
    // And it works: the client resolves it against the endpoint.
    const head = await supertest(withoutPublicUrl.app).head(location).set('tus-resumable', '1.0.0');
    expect([401, 404]).toContain(head.status); // anonymous here; the path itself is the upload's
  });
});

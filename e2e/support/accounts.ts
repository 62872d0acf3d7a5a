import { randomUUID } from 'node:crypto';
import { request } from 'playwright-core';

/**
 * A cook of this test's own: the demo accounts are shared by every browser test in the run, so a
 * test that counts a cook's sessions or messages must not use them. The demo admin creates the
 * account through the console's users API, as a school's admin would, from a request context of its
 * own (the browser context stays signed out). `emailPrefix` tells a test's cooks apart in the console.
 */
export async function createCook(baseUrl: string, demoPassword: string, name = 'E2E cook', emailPrefix = 'cook'): Promise<{ email: string; password: string; id: string }> {
  const admin = await request.newContext({ baseURL: baseUrl });
  try {
    const login = await admin.post('/api/auth/login', { data: { email: 'admin@ajimi.local', password: demoPassword } });
    if (login.status() !== 200) throw new Error(`the demo admin could not sign in (${login.status()})`);
    const email = `${emailPrefix}-${randomUUID().slice(0, 8)}@e2e.ajimi.local`;
    const password = `e2e-${randomUUID()}`;
    const created = await admin.post('/api/console/users', { data: { email, name, role: 'learner', locale: 'ja', password } });
    if (created.status() !== 201) throw new Error(`creating a cook failed (${created.status()}): ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    return { email, password, id };
  } finally {
    await admin.dispose();
  }
}

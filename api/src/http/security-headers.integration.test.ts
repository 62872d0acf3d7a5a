import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test-support/api-harness';

let dev: TestApi;
let prod: TestApi;
beforeAll(async () => {
  dev = await createTestApi({ AJIMI_SERVE_FRONTENDS: 'true' });
  prod = await createTestApi({ NODE_ENV: 'production', SESSION_SECRET: 'p'.repeat(40), AJIMI_DEMO_ACCOUNTS: 'false' });
});
afterAll(async () => {
  await dev.close();
  await prod.close();
});

function directives(header: string | undefined): Record<string, string> {
  return Object.fromEntries((header ?? '').split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')]));
}

describe('security headers', () => {
  it('every response carries a CSP that allows only this origin\'s scripts and forbids framing', async () => {
    for (const path of ['/api/health', '/api/auth/me', '/api/nope', '/', '/console/']) {
      const res = await supertest(dev.app).get(path);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp['script-src'], path).toBe("'self'");
      expect(csp['frame-ancestors'], path).toBe("'none'");
      expect(csp['object-src'], path).toBe("'none'");
      expect(csp['default-src'], path).toBe("'self'");
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['strict-transport-security'], path).toBeUndefined(); // plain http in development
    }
  });

  it('production adds HSTS and upgrade-insecure-requests', async () => {
    const res = await supertest(prod.app).get('/api/health');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/);
    expect(directives(res.headers['content-security-policy'])).toHaveProperty('upgrade-insecure-requests');
  });
});

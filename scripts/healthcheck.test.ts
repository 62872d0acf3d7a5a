import { describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { API_HEALTH_LIVE_PATH } from '../api/src/routes/health-paths';
import { WORKER_HEALTH_PATH } from '../jobs/src/health-server';
import { createTestApi } from '../test-support/api-harness';
// @ts-expect-error plain JavaScript module without types
import { healthUrl } from './healthcheck.mjs';

describe('container healthcheck', () => {
  it('asks the worker on its health port and the API on its live path', () => {
    expect(healthUrl({ WORKER_HEALTH_PORT: '8081', PORT: '3000' })).toBe(`http://127.0.0.1:8081${WORKER_HEALTH_PATH}`);
    expect(healthUrl({ PORT: '8080' })).toBe(`http://127.0.0.1:8080${API_HEALTH_LIVE_PATH}`);
    expect(healthUrl({})).toBe(`http://127.0.0.1:3000${API_HEALTH_LIVE_PATH}`);
  });

  it('the API answers the live path the constant names', async () => {
    const api = await createTestApi();
    try {
      const res = await supertest(api.app).get(API_HEALTH_LIVE_PATH);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    } finally {
      await api.close();
    }
  });
});

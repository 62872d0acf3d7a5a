/**
 * Where orchestrators ask the API whether it runs (app.ts mounts healthRoutes at /api/health).
 * Dockerfile, docker-compose.yml, scripts/healthcheck.mjs and infra/terraform read these; tests hold them equal.
 */
export const API_HEALTH_LIVE_PATH = '/api/health/live';
/** Readiness: database, migrations and a live worker. */
export const API_HEALTH_READY_PATH = '/api/health';

#!/usr/bin/env node
// The container's HEALTHCHECK for both roles, plain JavaScript so it starts fast and needs no tsx:
// a worker (WORKER_HEALTH_PORT set) answers on its own port, the API on PORT. Exit 0 = healthy.
export function healthUrl(env = process.env) {
  if (env.WORKER_HEALTH_PORT) return `http://127.0.0.1:${env.WORKER_HEALTH_PORT}/health`;
  return `http://127.0.0.1:${env.PORT || 3000}/api/health/live`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  fetch(healthUrl(), { signal: AbortSignal.timeout(4000) })
    .then((res) => process.exit(res.ok ? 0 : 1))
    .catch(() => process.exit(1));
}

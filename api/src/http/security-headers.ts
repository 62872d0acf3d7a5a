import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '@ajimi/core/config';

/** Where signed media URLs point when storage is GCS (V4 signed URLs on the JSON API host or a custom endpoint). */
function storageOrigins(config: Config): string[] {
  if (config.storage.driver !== 'gcs') return [];
  return [config.storage.apiEndpoint ? new URL(config.storage.apiEndpoint).origin : 'https://storage.googleapis.com'];
}

/**
 * Clerk's Frontend API host is encoded in the publishable key (pk_live_<base64 "host$">); its
 * sign-in loads scripts and talks to that host, shows avatars from img.clerk.com and may run a
 * Cloudflare challenge (https://clerk.com/docs/security/clerk-csp).
 */
function clerkSources(config: Config): { script: string[]; connect: string[]; img: string[]; frame: string[] } {
  const key = config.clerk?.publishableKey;
  if (!key) return { script: [], connect: [], img: [], frame: [] };
  const host = Buffer.from(key.replace(/^pk_(test|live)_/, ''), 'base64').toString('utf8').replace(/\$$/, '');
  const fapi = /^[a-z0-9.-]+$/i.test(host) ? [`https://${host}`] : [];
  const challenges = 'https://challenges.cloudflare.com';
  return { script: [...fapi, challenges], connect: fapi, img: ['https://img.clerk.com'], frame: [challenges] };
}

/**
 * helmet with a Content-Security-Policy the learner app, the console and the Remotion player run
 * under (checked in Chromium by e2e/csp.e2e.test.ts): scripts only from this origin, no framing,
 * HSTS in production. style-src keeps 'unsafe-inline' because MUI (emotion) writes <style> tags at run time.
 */
export function securityHeaders(config: Config): RequestHandler {
  const media = storageOrigins(config);
  const clerk = clerkSources(config);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'script-src': ["'self'", ...clerk.script],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:', ...media, ...clerk.img],
        // data: for the Remotion player's silent clip that unlocks audio playback (seen in e2e/csp.e2e.test.ts).
        'media-src': ["'self'", 'blob:', 'data:', ...media],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...media, ...clerk.connect],
        'worker-src': ["'self'", 'blob:'],
        'manifest-src': ["'self'"],
        'frame-src': clerk.frame.length ? clerk.frame : ["'none'"],
        ...(config.isProduction ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: config.isProduction ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    // Media is fetched by <video> from this origin or signed storage URLs; no cross-origin isolation needed.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * The pg-boss dashboard (admin only, under /api/console/queue-dashboard) is a server-rendered app
 * whose hydration data is an inline script: it gets the same policy plus 'unsafe-inline' scripts.
 */
export function dashboardSecurityHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
      },
    },
    strictTransportSecurity: config.isProduction ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
}

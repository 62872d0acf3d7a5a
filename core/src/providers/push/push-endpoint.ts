import { isIP } from 'node:net';

/**
 * The push services browsers actually hand out (https://blog.pushpad.xyz/2022/03/what-are-the-browser-push-services/):
 * Chrome/Chromium → FCM, Firefox → Mozilla autopush, Safari → Apple, Edge → Windows Push Notification Services.
 * Anything else is refused: a subscription is a URL the worker will POST to, so an open list is an SSRF.
 */
const EXACT_HOSTS = new Set(['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com']);
const SUFFIX_HOSTS = ['.notify.windows.com', '.push.apple.com'];

export type EndpointCheck = { ok: true } | { ok: false; reason: string };

export function checkPushEndpoint(endpoint: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'push endpoints are https' };
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL' };
  if (url.port && url.port !== '443') return { ok: false, reason: 'push services listen on 443' };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (isIP(host.replace(/^\[|\]$/g, ''))) return { ok: false, reason: 'an IP address is not a push service' };
  if (EXACT_HOSTS.has(host) || SUFFIX_HOSTS.some((s) => host.endsWith(s) && /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host))) return { ok: true };
  return { ok: false, reason: `${host} is not a known push service` };
}

/** At most this many browsers per user; a new one replaces the one unused the longest. */
export const MAX_SUBSCRIPTIONS_PER_USER = 10;

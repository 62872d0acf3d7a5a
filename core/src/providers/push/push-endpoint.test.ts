import { describe, expect, it } from 'vitest';
import { checkPushEndpoint } from './push-endpoint';

describe('checkPushEndpoint', () => {
  it('accepts the push services browsers use', () => {
    for (const url of [
      'https://fcm.googleapis.com/fcm/send/abc:APA91b',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://web.push.apple.com/QGx2',
      'https://wns2-by3p.notify.windows.com/w/?token=BQYAAA',
    ]) expect(checkPushEndpoint(url), url).toEqual({ ok: true });
  });

  it('refuses IP literals, private or loopback hosts, other hosts, http, odd ports and credentials', () => {
    for (const url of [
      'https://127.0.0.1/x',
      'https://10.0.0.5/x',
      'https://192.168.1.1/x',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/x',
      'https://[fd00::1]/x',
      'https://2130706433/x', // 127.0.0.1 as a number: the URL parser turns it into an IP
      'https://localhost/x',
      'https://metadata.google.internal/x',
      'https://fcm.googleapis.com.evil.example/x',
      'https://evilnotify.windows.com/x',
      'http://fcm.googleapis.com/fcm/send/x',
      'https://fcm.googleapis.com:8443/fcm/send/x',
      'https://user:pw@fcm.googleapis.com/fcm/send/x',
      'not a url',
    ]) expect(checkPushEndpoint(url).ok, url).toBe(false);
  });
});

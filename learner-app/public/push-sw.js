/* Ajimi push handling, imported by the generated service worker (vite.config.ts: workbox.importScripts).
 * A push carries JSON { title, body, url, tag?, roomId?, messageId? } (core/src/providers/push). */

/** Only a link inside this app is followed; anything else opens the app's start page. */
function ajimiTarget(url) {
  try {
    var target = new URL(url || '/', self.registration.scope);
    if (target.origin !== self.location.origin) return self.registration.scope;
    return target.href;
  } catch {
    return self.registration.scope;
  }
}

self.addEventListener('push', function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  var title = typeof data.title === 'string' && data.title ? data.title : 'Ajimi 味見';
  var url = typeof data.url === 'string' ? data.url : data.roomId ? '/#/rooms/' + data.roomId + (data.messageId ? '?message=' + data.messageId : '') : '/';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === 'string' ? data.body : '',
      tag: typeof data.tag === 'string' ? data.tag : undefined,
      icon: '/pwa-192x192.png',
      badge: '/pwa-192x192.png',
      lang: 'ja',
      data: { url: ajimiTarget(url) },
    }),
  );
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = ajimiTarget(event.notification.data && event.notification.data.url);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (clients) {
      for (var i = 0; i < clients.length; i++) {
        var client = clients[i];
        if (new URL(client.url).origin === self.location.origin && 'focus' in client) {
          // The open app moves to the message itself (a hash change keeps its state).
          client.postMessage({ type: 'ajimi:open', url: url });
          return client.focus();
        }
      }
      return self.clients.openWindow(url);
    }),
  );
});

/* global self, clients, URL */
/**
 * Pishkhan's service worker (served at /sw.js, scope /): shows the Web Push notifications the
 * server sends (G1) and opens their page on a click. It caches nothing and handles no fetch.
 * A message is JSON `{ title, body, url, tag }`; `url` is a path of this site.
 */

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** A same-site URL for the message's `url`, or the home page: a push never opens another site. */
function pageUrl(url) {
  try {
    const u = new URL(typeof url === 'string' && url ? url : '/', self.location.origin);
    return u.origin === self.location.origin ? u.href : self.location.origin + '/';
  } catch {
    return self.location.origin + '/';
  }
}

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const text = (v) => (typeof v === 'string' ? v : '');
  const options = {
    body: text(data.body),
    dir: 'auto',
    data: { url: pageUrl(data.url) },
  };
  if (text(data.tag)) {
    options.tag = data.tag;
    // A newer message of the same tag (the same ticket) replaces the old one and alerts again.
    options.renotify = true;
  }
  if (text(data.icon)) options.icon = pageUrl(data.icon);
  event.waitUntil(self.registration.showNotification(text(data.title) || 'Pishkhan', options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = pageUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    (async () => {
      const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
      const same = windows.find((w) => w.url === url);
      if (same) return same.focus();
      // An open tab of the app goes to the page; a tab this worker does not control cannot be
      // navigated, and then a new one opens.
      const tab = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (tab) {
        try {
          const moved = await tab.navigate(url);
          if (moved) return moved.focus();
        } catch {
          // not controlled by this worker
        }
      }
      return clients.openWindow(url);
    })(),
  );
});

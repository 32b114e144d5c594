{% autoescape off %}// Alliance Hub service worker: an offline page, and nothing else.
// It keeps only the offline page and the static files that page needs. Every page, API answer,
// media file and download goes to the network and is never stored on the device; when a page
// cannot be loaded at all, the offline page is shown in its place.
"use strict";

const CACHE_NAME = {{ cache_name }};
const OFFLINE_URL = {{ offline_url }};
const STATIC_URLS = {{ static_urls }};
const PRECACHE = [OFFLINE_URL, ...STATIC_URLS];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Caches of older versions (and anything else) are deleted: only this one stays.
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name !== CACHE_NAME).map((name) => caches.delete(name)));
      if (self.registration.navigationPreload) {
        // Pages start loading while the worker wakes up: no delay on slow phones.
        await self.registration.navigationPreload.enable();
      }
      await self.clients.claim();
    })()
  );
});

async function pageOrOffline(event) {
  try {
    const preloaded = await event.preloadResponse;
    if (preloaded) {
      return preloaded;
    }
    return await fetch(event.request);
  } catch (error) {
    const offline = await caches.match(OFFLINE_URL, { cacheName: CACHE_NAME });
    return offline || Response.error();
  }
}

async function staticOrCached(request, path) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(path, { cacheName: CACHE_NAME });
    return cached || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(pageOrOffline(event));
    return;
  }
  const url = new URL(request.url);
  if (url.origin === self.location.origin && STATIC_URLS.includes(url.pathname)) {
    // The offline page's own style sheet and script, from the network while there is one.
    event.respondWith(staticOrCached(request, url.pathname));
  }
  // Anything else is not answered here: the browser fetches it as if there were no worker.
});
{% endautoescape %}

// Registers the service worker that shows an offline page when the hub cannot be reached.
// The worker keeps nothing from the hub but that page and its style sheet (see /sw.js).
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  var script = document.currentScript;
  var url = (script && script.getAttribute("data-sw-url")) || "/sw.js";
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url, { scope: "/" }).catch(function () {
      // Without a worker the browser shows its own offline message; nothing else changes.
    });
  });
})();

// The header bell counts live: one small read-only WebSocket per logged-in page receives the
// member's unread count (as the notification list counts it) whenever it changes. Without
// this file, or in light mode, the count simply updates on the next page load.
(function () {
  "use strict";
  var bell = document.querySelector("[data-notification-bell][data-bell-ws]");
  if (!bell || !("WebSocket" in window)) return;
  var count = bell.querySelector("[data-unread-count]");
  var number = bell.querySelector("[data-unread-number]");
  var status = document.querySelector("[data-bell-status]");
  var ws = null;
  var attempts = 0;
  var stopped = false;
  var reconnectTimer = null;
  var pingTimer = null;
  var lastFrameAt = 0;

  function show(frame) {
    var unread = Math.max(0, parseInt(frame.unread, 10) || 0);
    var before = parseInt(bell.getAttribute("data-unread") || "0", 10) || 0;
    bell.setAttribute("data-unread", String(unread));
    if (number) number.textContent = String(unread);
    if (count) count.hidden = unread === 0;
    // Announced politely, and only when the number changed.
    if (status && unread !== before && typeof frame.label === "string") status.textContent = frame.label;
  }

  function connect() {
    if (stopped || (ws && ws.readyState <= WebSocket.OPEN)) return;
    clearTimeout(reconnectTimer);
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    ws = new WebSocket(scheme + window.location.host + bell.getAttribute("data-bell-ws"));
    ws.onmessage = function (event) {
      lastFrameAt = Date.now();
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "count") {
        attempts = 0;
        show(frame);
      }
    };
    ws.onopen = function () {
      lastFrameAt = Date.now();
      clearInterval(pingTimer);
      pingTimer = setInterval(function () {
        // A connection that stopped answering (half-open after a network change) is closed,
        // which starts the reconnection.
        if (Date.now() - lastFrameAt > 120000) { ws.close(); return; }
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "ping" }));
      }, 50000);
    };
    ws.onclose = function (event) {
      clearInterval(pingTimer);
      // Logged out, session ended or access withdrawn: the next page load decides.
      if (event.code === 4001 || event.code === 4003) { stopped = true; return; }
      if (!navigator.onLine) return; // the "online" event reconnects
      // Exponential backoff with jitter, so a restarted server is not hit by every tab at once.
      var delay = Math.min(60000, 1000 * Math.pow(2, attempts)) * (0.5 + Math.random() / 2);
      attempts += 1;
      reconnectTimer = setTimeout(connect, delay);
    };
  }

  window.addEventListener("online", function () { attempts = 0; connect(); });
  // A page restored from the back-forward cache shows an old count: ask again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "count" }));
    else if (event.persisted) connect();
  });
  connect();
})();

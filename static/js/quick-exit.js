// Quick exit: blank the page at once, ask the server to end the session (unless the member
// chose to stay signed in), then replace the page with a neutral site.
//
// Shortcut: Shift pressed three times on its own, as in GOV.UK's "Exit this page". A Shift
// press counts only if no other key went down while it was held, and any other key resets
// the count, so capitals, Russian commas or Dari's Shift+Space never add up while typing.
// Keys that belong to an input method's composition are ignored altogether.
(function () {
  "use strict";
  var PRESSES_TO_EXIT = 3;
  var RESET_AFTER_MS = 5000;
  // How long the blank page waits for the server to end the session before leaving anyway:
  // long enough that Back finds the session gone, short enough to feel immediate.
  var SESSION_WAIT_MS = 600;

  var count = 0;
  var resetTimer = null;
  var shiftAlone = false;
  var composing = false;
  var leaving = false;

  function exitUrl() {
    return document.body.getAttribute("data-exit-url") || "https://www.google.com/";
  }

  function resetCount() {
    count = 0;
    if (resetTimer) { clearTimeout(resetTimer); resetTimer = null; }
  }

  function endSession() {
    var form = document.querySelector("form[data-quick-exit-form]");
    if (!form || !window.FormData) { return null; }
    var data = new FormData(form);
    data.append("via", "script");
    // keepalive: the request outlives this page, which is about to be replaced.
    if (window.fetch) {
      try {
        return window.fetch(form.action, {
          method: "POST", body: data, credentials: "same-origin", keepalive: true, cache: "no-store"
        });
      } catch (e) { /* fall through to the beacon */ }
    }
    if (navigator.sendBeacon) { navigator.sendBeacon(form.action, data); }
    return null;
  }

  function quickExit(event) {
    if (event) { event.preventDefault(); }
    if (leaving) { return; }
    leaving = true;
    document.documentElement.classList.add("quick-exit-active");
    document.title = "";
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be unavailable */ }
    var left = false;
    function leave() {
      if (left) { return; }
      left = true;
      window.location.replace(exitUrl());
    }
    var request = endSession();
    if (request && request.then) {
      window.setTimeout(leave, SESSION_WAIT_MS);
      request.then(leave, leave);
    } else {
      leave();
    }
  }

  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("[data-quick-exit-form]")) { quickExit(event); }
  }, true);

  document.addEventListener("click", function (event) {
    // The offline page has a plain link: there is no server to tell.
    var target = event.target.closest && event.target.closest("a[data-quick-exit]");
    if (target) { quickExit(event); }
  });

  document.addEventListener("compositionstart", function () { composing = true; shiftAlone = false; resetCount(); }, true);
  document.addEventListener("compositionend", function () { composing = false; }, true);

  document.addEventListener("keydown", function (event) {
    if (composing || event.isComposing || event.keyCode === 229) { shiftAlone = false; resetCount(); return; }
    if (event.key === "Shift") {
      if (!event.repeat) { shiftAlone = !(event.ctrlKey || event.altKey || event.metaKey); }
      return;
    }
    // Any other key, also one typed while Shift is held, means Shift is part of typing.
    shiftAlone = false;
    resetCount();
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    var counts = shiftAlone && !composing && !event.isComposing;
    shiftAlone = false;
    if (!counts) { return; }
    count += 1;
    if (resetTimer) { clearTimeout(resetTimer); }
    resetTimer = window.setTimeout(resetCount, RESET_AFTER_MS);
    if (count >= PRESSES_TO_EXIT) {
      resetCount();
      quickExit();
    }
  }, true);

  // Leaving the window (switching apps with a shortcut) must not leave a half-counted press.
  window.addEventListener("blur", function () { shiftAlone = false; resetCount(); });

  // A hub page restored from the back/forward cache would show what it showed before, logged
  // in or not: hide it and ask the server again, which answers with the login page if the
  // session has ended.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.add("quick-exit-active");
      window.location.reload();
    }
  });

  window.allianceQuickExit = quickExit;
})();

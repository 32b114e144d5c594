// Quick exit: hide the page at once, then replace it with a neutral site so that Back
// does not return here. Triggered by the button or by pressing Shift three times within
// two seconds (as in the GOV.UK "Exit this page" component).
(function () {
  "use strict";
  var SHIFT_PRESSES = 3;
  var WINDOW_MS = 2000;
  var presses = [];

  function exitUrl() {
    return document.body.getAttribute("data-exit-url") || "https://www.google.com/";
  }

  function quickExit(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.classList.add("quick-exit-active");
    document.title = "";
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be unavailable */ }
    window.location.replace(exitUrl());
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-quick-exit]");
    if (target) { quickExit(event); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) { return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= SHIFT_PRESSES) { presses = []; quickExit(); }
  });

  window.allianceQuickExit = quickExit;
})();

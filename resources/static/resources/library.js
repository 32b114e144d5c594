// The library's filters apply as they change: the results and facet counts come back as
// server-rendered HTML (the same address, asked for the fragment) and replace the old ones,
// and the address is updated so it can be bookmarked. Without this script the "Apply filters"
// buttons submit the form as usual; they are hidden only while it runs.
(function () {
  "use strict";
  var HEADER = "X-Library-Fragment";
  var DELAY_TYPING_MS = 500;
  var DELAY_CHOICE_MS = 150;
  var DEFAULT_SORT = "newest";

  function start() {
    var form = document.getElementById("library-filters");
    var library = form && form.closest(".library");
    var status = document.getElementById("library-status");
    if (!form || !library || !window.fetch || !window.DOMParser) return;
    library.classList.add("library--live");

    var timer = null;
    var latest = 0;
    var controller = null;

    function query(forHistory) {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        // Discreet mode: search words stay out of the address the browser keeps.
        if (forHistory && key === "q" && form.hasAttribute("data-discreet")) return;
        if (typeof value !== "string" || value.trim() === "") return;
        if (key === "sort" && value === DEFAULT_SORT) return; // a shorter address to bookmark
        params.append(key, value);
      });
      return params.toString();
    }

    function swap(html) {
      var incoming = new DOMParser().parseFromString(html, "text/html");
      var focused = document.activeElement && document.activeElement.id;
      ["library-results", "facets"].forEach(function (id) {
        var current = document.getElementById(id);
        var replacement = incoming.getElementById(id);
        if (current && replacement) current.replaceWith(document.adoptNode(replacement));
      });
      // Keep the place of a member who ticked a box: the same control, now in the new facets.
      if (focused && !document.getElementById(focused)) {
        var facets = document.getElementById("facets");
        if (facets) facets.focus();
      } else if (focused && document.activeElement !== document.getElementById(focused)) {
        document.getElementById(focused).focus();
      }
      var count = document.getElementById("library-count");
      if (status && count) status.textContent = count.textContent;
    }

    function apply() {
      var search = query(false);
      var address = window.location.pathname + (search ? "?" + search : "");
      var kept = query(true);
      var bookmark = window.location.pathname + (kept ? "?" + kept : "");
      var mine = latest;
      controller = window.AbortController ? new AbortController() : null;
      fetch(address, {
        headers: (function () { var h = {}; h[HEADER] = "1"; return h; })(),
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          if (mine !== latest) return; // an answer overtaken by a newer change
          swap(html);
          window.history.replaceState(null, "", bookmark);
        })
        .catch(function (error) {
          // Offline or refused: the member can still submit the form the usual way.
          if (error && error.name === "AbortError") return;
          library.classList.remove("library--live");
        });
    }

    function later(delay) {
      // Any change makes answers still on their way stale: swapping one in would undo the
      // change (a box ticked meanwhile would come back unticked).
      latest += 1;
      if (controller) controller.abort();
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, delay);
    }

    function belongs(target) {
      return target && target.form === form;
    }

    document.addEventListener("change", function (event) {
      if (belongs(event.target) && event.target.type !== "search") later(DELAY_CHOICE_MS);
    });
    document.addEventListener("input", function (event) {
      var target = event.target;
      if (belongs(target) && (target.type === "search" || target.type === "number")) later(DELAY_TYPING_MS);
    });
    form.addEventListener("submit", function (event) {
      if (!library.classList.contains("library--live")) return;
      event.preventDefault();
      later(0);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

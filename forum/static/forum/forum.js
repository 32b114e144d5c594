// @mention suggestions for forum composers, matching any part of a name. Choosing one writes
// @[Name](member:ID): the mention is kept by member id and shown with the current name.
// Without JavaScript members type @[Name]; it is taken only when exactly one member matches.
(function () {
  "use strict";
  var gettext = window.gettext || function (s) { return s; };
  // Letters of every script: "@Айж" suggests as "@Nod" does.
  var MENTION = /(^|[^\p{L}\p{N}_@])@(\[[^\]\n@]{0,80}|[\p{L}\p{N}\p{M}_.\-]{1,80})$/u;

  function setup(textarea) {
    var wrap = document.createElement("div");
    wrap.className = "composer-wrap";
    textarea.parentNode.insertBefore(wrap, textarea);
    wrap.appendChild(textarea);
    var list = document.createElement("ul");
    list.className = "mention-list";
    list.id = textarea.id + "-mentions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", gettext("Members"));
    list.hidden = true;
    wrap.appendChild(list);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", list.id);
    var active = -1;
    var timer = null;
    var results = [];

    function close() { list.hidden = true; list.innerHTML = ""; active = -1; textarea.removeAttribute("aria-activedescendant"); }

    function query() {
      var before = textarea.value.slice(0, textarea.selectionStart);
      var match = MENTION.exec(before);
      return match ? match[2].replace(/^\[/, "") : null;
    }

    function choose(result) {
      var caret = textarea.selectionStart;
      var before = textarea.value.slice(0, caret);
      var match = MENTION.exec(before);
      if (!match) { return; }
      var start = caret - match[2].length - 1;
      var label = result.name.replace(/[@\[\]\n]/g, "");
      var insert = "@[" + label + "](member:" + result.id + ") ";
      textarea.value = textarea.value.slice(0, start) + insert + textarea.value.slice(caret);
      textarea.selectionStart = textarea.selectionEnd = start + insert.length;
      close();
      textarea.focus();
    }

    function highlight(index) {
      var items = list.querySelectorAll("li");
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (items[index]) { textarea.setAttribute("aria-activedescendant", items[index].id); }
    }

    function show(found) {
      list.innerHTML = "";
      results = found.slice(0, 8);
      results.forEach(function (result, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.textContent = result.name;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(result); });
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      highlight(results.length ? 0 : -1);
    }

    textarea.addEventListener("input", function () {
      var q = query();
      clearTimeout(timer);
      if (!q) { close(); return; }
      timer = setTimeout(function () {
        fetch(textarea.getAttribute("data-mentions") + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { show(data.results || []); })
          .catch(close);
      }, 150);
    });
    textarea.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      var count = list.querySelectorAll("li").length;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % count); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + count) % count); }
      else if (event.key === "Enter" || event.key === "Tab") {
        if (results[active]) { event.preventDefault(); choose(results[active]); }
      } else if (event.key === "Escape") { close(); }
    });
    textarea.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("textarea[data-mentions]").forEach(setup);
})();

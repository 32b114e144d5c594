// Member picker: type any part of a name, choose the person; the form sends their member id.
// Without JavaScript the text field is sent as typed and the server takes a name only when
// exactly one member matches it.
(function () {
  "use strict";
  var gettext = window.gettext || function (s) { return s; };
  var counter = 0;

  function setup(input) {
    var form = input.form;
    var fieldName = input.getAttribute("data-picker-field") || "members";
    var multiple = input.getAttribute("data-picker-multiple") === "true";
    var id = input.id || "member-picker-" + (++counter);
    var wrap = document.createElement("div");
    wrap.className = "picker";
    input.parentNode.insertBefore(wrap, input);
    var chosen = document.createElement("ul");
    chosen.className = "picker__chosen";
    chosen.setAttribute("aria-label", gettext("Chosen members"));
    chosen.setAttribute("aria-live", "polite");
    wrap.appendChild(chosen);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    list.className = "mention-list picker__list";
    list.id = id + "-options";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", gettext("Members"));
    list.hidden = true;
    wrap.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    var active = -1;
    var timer = null;
    var results = [];

    function close() {
      list.hidden = true; list.textContent = ""; active = -1; results = [];
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = list.querySelectorAll("li");
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (items[index]) { input.setAttribute("aria-activedescendant", items[index].id); }
    }

    function choose(result) {
      if (!multiple) { chosen.textContent = ""; }
      if (!chosen.querySelector('input[value="' + String(result.id) + '"]')) {
        var chip = document.createElement("li");
        chip.className = "picker__chip";
        var name = document.createElement("span");
        name.setAttribute("dir", "auto");
        name.textContent = result.name;
        var hidden = document.createElement("input");
        hidden.type = "hidden"; hidden.name = fieldName; hidden.value = String(result.id);
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "button button--small";
        remove.textContent = gettext("Remove");
        remove.setAttribute("aria-label", gettext("Remove") + " " + result.name);
        remove.addEventListener("click", function () { chip.remove(); input.focus(); });
        chip.appendChild(name); chip.appendChild(hidden); chip.appendChild(remove);
        chosen.appendChild(chip);
      }
      input.value = "";
      close();
      input.focus();
    }

    function show(found) {
      list.textContent = "";
      results = found.slice(0, 10);
      results.forEach(function (result, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        var initial = document.createElement("span");
        initial.className = "picker__initial";
        initial.setAttribute("aria-hidden", "true");
        initial.textContent = result.initial || "";
        var name = document.createElement("span");
        name.setAttribute("dir", "auto");
        name.textContent = result.name;
        item.appendChild(initial); item.appendChild(name);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(result); });
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      highlight(results.length ? 0 : -1);
    }

    input.addEventListener("input", function () {
      var q = input.value.trim();
      clearTimeout(timer);
      if (!q || q.indexOf(",") !== -1 || q.indexOf("،") !== -1) { close(); return; }
      timer = setTimeout(function () {
        fetch(input.getAttribute("data-member-picker") + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { show(data.results || []); })
          .catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      var count = results.length;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % count); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + count) % count); }
      else if (event.key === "Enter") {
        if (results[active]) { event.preventDefault(); choose(results[active]); }
      } else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    if (form) {
      form.addEventListener("submit", function () { clearTimeout(timer); });
    }
  }

  document.querySelectorAll("input[data-member-picker]").forEach(setup);
})();

// The form for sharing a resource, made shorter: long lists of choices get a filter box and
// say what is chosen; a chosen file shows its type and size at once; on a phone the groups
// of fields come one at a time with Next and Back. Every field stays in the one form, so
// nothing typed is lost, and without this script the whole form shows and works as is.
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function fold(text) {
    return (text || "").toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").trim();
  }

  function options(picker) {
    return Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox], input[type=radio]"));
  }

  function optionRow(input) {
    return input.closest("div, li") || input.parentNode;
  }

  function labelOf(input) {
    var label = input.closest("label") || (input.id && document.querySelector("label[for='" + input.id + "']"));
    return label ? label.textContent.trim() : input.value;
  }

  function setUpPicker(picker) {
    var search = picker.querySelector("[data-picker-filter]");
    var empty = picker.querySelector("[data-picker-empty]");
    var chosen = picker.querySelector("[data-picker-chosen]");
    if (search) {
      search.closest(".picker__search").hidden = false;
      search.addEventListener("input", function () {
        var wanted = fold(search.value);
        var shown = 0;
        options(picker).forEach(function (input) {
          var match = !wanted || fold(labelOf(input)).indexOf(wanted) !== -1;
          optionRow(input).hidden = !match;
          if (match) shown += 1;
        });
        if (empty) empty.hidden = shown > 0;
      });
      // Enter in the filter box must not send the whole form.
      search.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.preventDefault();
      });
    }
    function summarise() {
      if (!chosen) return;
      var names = options(picker).filter(function (input) { return input.checked; }).map(labelOf);
      chosen.textContent = names.length ? names.join("; ") : chosen.getAttribute("data-text-none");
    }
    picker.addEventListener("change", summarise);
    summarise();
  }

  function size(bytes) {
    var units = ["B", "KB", "MB", "GB"];
    var value = bytes;
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
    return (unit ? value.toFixed(1) : String(value)) + " " + units[unit];
  }

  function fileType(file, list) {
    var extension = (file.name.split(".").pop() || "").toUpperCase();
    if (file.type === "application/pdf" || extension === "PDF") return list.getAttribute("data-text-pdf");
    return extension || file.type || "?";
  }

  function setUpFileFacts(form) {
    var input = form.querySelector("input[type=file][name=files]");
    var list = form.querySelector("[data-file-facts]");
    if (!input || !list) return;
    input.addEventListener("change", function () {
      list.textContent = "";
      Array.prototype.forEach.call(input.files || [], function (file) {
        var item = document.createElement("li");
        item.setAttribute("dir", "auto");
        item.textContent = format(list.getAttribute("data-text-fact"), {
          name: file.name,
          type: fileType(file, list),
          size: size(file.size),
        });
        list.appendChild(item);
      });
    });
  }

  function setUpSteps(form) {
    var steps = Array.prototype.slice.call(form.querySelectorAll("[data-step]"));
    var actions = form.querySelector("[data-form-actions]");
    var phone = window.matchMedia ? window.matchMedia("(max-width: 47.99rem)") : null;
    if (steps.length < 2 || !phone) return;
    var current = 0;
    var firstError = steps.findIndex(function (step) { return step.querySelector(".field--error, .error"); });
    if (firstError > 0) current = firstError;

    var nav = document.createElement("div");
    nav.className = "form-steps__nav";
    var counter = document.createElement("p");
    counter.className = "form-steps__count meta";
    counter.setAttribute("aria-live", "polite");
    var back = document.createElement("button");
    back.type = "button";
    back.className = "button";
    back.textContent = form.getAttribute("data-text-back");
    var next = document.createElement("button");
    next.type = "button";
    next.className = "button button--primary";
    next.textContent = form.getAttribute("data-text-next");
    nav.appendChild(back);
    nav.appendChild(next);
    steps[0].parentNode.insertBefore(counter, steps[0]);
    form.insertBefore(nav, actions);

    function show(index, moveFocus) {
      var on = phone.matches;
      form.classList.toggle("resource-form--steps", on);
      current = Math.max(0, Math.min(index, steps.length - 1));
      steps.forEach(function (step, i) { step.hidden = on && i !== current; });
      nav.hidden = !on;
      counter.hidden = !on;
      back.hidden = current === 0;
      next.hidden = current === steps.length - 1;
      // The buttons that send the form wait on the last step; every step's fields are sent.
      if (actions) actions.hidden = on && current !== steps.length - 1;
      counter.textContent = format(form.getAttribute("data-text-step"), { number: current + 1, count: steps.length });
      if (on && moveFocus) {
        steps[current].setAttribute("tabindex", "-1");
        steps[current].focus();
        steps[current].scrollIntoView({ block: "start" });
      }
    }
    back.addEventListener("click", function () { show(current - 1, true); });
    next.addEventListener("click", function () { show(current + 1, true); });
    if (phone.addEventListener) phone.addEventListener("change", function () { show(current, false); });
    show(current, false);
  }

  function start() {
    var form = document.querySelector("[data-resource-form]");
    if (!form) return;
    Array.prototype.forEach.call(form.querySelectorAll("[data-picker]"), setUpPicker);
    setUpFileFacts(form);
    setUpSteps(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

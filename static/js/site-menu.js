// The header's menu disclosure (templates/base.html): folded on phones, open on wider
// screens, where it is just the header. The summary's aria-expanded follows the state.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 40.0625rem)");
  function sync(menu) {
    var toggle = menu.querySelector("summary");
    if (toggle) toggle.setAttribute("aria-expanded", menu.open ? "true" : "false");
  }
  function fit(menu) {
    menu.open = wide.matches;
    sync(menu);
  }
  document.querySelectorAll("[data-site-menu]").forEach(function (menu) {
    fit(menu);
    menu.addEventListener("toggle", function () { sync(menu); });
    wide.addEventListener("change", function () { fit(menu); });
  });
})();

/* Tells the hub the time zone this browser is set to, once, for a member who has never chosen
   one on their profile; the server stores it only then (accounts.views.time_zone_guess). */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.url;
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!url || !zone) return;
  function post() {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!token) return;
    var body = new URLSearchParams();
    body.set("time_zone", zone);
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value },
      body: body,
    }).catch(function () { /* tried again with the next session */ });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", post);
  else post();
})();

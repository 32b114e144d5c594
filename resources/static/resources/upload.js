// Upload progress for large files on slow connections. Without JavaScript the form posts
// normally; with it the same form is sent with XMLHttpRequest so progress can be shown.
(function () {
  "use strict";
  var gettext = window.gettext || function (s) { return s; };
  var interpolate = window.interpolate || function (s, o) { return s.replace("%(percent)s", o.percent); };

  function bind(form) {
    var box = form.querySelector(".upload-progress");
    if (!box || !window.FormData || !window.XMLHttpRequest) return;
    var bar = box.querySelector("progress");
    var text = box.querySelector(".upload-progress__text");
    var submitter = null;
    form.addEventListener("click", function (event) {
      if (event.target.matches("button[type=submit]")) submitter = event.target;
    });
    form.addEventListener("submit", function (event) {
      var hasFile = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
        return input.files && input.files.length;
      });
      if (!hasFile) return; // nothing large to send: let the browser post it
      event.preventDefault();
      var data = new FormData(form);
      if (submitter && submitter.name) data.append(submitter.name, submitter.value);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || window.location.href);
      xhr.setRequestHeader("X-Upload-Progress", "1");
      box.hidden = false;
      Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = true; });
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var pct = Math.round((e.loaded / e.total) * 100);
        bar.value = pct;
        text.textContent = interpolate(gettext("Uploaded: %(percent)s"), { percent: pct + "%" }, true);
      });
      xhr.upload.addEventListener("load", function () {
        text.textContent = gettext("Checking the file…");
      });
      xhr.addEventListener("load", function () {
        var type = xhr.getResponseHeader("Content-Type") || "";
        if (type.indexOf("application/json") === 0) {
          window.location.assign(JSON.parse(xhr.responseText).location);
          return;
        }
        // The form came back with errors: show the server's page, then bind it again.
        var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var main = doc.querySelector("main");
        if (!main) { form.submit(); return; }
        document.querySelector("main").innerHTML = main.innerHTML;
        init();
        var error = document.querySelector("main [role=alert]");
        if (error) { error.setAttribute("tabindex", "-1"); error.focus(); }
      });
      xhr.addEventListener("error", function () {
        text.textContent = gettext("The upload was interrupted. Please check your connection and try again.");
        Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = false; });
      });
      xhr.send(data);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-upload-progress]"), bind);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

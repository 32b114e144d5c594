// Attachments in composers (forum replies and threads, chat): choosing a file sends it at
// once and writes its reference into the message where the cursor is, so the member sees
// where the picture or file will appear. Without JavaScript the same field is sent with the
// form and the server adds the reference at the end.
(function () {
  "use strict";
  var gettext = window.gettext || function (s) { return s; };

  function setup(form) {
    var input = form.querySelector("input[data-attachment-input]");
    var textarea = form.querySelector("textarea[name$='body']");
    if (!input || !textarea) { return; }
    var status = document.createElement("p");
    status.className = "attachment-status";
    status.setAttribute("role", "status");
    input.parentNode.appendChild(status);

    // Where the member last placed the cursor; before they ever do, at the end of the text.
    var cursorPlaced = false;
    textarea.addEventListener("focus", function () { cursorPlaced = true; });

    function insert(text) {
      var length = textarea.value.length;
      var start = cursorPlaced ? textarea.selectionStart || 0 : length;
      var end = cursorPlaced ? textarea.selectionEnd || start : length;
      var before = textarea.value.slice(0, start);
      var after = textarea.value.slice(end);
      var gap = before && !/\n$/.test(before) ? "\n" : "";
      textarea.value = before + gap + text + "\n" + after;
      textarea.selectionStart = textarea.selectionEnd = (before + gap + text + "\n").length;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      var data = new FormData();
      data.append("file", file);
      input.disabled = true;
      status.textContent = gettext("Sending the file…");
      fetch(form.getAttribute("data-attachment-url"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "", "Accept": "application/json" }
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok || !body.reference) {
            throw { ours: true, message: body.error || gettext("The file could not be sent. Please try again.") };
          }
          insert(body.reference);
          status.textContent = interpolate(gettext("%s is attached."), [body.name]);
        });
      }).catch(function (error) {
        status.textContent = error && error.ours ? error.message : gettext("The file could not be sent. Please try again.");
      }).then(function () {
        input.value = "";
        input.disabled = false;
      });
    });
  }

  var interpolate = window.interpolate || function (fmt, args) { return fmt.replace("%s", args[0]); };
  document.querySelectorAll("form[data-attachment-url]").forEach(setup);
})();

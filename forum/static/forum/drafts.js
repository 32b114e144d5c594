// Forum composers with scripts: the draft is kept on the server while the member types
// (never in the browser's storage, so nothing is left on a shared device), the preview and
// quotes appear in place, and leaving with unsaved text asks first. Without scripts the same
// forms work with their "Save draft" and "Preview" buttons and the reply page.
(function () {
  "use strict";
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (s, p, n) { return n === 1 ? s : p; };
  var interpolate = window.interpolate || function (s, args) { return s.replace("%s", args[0]); };
  var SAVE_AFTER_MS = 1500;
  var RETRY_AFTER_MS = 5000;
  var FIELDS = ["category", "title", "body", "content_warning", "language"];

  function token(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(url, form, data) {
    // A redirect here means the session ended (login page): treated as a failure, not followed.
    return window.fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      redirect: "manual",
      cache: "no-store",
      headers: { "X-CSRFToken": token(form), "Accept": "application/json" }
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 0) {
        return { ok: false, body: { error: gettext("Not saved: your session has ended. Please log in again.") } };
      }
      return response.json().then(function (body) { return { ok: response.ok, body: body }; },
        function () { return { ok: false, body: {} }; });
    });
  }

  function setup(form) {
    var status = form.querySelector("[data-draft-status]");
    var countLink = form.querySelector("[data-draft-count-link]");
    var discard = form.querySelector("[data-draft-discard]");
    var url = form.getAttribute("data-draft-url");
    var category = form.elements.category;
    var savedCategory = category ? category.value : "";
    var timer = null;
    var sending = false;
    var again = false;
    var leaving = false;
    var held = null;

    function snapshot() {
      return FIELDS.map(function (name) {
        var field = form.elements[name];
        return field && field.value !== undefined ? field.value : "";
      }).join("\u0000");
    }
    // Text sent back by the server after a mistake is not kept yet; anything else on the
    // page when it opens is the kept draft (or nothing).
    var saved = form.hasAttribute("data-draft-dirty") ? null : snapshot();

    function say(text) { if (status) { status.textContent = text; } }

    function unsaved() { return saved === null ? form.elements.body.value.trim() !== "" : snapshot() !== saved; }

    function schedule(delay) {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, delay);
    }

    function save() {
      window.clearTimeout(timer);
      timer = null;
      if (leaving || !unsaved()) { return; }
      if (sending) { again = true; return; }
      var sent = snapshot();
      var sentCategory = category ? category.value : "";
      // The draft's fields only: never a chosen file, which is sent when publishing.
      var data = new FormData();
      ["csrfmiddlewaretoken", "draft_kind", "draft_thread"].concat(FIELDS).forEach(function (name) {
        var field = form.elements[name];
        if (field && field.value !== undefined) { data.append(name, field.value); }
      });
      if (category && savedCategory && savedCategory !== sentCategory) {
        data.append("draft_previous_category", savedCategory);
      }
      sending = true;
      say(gettext("Saving…"));
      post(url, form, data).then(function (result) {
        if (result.ok) {
          saved = sent;
          savedCategory = sentCategory;
          // Typed on meanwhile: the next save will say so.
          say(result.body.saved && snapshot() === sent ? gettext("Draft saved") : "");
          if (discard) { discard.hidden = !result.body.saved; }
          if (countLink && typeof result.body.count === "number") {
            countLink.textContent = interpolate(
              ngettext("Your drafts (%s)", "Your drafts (%s)", result.body.count), [result.body.count]);
          }
        } else {
          say(result.body.error || gettext("Not saved."));
        }
      }, function () {
        say(gettext("Not saved: offline, will retry"));
        schedule(RETRY_AFTER_MS);
      }).then(function () {
        sending = false;
        if (held) {
          // A publish or discard waited for this save, so the save cannot land after it
          // and bring the draft back.
          var submitter = held;
          held = null;
          form.requestSubmit(submitter);
        } else if (again) {
          again = false;
          schedule(0);
        }
      });
    }

    function preview() {
      var pane = form.parentNode.querySelector("[data-preview-pane]");
      if (!pane) { return false; }
      var target = pane.querySelector(".post__body");
      var data = new FormData();
      data.append("body", form.elements.body.value);
      post(form.getAttribute("data-preview-url"), form, data).then(function (result) {
        pane.hidden = false;
        if (result.ok) {
          // The server renders and sanitises it exactly as it does for publishing.
          target.innerHTML = result.body.html;
        } else {
          target.textContent = "";
          var error = document.createElement("p");
          error.className = "field-error";
          error.textContent = result.body.error || gettext("The preview could not be shown.");
          target.appendChild(error);
        }
      }, function () {
        pane.hidden = false;
        target.textContent = gettext("The preview could not be shown. Please check your connection.");
      });
      return true;
    }

    function changed() {
      // "Draft saved" no longer describes what is on the screen.
      if (!sending) { say(""); }
      schedule(SAVE_AFTER_MS);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("focusout", function (event) {
      if (event.target && FIELDS.indexOf(event.target.name) !== -1) { save(); }
    });
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      // Enter in the title presses the first button, Preview, as a click on it does.
      if (submitter && submitter.name === "preview" && preview()) {
        event.preventDefault();
        return;
      }
      if (sending && submitter && form.requestSubmit) {
        event.preventDefault();
        held = submitter;
        // A save that hangs on a bad connection must not keep the member from publishing.
        window.setTimeout(function () {
          if (held === submitter) {
            held = null;
            sending = false;
            form.requestSubmit(submitter);
          }
        }, 3000);
        return;
      }
      // Publishing, saving or discarding: the server now has the text, or it was let go.
      leaving = true;
      window.clearTimeout(timer);
    });
    window.addEventListener("online", function () { if (unsaved()) { schedule(0); } });
    window.addEventListener("beforeunload", function (event) {
      // The quick exit must never be held up: it marks the page before it leaves.
      if (leaving || document.documentElement.classList.contains("quick-exit-active")) { return; }
      if (!unsaved()) { return; }
      event.preventDefault();
      event.returnValue = "";
    });
    // A page restored after back/forward may be used again.
    window.addEventListener("pageshow", function () { leaving = false; });
    if (saved === null) { schedule(SAVE_AFTER_MS); }
    form.draftsInsert = function (text, replyTo) {
      var box = form.elements.body;
      var value = box.value;
      var gap = "";
      if (value.trim() !== "") { gap = /\n\n$/.test(value) ? "" : (/\n$/.test(value) ? "\n" : "\n\n"); }
      box.value = value + gap + text;
      if (replyTo && form.elements.reply_to) { form.elements.reply_to.value = replyTo; }
      box.focus();
      box.selectionStart = box.selectionEnd = box.value.length;
      box.scrollIntoView({ block: "center" });
      schedule(SAVE_AFTER_MS);
    };
  }

  var forms = document.querySelectorAll("form[data-draft-form]");
  forms.forEach(setup);

  // Quote and Reply on a thread page use the reply box at its foot when there is one; the
  // links' reply page is the way otherwise.
  var replyForm = document.querySelector("form[data-draft-form=reply]");
  if (!replyForm) { return; }
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var quote = event.target.closest && event.target.closest("a[data-quote-url]");
    var reply = event.target.closest && event.target.closest("a[data-inline-reply]");
    if (reply) {
      event.preventDefault();
      replyForm.draftsInsert("", reply.getAttribute("data-inline-reply"));
      return;
    }
    if (!quote) { return; }
    event.preventDefault();
    window.fetch(quote.getAttribute("data-quote-url"), { credentials: "same-origin", cache: "no-store", redirect: "manual" })
      .then(function (response) {
        if (!response.ok) { throw new Error("quote"); }
        return response.json();
      })
      .then(function (data) { replyForm.draftsInsert(data.markup, data.reply_to); })
      .catch(function () { window.location.href = quote.href; });
  });
})();

// Large files on slow or interrupted connections. Each chosen file is sent in pieces to the
// upload address of the form; after a dropped connection the upload asks the server how much
// arrived and goes on from there, by itself once the connection is back. When every file is
// sent the form posts only their ids. Without JavaScript the form posts the files whole.
// The texts come translated in data attributes of the progress box.
(function () {
  "use strict";
  var STORE = "hub-partial-uploads"; // this tab's unfinished uploads: file fingerprint -> address
  var STALL_MS = 30000; // no progress for this long counts as a dropped connection
  var MAX_WAIT_MS = 30000;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function remembered() {
    try { return JSON.parse(window.sessionStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }

  function remember(key, url) {
    var all = remembered();
    if (url) all[key] = url; else delete all[key];
    try { window.sessionStorage.setItem(STORE, JSON.stringify(all)); } catch (e) { /* private mode */ }
  }

  function fingerprint(file) {
    return [file.name, file.size, file.lastModified].join("|");
  }

  // Resolves with {status, data} for any answer of the server; rejects when the connection
  // failed or stalled, which the caller treats as "wait and resume".
  function send(method, url, csrf, body, headers, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      var stall = null;
      function watch() {
        window.clearTimeout(stall);
        stall = window.setTimeout(function () { xhr.abort(); }, STALL_MS);
      }
      xhr.open(method, url);
      xhr.setRequestHeader("X-CSRFToken", csrf);
      xhr.setRequestHeader("Accept", "application/json");
      Object.keys(headers || {}).forEach(function (name) { xhr.setRequestHeader(name, headers[name]); });
      xhr.upload.addEventListener("progress", function (event) {
        watch();
        if (onProgress) onProgress(event.loaded);
      });
      xhr.addEventListener("load", function () {
        window.clearTimeout(stall);
        var data = null;
        if ((xhr.getResponseHeader("Content-Type") || "").indexOf("application/json") === 0) {
          try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
        }
        if (xhr.status >= 500) reject(new Error("server"));
        // A page instead of JSON: the session ended (login or status page). Waiting would
        // not help; the member logs in again and the upload resumes from where it stopped.
        else if (data === null && xhr.status !== 204) reject(new Refused(null));
        else resolve({ status: xhr.status, data: data || {} });
      });
      ["error", "abort", "timeout"].forEach(function (type) {
        xhr.addEventListener(type, function () { window.clearTimeout(stall); reject(new Error(type)); });
      });
      watch();
      xhr.send(body);
    });
  }

  function Refused(message) { this.message = message; }

  function bind(form) {
    var box = form.querySelector(".upload-progress");
    var startUrl = form.getAttribute("data-upload-url");
    if (!box || !startUrl || !window.Promise || !window.FormData || !window.Blob || !Blob.prototype.slice) return;
    var bar = box.querySelector("progress");
    var text = box.querySelector(".upload-progress__text");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var submitter = null;
    var wake = null; // resolves the current wait early when the browser comes back online

    window.addEventListener("online", function () { if (wake) wake(); });
    form.addEventListener("click", function (event) {
      if (event.target.matches("button[type=submit]")) submitter = event.target;
    });

    function say(message) { text.textContent = message; }

    function wait(attempt) {
      var delay = Math.min(MAX_WAIT_MS, 1000 * Math.pow(2, attempt));
      return new Promise(function (resolve) {
        var timer = window.setTimeout(done, delay);
        function done() { window.clearTimeout(timer); wake = null; resolve(); }
        wake = done;
      });
    }

    function refusal(answer, name) {
      var reason = answer.data.error || box.getAttribute("data-text-failed");
      return new Refused(format(box.getAttribute("data-text-refused"), { name: name, reason: reason }));
    }

    // Ask (again) where the upload stands, or announce it. Resolves with its state.
    function locate(file, key) {
      var url = remembered()[key];
      var asked = url ? send("GET", url, csrf, null) : Promise.resolve({ status: 404, data: {} });
      return asked.then(function (answer) {
        if (answer.status === 200) return answer.data;
        remember(key, null);
        var body = new URLSearchParams();
        body.append("name", file.name);
        body.append("size", String(file.size));
        return send("POST", startUrl, csrf, body).then(function (started) {
          if (started.status !== 201) throw refusal(started, file.name);
          remember(key, started.data.url);
          return started.data;
        });
      });
    }

    function sendFile(file, progress) {
      var key = fingerprint(file);
      var attempt = 0;
      function resume() {
        return locate(file, key).then(function (state) { return pieces(state); }, retry);
      }
      function retry(error) {
        if (error instanceof Refused) throw error;
        say(box.getAttribute("data-text-waiting"));
        return wait(attempt++).then(resume);
      }
      function pieces(state) {
        progress(file, state.offset);
        if (state.offset >= state.size) return state.id;
        var end = Math.min(state.size, state.offset + state.chunk_size);
        var headers = { "Upload-Offset": String(state.offset), "Content-Type": "application/offset+octet-stream" };
        return send("PATCH", state.url, csrf, file.slice(state.offset, end), headers, function (loaded) {
          progress(file, state.offset + loaded);
        }).then(function (answer) {
          if (answer.status === 200 || answer.status === 409) {
            attempt = 0;
            state.offset = answer.data.offset;
            return pieces(state);
          }
          if (answer.status === 404) remember(key, null);
          throw refusal(answer, file.name);
        }, retry);
      }
      return resume();
    }

    form.addEventListener("submit", function (event) {
      var files = [];
      Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) {
        Array.prototype.forEach.call(input.files || [], function (file) { files.push(file); });
      });
      if (!files.length) return; // nothing large to send: let the browser post the form
      event.preventDefault();
      var buttons = form.querySelectorAll("button");
      var total = files.reduce(function (sum, file) { return sum + file.size; }, 0) || 1;
      var sentBefore = 0;
      box.hidden = false;
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
      function progress(file, sent) {
        var pct = Math.floor(((sentBefore + sent) / total) * 100);
        bar.value = pct;
        say(format(box.getAttribute("data-text-progress"), { name: file.name, percent: pct + "%" }));
      }
      var ids = [];
      files.reduce(function (chain, file) {
        return chain.then(function () {
          return sendFile(file, progress).then(function (id) {
            ids.push(id);
            sentBefore += file.size;
          });
        });
      }, Promise.resolve()).then(function () {
        say(box.getAttribute("data-text-checking"));
        ids.forEach(function (id) {
          var input = document.createElement("input");
          input.type = "hidden";
          input.name = "uploaded";
          input.value = id;
          form.appendChild(input);
        });
        Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) { input.value = ""; });
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
        if (form.requestSubmit) form.requestSubmit(submitter || undefined);
        else form.submit();
      }, function (error) {
        say(error instanceof Refused && error.message ? error.message : box.getAttribute("data-text-failed"));
        text.setAttribute("role", "alert");
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-upload-url]"), bind);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

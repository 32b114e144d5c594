/* Alliance Hub chat: one WebSocket per tab, live messages, an outbox that survives
   disconnections, reconnection with backoff. The page works without this file (plain
   form and server-rendered history); see chat/PROTOCOL.md for the frames. */
(function () {
  "use strict";

  var root = document.getElementById("chat-room");
  if (!root || !("WebSocket" in window)) return;
  var params = new URLSearchParams(window.location.search);
  // Older history pages stay static: live messages belong at the end of the latest page.
  if (params.has("after") || params.has("at")) return;

  var _ = window.gettext || function (s) { return s; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (m, key) { return String(obj[key]); });
  };
  var roomId = Number(root.dataset.roomId);
  var userId = Number(root.dataset.userId);
  var messageUrl = root.dataset.messageUrl; // ".../m/0/"
  var list = document.getElementById("chat-messages");
  var statusEl = document.getElementById("chat-status");
  var announcer = document.getElementById("chat-announcer");
  var ANNOUNCED_LINES = 5;
  var typingEl = document.getElementById("chat-typing");
  var presenceEl = document.getElementById("chat-presence");
  var form = document.getElementById("chat-composer");
  var textarea = form ? form.querySelector("textarea[name=body]") : null;
  var replyInput = form ? form.querySelector("input[name=reply_to]") : null;
  var outboxEl = document.getElementById("chat-outbox");
  var csrf = form ? form.querySelector("input[name=csrfmiddlewaretoken]").value : "";
  var outboxKey = "chat-outbox:" + userId + ":" + roomId;

  var ws = null;
  var synced = false;
  var attempts = 0;
  var reconnectTimer = null;
  var pingTimer = null;
  var stopped = false;
  var lastTyping = 0;
  var typingTimer = null;
  var readTimer = null;
  var lastSeq = 0;
  var since = root.dataset.renderedAt;
  var lastFrameAt = Date.now();
  list.querySelectorAll("[data-seq]").forEach(function (el) {
    lastSeq = Math.max(lastSeq, Number(el.dataset.seq));
  });

  // Outbox ------------------------------------------------------------------------------
  function loadOutbox() {
    try { return JSON.parse(sessionStorage.getItem(outboxKey) || "[]"); } catch (e) { return []; }
  }
  function saveOutbox(items) {
    try { sessionStorage.setItem(outboxKey, JSON.stringify(items)); } catch (e) { /* private mode */ }
    if (outboxEl) {
      outboxEl.textContent = items.length
        ? interpolate(_("%(count)s message(s) waiting to be sent."), { count: items.length }, true)
        : "";
    }
  }
  function newClientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }
  function flushOutbox() {
    if (!ws || ws.readyState !== WebSocket.OPEN || !synced) return;
    loadOutbox().forEach(function (item) {
      ws.send(JSON.stringify({ type: "send", room: roomId, client_id: item.client_id, body: item.body, reply_to: item.reply_to || null, confirmed: !!item.confirmed, content_warning: item.content_warning || "" }));
    });
  }
  function dropFromOutbox(clientId) {
    saveOutbox(loadOutbox().filter(function (item) { return item.client_id !== clientId; }));
    var pending = list.querySelector('[data-client-id="' + CSS.escape(clientId) + '"]');
    if (pending) pending.remove();
  }

  // Rendering ---------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function urlFor(id, suffix) { return messageUrl.replace(/\/0\/$/, "/" + id + "/") + (suffix || ""); }

  function renderMessage(m) {
    var li = el("li", "chat-message" + (m.deleted ? " chat-message--deleted" : ""));
    li.id = "m-" + m.seq;
    li.dataset.seq = m.seq;
    li.dataset.id = m.id;
    var meta = el("p", "chat-message__meta");
    var who = el("strong", "", m.sender);
    who.setAttribute("dir", "auto");
    meta.appendChild(who);
    var time = el("time", "", new Date(m.created_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
    // HTML allows at most milliseconds; the server sends microseconds.
    time.setAttribute("datetime", String(m.created_at).replace(/(\.\d{3})\d+/, "$1"));
    meta.appendChild(time);
    if (m.edited && !m.deleted) meta.appendChild(el("span", "meta", _("(edited)")));
    if (m.language_name && !m.deleted) {
      var tag = el("span", "lang-tag", m.language_name);
      tag.setAttribute("lang", m.language);
      meta.appendChild(tag);
    }
    li.appendChild(meta);
    if (m.reply_to_seq) {
      var reply = el("p", "chat-message__reply meta");
      var link = el("a", "", _("In reply to an earlier message"));
      link.href = "#m-" + m.reply_to_seq;
      reply.appendChild(link);
      li.appendChild(reply);
    }
    if (m.deleted) {
      li.appendChild(el("p", "meta", _("This message was deleted.")));
      return li;
    }
    var body = el("div", "chat-message__body");
    body.setAttribute("dir", "auto");
    if (m.language) body.setAttribute("lang", m.language);
    body.innerHTML = m.html; // rendered and sanitised by the server (allowlist)
    if (m.content_warning) {
      // Collapsed until the reader opens it, as on the server-rendered page.
      var warning = el("details", "content-warning chat-message__warning");
      var summary = el("summary", "", _("Content warning:") + " ");
      var label = el("span", "", m.content_warning);
      label.setAttribute("dir", "auto");
      summary.appendChild(label);
      summary.appendChild(document.createTextNode(" · " + _("Show the message")));
      warning.appendChild(summary);
      warning.appendChild(body);
      li.appendChild(warning);
    } else {
      li.appendChild(body);
    }
    var reactions = el("form", "chat-reactions");
    reactions.method = "post";
    reactions.action = urlFor(m.id, "react/");
    reactions.appendChild(hidden("csrfmiddlewaretoken", csrf));
    (window.CHAT_EMOJI || ["👍", "❤️", "🙏", "👏", "✅"]).forEach(function (emoji) {
      var given = (m.reactions || []).filter(function (r) { return r.emoji === emoji; })[0];
      var button = el("button", "chat-reaction", emoji + (given ? " " + given.count : ""));
      button.type = "submit";
      button.name = "emoji";
      button.value = emoji;
      button.setAttribute("aria-pressed", given && given.users.indexOf(userId) !== -1 ? "true" : "false");
      reactions.appendChild(button);
    });
    li.appendChild(reactions);
    var details = el("details", "chat-message__actions");
    details.appendChild(el("summary", "", _("Actions")));
    var actions = el("ul", "plain");
    actions.appendChild(linkItem("?reply=" + m.id + "#composer", _("Reply")));
    if (m.sender_id === userId) {
      actions.appendChild(linkItem(urlFor(m.id, "edit/"), _("Edit")));
      var del = el("form");
      del.method = "post";
      del.action = urlFor(m.id, "delete/");
      del.appendChild(hidden("csrfmiddlewaretoken", csrf));
      var delButton = el("button", "linklike", _("Delete"));
      delButton.type = "submit";
      del.appendChild(delButton);
      var delItem = el("li");
      delItem.appendChild(del);
      actions.appendChild(delItem);
    } else {
      actions.appendChild(linkItem(urlFor(m.id, "report/"), _("Report")));
    }
    details.appendChild(actions);
    li.appendChild(details);
    return li;
  }
  function hidden(name, value) {
    var input = el("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    return input;
  }
  function linkItem(href, text) {
    var li = el("li");
    var a = el("a", "", text);
    a.href = href;
    li.appendChild(a);
    return li;
  }

  function addMessage(m) {
    if (m.room !== roomId) return;
    if (m.client_id) {
      var pending = list.querySelector('[data-client-id="' + CSS.escape(m.client_id) + '"]');
      if (pending && m.sender_id === userId) pending.remove();
    }
    if (m.seq <= lastSeq || document.getElementById("m-" + m.seq)) return;
    lastSeq = m.seq;
    var empty = list.querySelector(".chat-empty");
    if (empty) empty.remove();
    // Keep pending (unsent) messages at the end.
    var firstPending = list.querySelector(".chat-message--pending");
    list.insertBefore(renderMessage(m), firstPending);
    announce(m);
    scheduleRead();
  }
  // Screen readers hear new messages from others, tersely: who, then what (or only the
  // content warning). Not one's own messages, and not the catch-up after (re)connecting.
  function announce(m) {
    if (!announcer || !synced || m.sender_id === userId || m.deleted) return;
    var text;
    if (m.content_warning) {
      text = _("Content warning:") + " " + m.content_warning;
    } else {
      // Parsed in a separate document: nothing in it loads or runs.
      text = new DOMParser().parseFromString(m.html || "", "text/html").body.textContent;
      text = text.replace(/\s+/g, " ").trim();
      if (text.length > 200) text = text.slice(0, 200) + "…";
    }
    // Each message is a new line of the log, so a burst is read in full rather than only
    // its last message; the oldest lines go once they have been read.
    var line = document.createElement("p");
    line.textContent = text
      ? m.sender + ": " + text
      : interpolate(_("New message from %(name)s"), { name: m.sender }, true);
    announcer.appendChild(line);
    while (announcer.children.length > ANNOUNCED_LINES) announcer.removeChild(announcer.firstElementChild);
  }
  function updateMessage(m) {
    var existing = document.getElementById("m-" + m.seq);
    if (m.room !== roomId || !existing) return;
    var fresh = renderMessage(m);
    ["chat-message__warning", "chat-message__actions"].forEach(function (name) {
      var before = existing.querySelector("details." + name);
      var after = fresh.querySelector("details." + name);
      if (before && after && before.open) after.open = true;
    });
    existing.replaceWith(fresh);
  }
  function showPending(item) {
    var li = el("li", "chat-message chat-message--pending");
    li.dataset.clientId = item.client_id;
    var meta = el("p", "chat-message__meta");
    meta.appendChild(el("span", "meta", _("Waiting to be sent…")));
    li.appendChild(meta);
    var body = el("div", "chat-message__body", item.body);
    body.setAttribute("dir", "auto");
    li.appendChild(body);
    list.appendChild(li);
  }

  // Connection --------------------------------------------------------------------------
  var STATES = {
    connecting: _("Connecting…"),
    connected: _("Connected. New messages appear as they arrive."),
    reconnecting: _("Connection lost. Reconnecting…"),
    offline: _("Offline. Your messages will be sent when the connection is back."),
    ended: _("Your session has ended. Reload the page to continue."),
  };
  function setState(state) {
    statusEl.dataset.state = state;
    statusEl.textContent = STATES[state];
  }
  function send(frame) {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }
  function scheduleRead() {
    if (readTimer || document.hidden) return;
    readTimer = setTimeout(function () {
      readTimer = null;
      send({ type: "read", room: roomId, seq: lastSeq });
    }, 1500);
  }

  function connect() {
    if (stopped || (ws && ws.readyState <= WebSocket.OPEN)) return;
    clearTimeout(reconnectTimer);
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    ws = new WebSocket(scheme + window.location.host + root.dataset.wsPath);
    synced = false;
    ws.onmessage = function (event) {
      lastFrameAt = Date.now();
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      handle(frame);
    };
    ws.onclose = function (event) {
      synced = false;
      clearInterval(pingTimer);
      if (event.code === 4001 || event.code === 4003) {
        stopped = true;
        setState("ended");
        return;
      }
      if (!navigator.onLine) { setState("offline"); return; }
      setState("reconnecting");
      // Exponential backoff with jitter, so a restarted server is not hit by everyone at once.
      var delay = Math.min(30000, 500 * Math.pow(2, attempts)) * (0.5 + Math.random() / 2);
      attempts += 1;
      reconnectTimer = setTimeout(connect, delay);
    };
  }

  function handle(frame) {
    switch (frame.type) {
      case "ready":
        attempts = 0;
        var rooms = {};
        rooms[roomId] = lastSeq;
        // "since" (server time of the previous connection, or of the page) brings the
        // edits, deletions and reactions made while this tab was away.
        send({ type: "hello", rooms: rooms, present: [roomId], since: since });
        since = frame.now;
        clearInterval(pingTimer);
        pingTimer = setInterval(function () {
          // A connection that stopped answering (half-open after a network change) is
          // closed, which starts the reconnection.
          if (Date.now() - lastFrameAt > 60000) { ws.close(); return; }
          send({ type: "ping" });
        }, 25000);
        break;
      case "synced":
        if (frame.room === roomId) {
          synced = true;
          setState("connected");
          flushOutbox();
        }
        break;
      case "message":
        addMessage(frame.message);
        break;
      case "update":
        updateMessage(frame.message);
        break;
      case "ack":
        dropFromOutbox(frame.client_id);
        addMessage(frame.message);
        break;
      case "error":
        handleError(frame);
        break;
      case "typing":
        if (frame.room === roomId) {
          typingEl.textContent = interpolate(_("%(name)s is typing…"), { name: frame.name }, true);
          clearTimeout(typingTimer);
          typingTimer = setTimeout(function () { typingEl.textContent = ""; }, 4000);
        }
        break;
      case "presence":
        if (frame.room === roomId) {
          var names = frame.online.map(function (p) { return p.name; });
          presenceEl.textContent = names.length ? interpolate(_("Online now: %(names)s"), { names: names.join(", ") }, true) : "";
        }
        break;
      case "rooms_changed":
        if (frame.removed.indexOf(roomId) !== -1) {
          stopped = true;
          ws.close();
          statusEl.dataset.state = "offline";
          statusEl.textContent = _("You no longer have access to this room.");
        }
        break;
      case "notification":
        bumpBell();
        break;
    }
  }

  // The notification bell in the header counts up live while this page holds the socket.
  function bumpBell() {
    var bell = document.querySelector("[data-notification-bell]");
    if (!bell) return;
    var count = bell.querySelector("[data-unread-count]");
    var next = (parseInt(bell.getAttribute("data-unread") || "0", 10) || 0) + 1;
    bell.setAttribute("data-unread", String(next));
    var number = bell.querySelector("[data-unread-number]");
    if (count && number) {
      number.textContent = String(next);
      count.hidden = false;
    }
  }

  function handleError(frame) {
    if (!frame.client_id) return;
    if (frame.code === "rate_limited") {
      outboxEl.textContent = frame.message;
      setTimeout(flushOutbox, 3000); // kept in the outbox, tried again shortly
      return;
    }
    var item = loadOutbox().filter(function (i) { return i.client_id === frame.client_id; })[0];
    dropFromOutbox(frame.client_id);
    outboxEl.textContent = frame.message;
    if (item && textarea && !textarea.value) textarea.value = item.body; // the member's text is kept
    if (frame.code === "personal_details") showPersonalDetailsCheck(frame.confirm_label);
  }

  // The gentle check: the server found what looks like personal details; the member may
  // confirm with a checkbox and send again (the frame then carries "confirmed": true).
  function confirmInput() {
    return form ? form.querySelector("input[name=personal_details_checked]") : null;
  }
  function showPersonalDetailsCheck(label) {
    var input = confirmInput();
    if (!input || input.type === "checkbox") return;
    input.type = "checkbox";
    input.value = "on";
    input.checked = false;
    input.id = input.id || "id_personal_details_checked";
    var labelEl = el("label", "chat-confirm");
    labelEl.htmlFor = input.id;
    labelEl.textContent = " " + label;
    input.parentNode.insertBefore(labelEl, input.nextSibling);
  }
  function takeConfirmation() {
    var input = confirmInput();
    if (!input || input.type !== "checkbox") return false;
    var confirmed = input.checked;
    input.checked = false;
    return confirmed;
  }

  if (form && textarea) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = textarea.value.trim();
      if (!body) return;
      var warningInput = form.querySelector("input[name=content_warning]");
      var item = { client_id: newClientId(), body: body, reply_to: replyInput && replyInput.value ? Number(replyInput.value) : null, confirmed: takeConfirmation(), content_warning: warningInput ? warningInput.value.trim() : "" };
      if (warningInput) warningInput.value = "";
      var items = loadOutbox();
      items.push(item);
      saveOutbox(items);
      showPending(item);
      textarea.value = "";
      if (replyInput) replyInput.value = "";
      if (ws && ws.readyState === WebSocket.OPEN && synced) {
        send({ type: "send", room: roomId, client_id: item.client_id, body: item.body, reply_to: item.reply_to, confirmed: item.confirmed, content_warning: item.content_warning || "" });
      }
    });
    textarea.addEventListener("input", function () {
      var now = Date.now();
      if (now - lastTyping > 3000) { // typing hints are throttled: cheap on the wire
        lastTyping = now;
        send({ type: "typing", room: roomId });
      }
    });
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest(".chat-reaction");
    if (!button || !ws || ws.readyState !== WebSocket.OPEN) return;
    event.preventDefault();
    var li = button.closest("[data-id]");
    send({ type: "react", message: Number(li.dataset.id), emoji: button.value });
  });

  window.addEventListener("offline", function () {
    setState("offline");
    if (ws) ws.close();
  });
  window.addEventListener("online", function () {
    attempts = 0;
    connect();
  });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) scheduleRead(); });

  loadOutbox().forEach(showPending);
  saveOutbox(loadOutbox());
  setState("connecting");
  connect();
})();

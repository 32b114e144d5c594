/* Alliance Hub chat: one WebSocket per tab, live messages, an outbox that survives
   disconnections, reconnection with backoff. The page works without this file (plain
   form and server-rendered history); see chat/PROTOCOL.md for the frames. */
(function () {
  "use strict";

  var root = document.getElementById("chat-room");
  if (!root || !("WebSocket" in window)) return;
  var params = new URLSearchParams(window.location.search);
  // Older history pages stay static: live messages belong at the end of the latest page.
  if (params.has("after")) return;
  // A page opened at a linked message (?at=, ?m=) stays live. When it ends at the newest
  // message, new ones follow as usual; otherwise they are not next to what it shows, so it
  // offers a jump to them instead.
  var detached = root.dataset.latest !== "true";

  var _ = window.gettext || function (s) { return s; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (m, key) { return String(obj[key]); });
  };
  var roomId = Number(root.dataset.roomId);
  var userId = Number(root.dataset.userId);
  var messageUrl = root.dataset.messageUrl; // ".../m/0/"
  var list = document.getElementById("chat-messages");
  var scroller = document.getElementById("chat-scroller");
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
  if (detached) lastSeq = Math.max(lastSeq, Number(root.dataset.lastSeq) || 0);

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

  // Messages arrive rendered by the server (chat/_message.html, the same template as the
  // page); the script only inserts them and adjusts what depends on the reader.
  function fromFragment(m) {
    if (!m.fragment) return null;
    var template = document.createElement("template");
    template.innerHTML = m.fragment; // rendered and sanitised by the server
    var li = template.content.firstElementChild;
    prepare(li, m);
    return li;
  }
  function prepare(li, m) {
    var own = li.dataset.authorId !== "" && Number(li.dataset.authorId) === userId;
    // Showing or hiding buttons only: the server checks every action again.
    li.querySelectorAll("[data-own-only]").forEach(function (node) { node.hidden = !own; });
    li.querySelectorAll("[data-others-only]").forEach(function (node) { node.hidden = own; });
    li.querySelectorAll("form[method=post]").forEach(function (f) {
      if (!f.querySelector("input[name=csrfmiddlewaretoken]") && csrf) f.prepend(hidden("csrfmiddlewaretoken", csrf));
    });
    if (m && m.reactions) {
      var mine = {};
      m.reactions.forEach(function (r) { mine[r.emoji] = r.users.indexOf(userId) !== -1; });
      li.querySelectorAll(".chat-reaction").forEach(function (button) {
        button.setAttribute("aria-pressed", mine[button.value] ? "true" : "false");
      });
    }
    li.querySelectorAll(".chat-toolbar").forEach(initToolbar);
  }
  function hidden(name, value) {
    var input = el("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    return input;
  }

  // The same rule as chat.selectors.continues: one person's messages within five minutes
  // share one name and time.
  function timeOf(li) {
    var time = li && li.querySelector(".chat-message__meta time");
    if (!time) return NaN;
    return Date.parse(time.getAttribute("datetime").replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  }
  function regroup(li) {
    if (!li || !li.classList.contains("chat-message")) return;
    var previous = li.previousElementSibling;
    var gap = (timeOf(li) - timeOf(previous)) / 1000;
    var continues = !!previous && previous.classList.contains("chat-message") &&
      !previous.classList.contains("chat-message--pending") && li.dataset.authorId !== "" &&
      previous.dataset.authorId === li.dataset.authorId &&
      !previous.classList.contains("chat-message--deleted") && !li.classList.contains("chat-message--deleted") &&
      gap >= 0 && gap < 300;
    li.classList.toggle("chat-message--continued", continues);
  }

  // One toolbar per message, one tab stop: arrow keys move between its controls.
  function toolbarControls(toolbar) {
    return Array.prototype.filter.call(
      toolbar.querySelectorAll(":scope > a, :scope > details > summary, :scope > form > button"),
      function (node) { return !node.closest("[hidden]"); }
    );
  }
  function initToolbar(toolbar) {
    toolbarControls(toolbar).forEach(function (node, index) { node.tabIndex = index === 0 ? 0 : -1; });
  }
  list.addEventListener("keydown", function (event) {
    var toolbar = event.target.closest && event.target.closest(".chat-toolbar");
    if (!toolbar || ["ArrowRight", "ArrowLeft", "Home", "End"].indexOf(event.key) === -1) return;
    if (event.target.closest(".chat-picker__choices, .chat-mute form")) return;
    var controls = toolbarControls(toolbar);
    var index = controls.indexOf(event.target);
    if (index === -1) return;
    var rtl = getComputedStyle(toolbar).direction === "rtl";
    var step = (event.key === "ArrowRight") !== rtl ? 1 : -1;
    var next = event.key === "Home" ? 0 : event.key === "End" ? controls.length - 1 : (index + step + controls.length) % controls.length;
    event.preventDefault();
    controls.forEach(function (node, i) { node.tabIndex = i === next ? 0 : -1; });
    controls[next].focus();
  });

  // Long press on a touch screen shows a message's toolbar.
  var pressTimer = null;
  list.addEventListener("touchstart", function (event) {
    var li = event.target.closest(".chat-message");
    if (!li) return;
    clearTimeout(pressTimer);
    pressTimer = setTimeout(function () {
      list.querySelectorAll(".chat-message.is-active").forEach(function (other) { if (other !== li) other.classList.remove("is-active"); });
      li.classList.add("is-active");
    }, 500);
  }, { passive: true });
  ["touchend", "touchmove", "touchcancel"].forEach(function (name) {
    list.addEventListener(name, function () { clearTimeout(pressTimer); }, { passive: true });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".chat-message.is-active")) {
      list.querySelectorAll(".chat-message.is-active").forEach(function (li) { li.classList.remove("is-active"); });
    }
  });

  function addMessage(m) {
    if (m.room !== roomId) return;
    if (detached) {
      if (m.seq > lastSeq) {
        lastSeq = m.seq;
        announce(m);
        showJump();
      }
      return;
    }
    var wasAtBottom = atBottom();
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
    var li = fromFragment(m);
    if (!li) return;
    list.insertBefore(li, firstPending);
    regroup(li);
    announce(m);
    scheduleRead();
    // A reader looking at older messages is not pulled away from them: a button says there is more.
    if (!wasAtBottom && m.sender_id !== userId && synced) showJump();
  }

  // "New messages below" ------------------------------------------------------------------
  var jump = null;
  function atBottom() {
    if (!scroller) return true;
    if (getComputedStyle(scroller).flexDirection === "column-reverse") return Math.abs(scroller.scrollTop) < 40;
    return scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop < 40;
  }
  function toBottom() {
    if (!scroller) return;
    var reverse = getComputedStyle(scroller).flexDirection === "column-reverse";
    scroller.scrollTop = reverse ? 0 : scroller.scrollHeight;
  }
  function showJump() {
    if (!scroller) return;
    if (!jump) {
      jump = el("a", "button chat-jump", _("New messages below"));
      // Detached: the newest messages are on the room's latest page.
      jump.href = detached ? root.dataset.roomUrl : "#chat-messages";
      jump.addEventListener("click", function (event) {
        if (detached) return;
        event.preventDefault();
        toBottom();
        hideJump();
      });
      scroller.parentNode.insertBefore(jump, scroller.nextSibling);
    }
    jump.hidden = false;
  }
  function hideJump() {
    if (jump && !detached) jump.hidden = true;
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
    var fresh = fromFragment(m);
    if (!fresh) return;
    ["chat-message__warning"].forEach(function (name) {
      var before = existing.querySelector("details." + name);
      var after = fresh.querySelector("details." + name);
      if (before && after && before.open) after.open = true;
    });
    var hadFocus = existing.contains(document.activeElement);
    existing.replaceWith(fresh);
    regroup(fresh);
    regroup(fresh.nextElementSibling);
    if (hadFocus) {
      var control = fresh.querySelector(".chat-toolbar [tabindex='0']");
      if (control) control.focus({ preventScroll: true });
    }
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
    // A page away from the newest messages has not shown them: nothing to mark as read.
    if (readTimer || document.hidden || detached) return;
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
          placeBox();
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
          placeBox();
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
        break; // the header bell keeps its own count (notifications/bell.js)
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
      // Away from the newest messages the form posts as without JavaScript, and the room
      // opens at the message sent.
      if (detached) return;
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
      // The reply is sent: its notice and the ?reply= address go.
      var replying = document.getElementById("chat-replying");
      if (replying) replying.remove();
      if (params.has("reply")) {
        params.delete("reply");
        var query = params.toString();
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
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
      // Enter that chose an "@" suggestion (forum.js, which runs first) does not send.
      if (event.defaultPrevented) return;
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  list.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy-link]");
    if (copy && navigator.clipboard && window.isSecureContext) {
      event.preventDefault();
      navigator.clipboard.writeText(copy.href).then(function () {
        outboxEl.textContent = _("Link copied.");
      }, function () { window.location.href = copy.href; });
      return;
    }
    var button = event.target.closest(".chat-reaction");
    if (!button || !ws || ws.readyState !== WebSocket.OPEN) return;
    event.preventDefault();
    var li = button.closest("[data-id]");
    var picker = button.closest("details.chat-picker");
    if (picker) picker.open = false;
    send({ type: "react", message: Number(li.dataset.id), emoji: button.value });
  });

  // Older history loads above when the reader scrolls up to it; the link stays the way
  // without JavaScript (and while a page is loading).
  var loadingOlder = false;
  if (scroller) scroller.addEventListener("scroll", function () { if (atBottom()) hideJump(); }, { passive: true });
  function loadOlder() {
    var link = document.getElementById("chat-older");
    if (!link || loadingOlder) return;
    loadingOlder = true;
    fetch(link.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var older = doc.getElementById("chat-messages");
        var oldFirst = list.querySelector(".chat-message");
        var before = scroller.scrollHeight - scroller.scrollTop;
        Array.prototype.slice.call(older ? older.children : []).reverse().forEach(function (li) {
          if (!li.classList.contains("chat-message") || document.getElementById(li.id)) return;
          var node = document.importNode(li, true);
          list.insertBefore(node, list.firstChild);
          prepare(node, null);
        });
        regroup(oldFirst);
        // The column-reverse scroller keeps its distance from the end; other layouts need help.
        if (getComputedStyle(scroller).flexDirection !== "column-reverse") scroller.scrollTop = scroller.scrollHeight - before;
        var next = doc.getElementById("chat-older");
        if (next) link.href = next.href; else link.parentNode.remove();
      })
      .catch(function () { /* the link still works */ })
      .then(function () { loadingOlder = false; });
  }
  if (scroller && "IntersectionObserver" in window) {
    var olderLink = document.getElementById("chat-older");
    if (olderLink) {
      new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) loadOlder();
      }, { root: scroller, rootMargin: "200px 0px 0px 0px" }).observe(olderLink.parentNode);
    }
  }

  // The room opens at the first unread message, otherwise (as the scroller does by itself)
  // at the newest.
  list.querySelectorAll(".chat-message").forEach(function (li) { prepare(li, null); });
  var divider = document.getElementById("chat-new-messages");
  if (divider && scroller) {
    scroller.scrollTop += divider.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
  }
  // The message box on the first screen, with the history right above it (again once
  // connected, as the status and presence lines may have grown).
  var boxPlaced = false;
  function placeBox() {
    if (!textarea || window.location.hash || boxPlaced) return;
    // The box and its Send button, not the box alone.
    var send = form && form.querySelector('button[type="submit"]');
    var below = (send || textarea).getBoundingClientRect().bottom + 8 - window.innerHeight;
    if (below > 0) window.scrollBy(0, below);
    placeDivider();
  }
  // Moving the window to show the box may lift the first unread message out of sight (or
  // under the quick-exit bar): bring it back just under the top of what shows of the history.
  function placeDivider() {
    if (!divider || !scroller) return;
    var bar = document.querySelector(".quick-exit");
    var top = Math.max(scroller.getBoundingClientRect().top, bar ? bar.getBoundingClientRect().bottom : 0);
    scroller.scrollTop += divider.getBoundingClientRect().top - top - 8;
  }
  // On a phone the room fills the screen under the quick-exit bar: history above, the box at
  // the bottom. The on-screen keyboard shrinks only the visual viewport, so the room follows
  // its height and the box stays in sight above the keyboard.
  var phone = window.matchMedia("(max-width: 40rem)");
  var viewport = window.visualViewport;
  function fitToScreen(place) {
    if (!phone.matches) { root.style.removeProperty("--chat-height"); return; }
    var bar = document.querySelector(".quick-exit");
    var barHeight = bar ? bar.getBoundingClientRect().height : 0;
    var height = viewport ? viewport.height : window.innerHeight;
    root.style.setProperty("--chat-height", Math.max(Math.floor(height - barHeight), 240) + "px");
    if (place) window.scrollTo(0, root.getBoundingClientRect().top + window.scrollY - barHeight);
  }
  if (!window.location.hash) fitToScreen(true); else fitToScreen(false);
  (viewport || window).addEventListener("resize", function () {
    var typing = textarea && document.activeElement === textarea;
    fitToScreen(typing);
  });
  placeBox();
  ["keydown", "wheel", "touchstart"].forEach(function (name) {
    window.addEventListener(name, function () { boxPlaced = true; }, { once: true, passive: true });
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

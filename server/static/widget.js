// The chat widget. Every text from the user, the bot or an agent goes into the page through
// textContent, never innerHTML; the session and the transcript live in localStorage. While a
// person has the conversation, their replies arrive as server-sent events (/api/chat/events),
// resumed after the last one the widget saw, so a reload misses nothing.
(function () {
  "use strict";

  var STORE_KEY = "yibao-chat-v1";
  var MAX_KEPT = 200; // messages kept across reloads
  var TIME_GAP_MS = 5 * 60 * 1000; // a time stamp when the conversation pauses this long
  var HANDOFF_NOTE = "已为您转接人工客服，请稍候，客服人员会查看您之前的对话。";
  var NETWORK_ERROR = "网络异常，消息未发送成功，请稍后重试。";
  var RATING_THANKS = "感谢您的评价！";
  var STATUS = {
    queued: function (human) { return "正在为您转接人工客服" + (human.position ? "，您排在第" + human.position + "位" : ""); },
    with_agent: function (human) { return "人工客服" + (human.agent ? " " + human.agent + " 号" : "") + "为您服务"; },
  };
  var LEAVE = { queued: "不等了", with_agent: "结束人工服务" };
  var LIVE_IDS_KEPT = 200;
  var LIVE_RETRY_MS = 5000;
  var LEAVE_GRACE_MS = 4000;
  var WELCOME = "您好，我是医保政策助手，可以为您解答报销比例、异地就医、家庭共济等问题。需要人工服务请输入“转人工”。";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var ICONS = {
    // a medical cross for the assistant, a person for the user
    bot: "M9.5 3h5v6.5H21v5h-6.5V21h-5v-6.5H3v-5h6.5z",
    user: "M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4.4 0-8 2.4-8 5.3V21h16v-1.7c0-2.9-3.6-5.3-8-5.3z",
    // a headset for a person of the bureau
    agent: "M12 3a8 8 0 0 0-8 8v5a3 3 0 0 0 3 3h1v-7H6v-1a6 6 0 0 1 12 0v1h-2v7h2v1h-5v2h5a2 2 0 0 0 2-2v-9a8 8 0 0 0-8-8z",
  };

  var list = document.getElementById("messages");
  var form = document.getElementById("composer");
  var input = document.getElementById("input");
  var sendButton = document.getElementById("send");
  var regionButtons = document.querySelectorAll(".region button");
  var humanBar = document.getElementById("human-bar");
  var humanStatus = document.getElementById("human-status");
  var leaveButton = document.getElementById("leave");
  var live = null; // the EventSource while a person has the conversation
  // The regions come from the page (the gateway renders them from knowledge/shared_facts.yml);
  // the first is the default.
  var REGIONS = {};
  regionButtons.forEach(function (button) { REGIONS[button.dataset.region] = button.textContent; });
  var DEFAULT_REGION = regionButtons.length ? regionButtons[0].dataset.region : null;
  var waiting = false;
  var state = load();

  function newSessionId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return "w" + Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE_KEY));
      if (saved && /^[A-Za-z0-9_-]{1,64}$/.test(saved.sessionId) && Array.isArray(saved.messages)) {
        if (!REGIONS[saved.region]) saved.region = DEFAULT_REGION;
        if (!saved.human || !STATUS[saved.human.mode]) saved.human = { mode: "bot" };
        if (typeof saved.lastEventId !== "number") saved.lastEventId = 0;
        if (!Array.isArray(saved.liveIds)) saved.liveIds = [];
        return saved;
      }
    } catch (e) { /* unreadable storage: start afresh */ }
    return {
      sessionId: newSessionId(), region: DEFAULT_REGION, messages: [], human: { mode: "bot" }, lastEventId: 0, liveIds: [],
    };
  }

  function save() {
    state.messages = state.messages.slice(-MAX_KEPT);
    try {
      window.localStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) { /* storage full or disabled: the chat still works */ }
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function formatTime(ms) {
    var d = new Date(ms);
    var now = new Date();
    var hm = pad(d.getHours()) + ":" + pad(d.getMinutes());
    if (d.toDateString() === now.toDateString()) return hm;
    return (d.getMonth() + 1) + "月" + d.getDate() + "日 " + hm;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function avatar(kind) {
    var box = el("div", "avatar");
    box.setAttribute("aria-hidden", "true");
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[kind]);
    svg.appendChild(path);
    box.appendChild(svg);
    return box;
  }

  function scrollDown() { list.scrollTop = list.scrollHeight; }

  function renderMessage(message, previous) {
    if (!previous || message.time - previous.time >= TIME_GAP_MS) {
      list.appendChild(el("div", "time", formatTime(message.time)));
    }
    if (message.kind === "note") {
      var note = el("div", "note" + (message.handoff ? " handoff" : ""));
      note.appendChild(el("span", null, message.text));
      list.appendChild(note);
      return;
    }
    if (message.kind === "rating") {
      list.appendChild(message.done ? noteNode(RATING_THANKS) : ratingCard(message));
      return;
    }
    var row = el("div", "msg " + message.kind);
    row.appendChild(avatar(message.kind));
    var body = el("div", "body");
    if (message.kind === "agent") body.appendChild(el("p", "label", "人工客服" + (message.agent ? " " + message.agent : "")));
    // an estimate reply is drawn as its card (estimate-card.js); its text says the same for other clients
    if (message.estimate && window.EstimateCard) body.appendChild(window.EstimateCard.render(message.estimate));
    else if (message.text) body.appendChild(el("div", "bubble", message.text));
    if (message.buttons && message.buttons.length) {
      var group = el("div", "quick-replies");
      message.buttons.forEach(function (button) {
        var b = el("button", null, button.title);
        b.type = "button";
        b.disabled = !!message.answered;
        b.addEventListener("click", function () {
          if (waiting) return;
          message.answered = true;
          group.querySelectorAll("button").forEach(function (other) { other.disabled = true; });
          send(button.payload, button.title);
        });
        group.appendChild(b);
      });
      body.appendChild(group);
    }
    row.appendChild(body);
    list.appendChild(row);
  }

  function noteNode(text) {
    var note = el("div", "note");
    note.appendChild(el("span", null, text));
    return note;
  }

  // 1-5 stars and an optional comment; the card becomes a thank-you note once sent
  function ratingCard(message) {
    var card = el("div", "rating");
    card.setAttribute("role", "group");
    card.setAttribute("aria-label", "服务评价");
    card.appendChild(el("p", null, message.text));
    var stars = el("div", "stars");
    var chosen = 0;
    var comment = el("textarea");
    comment.rows = 2;
    comment.maxLength = 500;
    comment.placeholder = "还有什么想说的（选填）";
    var submit = el("button", "submit", "提交评价");
    submit.type = "button";
    submit.disabled = true;
    for (var score = 1; score <= 5; score++) {
      (function (value) {
        var star = el("button", null, "★");
        star.type = "button";
        star.setAttribute("aria-label", value + "星");
        star.setAttribute("aria-pressed", "false");
        star.addEventListener("click", function () {
          chosen = value;
          stars.querySelectorAll("button").forEach(function (other, i) {
            other.setAttribute("aria-pressed", String(i < value));
          });
          submit.disabled = false;
        });
        stars.appendChild(star);
      })(score);
    }
    var error = el("p", "error");
    submit.addEventListener("click", function () {
      submit.disabled = true;
      postJson("/api/chat/rating", {
        session_id: state.sessionId, subject: message.subject, score: chosen, comment: comment.value.trim() || null,
      }).then(function (result) {
        if (result.ok || (result.data && result.data.error && result.data.error.code === "already_rated")) {
          message.done = true;
          save();
          card.replaceWith(noteNode(RATING_THANKS));
        } else {
          error.textContent = errorMessage(result.data);
          submit.disabled = false;
        }
      }).catch(function () {
        error.textContent = NETWORK_ERROR;
        submit.disabled = false;
      });
    });
    card.appendChild(stars);
    card.appendChild(comment);
    card.appendChild(submit);
    card.appendChild(error);
    return card;
  }

  function askRating(subject, text) {
    var asked = state.messages.some(function (m) { return m.kind === "rating" && m.subject === subject; });
    if (!asked) add({ kind: "rating", subject: subject, text: text || "请为本次服务打分", done: false });
  }

  function add(message) {
    message.time = Date.now();
    var previous = state.messages[state.messages.length - 1];
    state.messages.push(message);
    renderMessage(message, previous);
    save();
    scrollDown();
  }

  function renderAll() {
    list.textContent = "";
    state.messages.forEach(function (message, i) { renderMessage(message, state.messages[i - 1]); });
    scrollDown();
  }

  function showTyping() {
    var row = el("div", "msg bot typing");
    row.setAttribute("aria-label", "对方正在输入");
    row.appendChild(avatar("bot"));
    var bubble = el("div", "bubble");
    for (var i = 0; i < 3; i++) bubble.appendChild(el("span", "dot"));
    var body = el("div", "body");
    body.appendChild(bubble);
    row.appendChild(body);
    list.appendChild(row);
    scrollDown();
    return row;
  }

  function setWaiting(value) {
    waiting = value;
    sendButton.disabled = value || !input.value.trim();
  }

  function errorMessage(data) {
    return data && data.error && typeof data.error.message === "string" ? data.error.message : NETWORK_ERROR;
  }

  function postJson(url, body) {
    return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      });
  }

  // text goes to the gateway; shown (a button's title) is what the user sees as their message
  function send(text, shown) {
    add({ kind: "user", text: shown });
    setWaiting(true);
    // while a person has the conversation nobody types back at once: no typing dots
    var typing = state.human.mode === "bot" ? showTyping() : null;
    postJson("/api/chat", { session_id: state.sessionId, text: text, region: state.region })
      .then(function (result) {
        if (typing) typing.remove();
        if (!result.ok) {
          add({ kind: "note", text: errorMessage(result.data) });
          return;
        }
        var before = state.human.mode;
        result.data.replies.forEach(function (reply) {
          add({ kind: "bot", text: reply.text, buttons: reply.buttons || [], estimate: reply.estimate || null });
        });
        if (result.data.human.mode === "queued" && before === "bot") add({ kind: "note", text: HANDOFF_NOTE, handoff: true });
        if (result.data.rating) askRating(result.data.rating);
        setHuman(result.data.human);
      })
      .catch(function () {
        if (typing) typing.remove();
        add({ kind: "note", text: NETWORK_ERROR });
      })
      .then(function () {
        setWaiting(false);
        input.focus();
      });
  }

  // --- a person has the conversation ---------------------------------------------------------

  function setHuman(human) {
    state.human = { mode: human.mode, agent: human.agent || null, position: human.position || null };
    save();
    var status = STATUS[state.human.mode];
    humanBar.hidden = !status;
    if (status) {
      humanStatus.textContent = status(state.human);
      leaveButton.textContent = LEAVE[state.human.mode];
      openLive();
    } else if (live) {
      live.close();
      live = null;
    }
  }

  function onLiveMessage(event) {
    var message = JSON.parse(event.data);
    if (state.liveIds.indexOf(message.id) >= 0) return; // already shown (a reconnect, another tab)
    state.liveIds = state.liveIds.concat([message.id]).slice(-LIVE_IDS_KEPT);
    state.lastEventId = Math.max(state.lastEventId, message.id);
    if (message.speaker === "agent") {
      add({ kind: "agent", text: message.text, agent: message.agent });
    } else if (message.event === "rating_request") {
      askRating(message.rating, message.text);
    } else {
      add({ kind: "note", text: message.text, handoff: true });
    }
  }

  function openLive() {
    if (live) return;
    live = new EventSource("/api/chat/events?session_id=" + encodeURIComponent(state.sessionId) + "&after=" + state.lastEventId);
    live.addEventListener("message", onLiveMessage);
    live.addEventListener("state", function (event) { setHuman(JSON.parse(event.data)); });
    live.addEventListener("error", function () {
      // the browser retries a dropped stream by itself, but gives up on an error answer (a 429):
      // try again a little later while a person still has the conversation
      if (live && live.readyState === EventSource.CLOSED) {
        live = null;
        setTimeout(function () { if (STATUS[state.human.mode]) openLive(); }, LIVE_RETRY_MS);
      }
    });
  }

  leaveButton.addEventListener("click", function () {
    leaveButton.disabled = true;
    postJson("/api/chat/leave", { session_id: state.sessionId })
      .then(function (result) {
        if (!result.ok) {
          add({ kind: "note", text: errorMessage(result.data) });
        } else if (live) {
          // the stream brings what leaving says (the note, the request for stars) and then the state;
          // closed now it would lose them. Without a state from it in a while, the answer's is taken.
          setTimeout(function () { if (STATUS[state.human.mode]) setHuman(result.data); }, LEAVE_GRACE_MS);
        } else {
          setHuman(result.data);
        }
      })
      .catch(function () { add({ kind: "note", text: NETWORK_ERROR }); })
      .then(function () { leaveButton.disabled = false; });
  });

  function showRegion() {
    regionButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.region === state.region));
    });
  }

  regionButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      if (button.dataset.region === state.region) return;
      state.region = button.dataset.region;
      showRegion();
      add({ kind: "note", text: "已切换到" + REGIONS[state.region] + "医保政策" });
    });
  });

  function autoGrow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 120) + "px";
  }

  input.addEventListener("input", function () {
    sendButton.disabled = waiting || !input.value.trim();
    autoGrow();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || waiting) return;
    input.value = "";
    autoGrow();
    send(text, text);
  });

  showRegion();
  renderAll();
  if (!state.messages.length) add({ kind: "bot", text: WELCOME });
  setHuman(state.human); // a person had the conversation before the reload: listen again
})();

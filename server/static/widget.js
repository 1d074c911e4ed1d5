// The chat widget. Every text from the user or the bot goes into the page through
// textContent, never innerHTML; the session and the transcript live in localStorage.
(function () {
  "use strict";

  var STORE_KEY = "yibao-chat-v1";
  var MAX_KEPT = 200; // messages kept across reloads
  var TIME_GAP_MS = 5 * 60 * 1000; // a time stamp when the conversation pauses this long
  var HANDOFF_NOTE = "已为您转接人工客服，请稍候，客服人员会查看您之前的对话。";
  var NETWORK_ERROR = "网络异常，消息未发送成功，请稍后重试。";
  var WELCOME = "您好，我是医保政策助手，可以为您解答报销比例、异地就医、家庭共济等问题。需要人工服务请输入“转人工”。";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var ICONS = {
    // a medical cross for the assistant, a person for the user
    bot: "M9.5 3h5v6.5H21v5h-6.5V21h-5v-6.5H3v-5h6.5z",
    user: "M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4.4 0-8 2.4-8 5.3V21h16v-1.7c0-2.9-3.6-5.3-8-5.3z",
  };

  var list = document.getElementById("messages");
  var form = document.getElementById("composer");
  var input = document.getElementById("input");
  var sendButton = document.getElementById("send");
  var regionButtons = document.querySelectorAll(".region button");
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
        return saved;
      }
    } catch (e) { /* unreadable storage: start afresh */ }
    return { sessionId: newSessionId(), region: DEFAULT_REGION, messages: [] };
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
    var row = el("div", "msg " + message.kind);
    row.appendChild(avatar(message.kind));
    var body = el("div", "body");
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

  // text goes to the bot; shown (a button's title) is what the user sees as their message
  function send(text, shown) {
    add({ kind: "user", text: shown });
    setWaiting(true);
    var typing = showTyping();
    fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session_id: state.sessionId, text: text, region: state.region }),
    })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        typing.remove();
        if (!result.ok) {
          add({ kind: "note", text: errorMessage(result.data) });
          return;
        }
        result.data.replies.forEach(function (reply) {
          add({ kind: "bot", text: reply.text, buttons: reply.buttons || [], estimate: reply.estimate || null });
        });
        if (result.data.handoff) add({ kind: "note", text: HANDOFF_NOTE, handoff: true });
      })
      .catch(function () {
        typing.remove();
        add({ kind: "note", text: NETWORK_ERROR });
      })
      .then(function () {
        setWaiting(false);
        input.focus();
      });
  }

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
})();

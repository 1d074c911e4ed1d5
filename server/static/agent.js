// The agent workspace. Every text typed by a user, the bot or an agent reaches the page through
// textContent, never innerHTML. Changes carry the session's CSRF token (X-CSRF-Token); the queue and
// the messages of held conversations arrive as server-sent events (/agent/api/events).
(function () {
  "use strict";

  var REASONS = { user_request: "用户要求", not_understood: "多次未理解", low_confidence: "语音未听清" };
  var CHANNELS = { webchat: "网页", hotline: "电话" };
  var SPEAKERS = { user: "用户", bot: "智能助手", agent: "客服", system: "" };
  var KINDS = { out_of_knowledge: "未能回答", clarify: "待澄清", out_of_scope: "超出范围", busy: "系统繁忙" };
  var ORDER_STATUS = { open: "待回电", answered: "已答复", closed: "已办结" };
  var LONG_WAIT_S = 120;

  var $ = function (id) { return document.getElementById(id); };
  var csrf = null;
  var queue = { waiting: [], mine: [] };
  var me = null; // the signed-in agent's work number
  var orders = [];
  var current = null; // the conversation shown: {channel, conversation_id, handoff}
  var shownIds = {}; // message ids in the transcript shown
  var currentOrder = null;
  var events = null;
  var lastEventId = 0;
  var seenWaiting = null; // hand-off ids already in the queue (a new hotline one pops up)
  var unread = {}; // hand-off id -> true: a message arrived while another conversation was shown

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function api(method, url, body) {
    var headers = { "Content-Type": "application/json" };
    if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
    return fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(
          function (data) { return { ok: response.ok, status: response.status, data: data }; },
          function () { return { ok: response.ok, status: response.status, data: null }; }
        );
      });
  }

  function problem(result) {
    return result.data && result.data.error ? result.data.error.message : "网络异常，请稍后重试";
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(iso) { var d = new Date(iso); return pad(d.getHours()) + ":" + pad(d.getMinutes()); }
  function dateTime(iso) { var d = new Date(iso); return (d.getMonth() + 1) + "月" + d.getDate() + "日 " + clock(iso); }
  function waited(iso) {
    var s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
    return s < 60 ? s + "秒" : Math.floor(s / 60) + "分" + pad(s % 60) + "秒";
  }

  // --- signing in and out ------------------------------------------------------------------

  function nextPage() {
    // only a page of this site: a second slash or a backslash after the first leads to another host
    var next = new URLSearchParams(location.search).get("next");
    if (!next || next.charAt(0) !== "/") return null;
    var target = new URL(next, location.origin);
    return target.origin === location.origin ? target.pathname + target.search + target.hash : null;
  }

  function showSignIn() {
    if (events) { events.close(); events = null; }
    $("desk").hidden = true;
    $("sign-in").hidden = false;
    $("work-number").focus();
  }

  function signedIn(session) {
    csrf = session.csrf_token;
    var next = nextPage();
    if (next) { location.href = next; return; }
    me = session.agent.work_number;
    $("me").textContent = "工号 " + session.agent.work_number + " · " + session.agent.name;
    $("sign-in").hidden = true;
    $("desk").hidden = false;
    firstQueue();
    refreshOrders();
    listen();
    var pop = new URLSearchParams(location.search).get("handoff");
    if (pop && /^\d+$/.test(pop)) openHandoff(Number(pop));
  }

  $("sign-in-form").addEventListener("submit", function (event) {
    event.preventDefault();
    $("sign-in-error").textContent = "";
    api("POST", "/agent/api/session", { work_number: $("work-number").value.trim(), password: $("password").value })
      .then(function (result) {
        $("password").value = "";
        if (result.ok) signedIn(result.data);
        else $("sign-in-error").textContent = problem(result);
      })
      .catch(function () { $("sign-in-error").textContent = "网络异常，请稍后重试"; });
  });

  $("sign-out").addEventListener("click", function () {
    // the conversations held go back to the queue: say so before they do
    var held = queue && queue.mine ? queue.mine.length : 0;
    if (held && !confirm("您还有 " + held + " 个会话在接待中。退出后它们会回到排队队列，由其他客服接入。确定退出吗？")) return;
    api("POST", "/agent/api/session/end").then(showSignIn, showSignIn);
  });

  // --- the queue ---------------------------------------------------------------------------

  function handoffCard(card, mine) {
    var item = el("li", "card");
    item.dataset.handoff = card.id;
    if (current && current.handoff && current.handoff.id === card.id) item.classList.add("active");
    if (unread[card.id]) item.classList.add("fresh");
    var meta = el("div", "meta");
    meta.appendChild(el("span", "channel " + card.channel, CHANNELS[card.channel] || card.channel));
    meta.appendChild(el("span", null, REASONS[card.reason] || card.reason));
    var wait = el("span", "wait", mine ? "接入于 " + clock(card.claimed_at) : "等待 " + waited(card.created_at));
    if (!mine) wait.dataset.since = card.created_at;
    meta.appendChild(wait);
    item.appendChild(meta);
    item.appendChild(el("p", "question", card.summary.split("\n")[0].replace(/^问题：/, "")));
    item.addEventListener("click", function () { openConversation(card.channel, card.conversation_id, card); });
    return item;
  }

  function renderQueue(data) {
    queue = data;
    $("presence").textContent = "在线客服 " + data.agents_present + " 人";
    $("count-waiting").textContent = data.waiting.length;
    $("count-mine").textContent = data.mine.length;
    $("count-orders").textContent = data.open_work_orders + (data.overdue_work_orders ? "（超时" + data.overdue_work_orders + "）" : "");
    var waiting = $("list-waiting"), mine = $("list-mine");
    waiting.textContent = "";
    mine.textContent = "";
    data.waiting.forEach(function (card) { waiting.appendChild(handoffCard(card, false)); });
    data.mine.forEach(function (card) { mine.appendChild(handoffCard(card, true)); });
    if (!data.waiting.length) waiting.appendChild(el("li", "placeholder", "暂无排队"));
    if (!data.mine.length) mine.appendChild(el("li", "placeholder", "暂无接入的会话"));
    var newCalls = data.waiting.filter(function (card) {
      return seenWaiting && !seenWaiting[card.id] && card.channel === "hotline";
    });
    seenWaiting = {};
    data.waiting.forEach(function (card) { seenWaiting[card.id] = true; });
    if (newCalls.length) popCall(newCalls[newCalls.length - 1]);
    document.title = (data.waiting.length ? "(" + data.waiting.length + ") " : "") + "医保坐席工作台";
    if (current && current.handoff) {
      var still = data.waiting.concat(data.mine).filter(function (c) { return c.id === current.handoff.id; })[0];
      if (still && still.status !== current.handoff.status) openConversation(current.channel, current.conversation_id, still);
    }
  }

  function refreshQueue() {
    return api("GET", "/agent/api/queue").then(function (result) {
      if (result.status === 401) showSignIn();
      else if (result.ok) renderQueue(result.data);
    });
  }

  // back at the desk with conversations still held (a reload, a new sign-in): show them first
  function firstQueue() {
    refreshQueue().then(function () { if (queue.mine.length) selectTab("mine"); });
  }

  setInterval(function () {
    document.querySelectorAll(".wait[data-since]").forEach(function (node) {
      node.textContent = "等待 " + waited(node.dataset.since);
      node.classList.toggle("long", (Date.now() - new Date(node.dataset.since).getTime()) / 1000 > LONG_WAIT_S);
    });
  }, 1000);

  // a hand-off of a phone call: its summary pops up (the call is being transferred)
  function popCall(card) {
    $("pop-summary").textContent = card.summary;
    $("pop").hidden = false;
    $("pop-open").onclick = function () {
      $("pop").hidden = true;
      openConversation(card.channel, card.conversation_id, card);
    };
  }
  $("pop-dismiss").addEventListener("click", function () { $("pop").hidden = true; });

  function openHandoff(id) {
    api("GET", "/agent/api/handoffs/" + id).then(function (result) {
      if (result.ok) openConversation(result.data.channel, result.data.conversation_id, result.data);
    });
  }

  // --- tabs --------------------------------------------------------------------------------

  function selectTab(name) {
    document.querySelectorAll(".tabs button").forEach(function (tab) {
      tab.setAttribute("aria-selected", String(tab.dataset.tab === name));
      $("list-" + tab.dataset.tab).hidden = tab.dataset.tab !== name;
    });
    if (name === "orders") refreshOrders();
  }

  document.querySelectorAll(".tabs button").forEach(function (tab) {
    tab.addEventListener("click", function () { selectTab(tab.dataset.tab); });
  });

  // --- a conversation ----------------------------------------------------------------------

  function line(message) {
    if (shownIds[message.id]) return;
    shownIds[message.id] = true;
    var item = el("li", "line " + message.speaker);
    var bubble = el("div", "bubble");
    var who = message.speaker === "agent" ? "客服 " + (message.agent || "") : SPEAKERS[message.speaker];
    if (who) {
      var label = el("span", "who", who + " · " + clock(message.created_at));
      if (message.speaker === "user" && KINDS[message.kind]) label.appendChild(el("span", "kind", KINDS[message.kind]));
      bubble.appendChild(label);
    }
    bubble.appendChild(document.createTextNode(message.text));
    if (message.buttons && message.buttons.length) {
      bubble.appendChild(el("span", "who", "选项：" + message.buttons.map(function (b) { return b.title; }).join(" / ")));
    }
    item.appendChild(bubble);
    var list = $("transcript");
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  }

  function showActions(handoff) {
    var mine = handoff && handoff.status === "claimed" && queue.mine.some(function (c) { return c.id === handoff.id; });
    $("claim").hidden = !(handoff && handoff.status === "waiting");
    // the user ended a chat this agent held before they closed it: the resolution note is still theirs
    var unnoted = !!handoff && handoff.status === "closed" && handoff.outcome === "user_left" &&
      !handoff.resolution && handoff.claimed_by === me;
    $("hand-back").hidden = !mine;
    $("close").hidden = !(mine || unnoted);
    $("close").textContent = unnoted ? "记录处理结果" : "结束并记录";
    $("resolve-submit").textContent = unnoted ? "保存处理结果" : "结束会话";
    $("reply").hidden = !(mine && handoff.channel === "webchat");
    if (!mine && !unnoted) $("resolve").hidden = true;
  }

  function stateText(handoff) {
    if (!handoff) return "智能助手接待中";
    if (handoff.status === "waiting") return "排队中 · " + (REASONS[handoff.reason] || handoff.reason) + " · 已等待 " + waited(handoff.created_at);
    if (handoff.status === "claimed") return "客服 " + handoff.claimed_by + " 接待中" + (handoff.channel === "hotline" ? "（电话）" : "");
    return "已结束" + (handoff.resolution ? " · 处理结果：" + handoff.resolution : "");
  }

  // note: said in place of an error once the conversation is shown again (an action that came too late)
  function openConversation(channel, conversationId, handoff, note) {
    delete unread[handoff ? handoff.id : -1];
    api("GET", "/agent/api/conversations/" + channel + "/" + encodeURIComponent(conversationId)).then(function (result) {
      if (result.status === 401) { showSignIn(); return; }
      if (!result.ok) { $("conv-error").textContent = problem(result); return; }
      var data = result.data;
      var open = handoff || data.handoffs.filter(function (h) { return h.status !== "closed"; })[0] || data.handoffs[0] || null;
      current = { channel: channel, conversation_id: conversationId, handoff: open };
      currentOrder = null;
      $("placeholder").hidden = true;
      $("order").hidden = true;
      $("conversation").hidden = false;
      $("conv-title").textContent = (CHANNELS[channel] || channel) + "会话 " + conversationId;
      $("conv-state").textContent = stateText(open);
      $("conv-summary").textContent = open ? open.summary : "";
      $("conv-summary").hidden = !open;
      $("conv-error").textContent = note || "";
      $("transcript").textContent = "";
      shownIds = {};
      data.messages.forEach(line);
      showActions(open);
      document.querySelectorAll(".card").forEach(function (card) {
        card.classList.toggle("active", !!open && card.dataset.handoff === String(open.id));
      });
    });
  }

  function act(url, body) {
    $("conv-error").textContent = "";
    return api("POST", url, body).then(function (result) {
      if (!result.ok) $("conv-error").textContent = problem(result);
      // taken by another agent, ended by the user, handed to the queue: show it as it is now, so the
      // buttons offered are the ones that still work
      if (result.status === 409 && current) showAsItIsNow(problem(result));
      return result;
    });
  }

  // the conversation shown changed meanwhile: the queue and that conversation read again, with `note`
  function showAsItIsNow(note) {
    var shown = current;
    refreshQueue().then(function () { openConversation(shown.channel, shown.conversation_id, null, note); });
  }

  $("claim").addEventListener("click", function () {
    act("/agent/api/handoffs/" + current.handoff.id + "/claim").then(function (result) {
      refreshQueue().then(function () {
        if (result.ok) {
          selectTab("mine");
          openConversation(current.channel, current.conversation_id, result.data);
        }
      });
      if (result.ok) $("reply-text").focus();
    });
  });

  $("hand-back").addEventListener("click", function () {
    act("/agent/api/handoffs/" + current.handoff.id + "/hand-back").then(function (result) {
      if (result.ok) { current.handoff = result.data; refreshQueue(); openConversation(current.channel, current.conversation_id, result.data); }
    });
  });

  $("close").addEventListener("click", function () { $("resolve").hidden = false; $("resolution").focus(); });
  $("resolve-cancel").addEventListener("click", function () { $("resolve").hidden = true; });
  $("resolve").addEventListener("submit", function (event) {
    event.preventDefault();
    act("/agent/api/handoffs/" + current.handoff.id + "/close", { resolution: $("resolution").value }).then(function (result) {
      if (result.ok) {
        $("resolution").value = "";
        $("resolve").hidden = true;
        refreshQueue();
        openConversation(current.channel, current.conversation_id, result.data);
      }
    });
  });

  $("reply").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $("reply-text").value.trim();
    if (!text) return;
    act("/agent/api/handoffs/" + current.handoff.id + "/messages", { text: text }).then(function (result) {
      if (result.ok) { $("reply-text").value = ""; line(result.data); }
    });
  });

  $("reply-text").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("reply").requestSubmit();
    }
  });

  // --- live events -------------------------------------------------------------------------

  function listen() {
    if (events) events.close();
    events = new EventSource("/agent/api/events?after=" + lastEventId);
    events.addEventListener("queue", function (event) { renderQueue(JSON.parse(event.data)); });
    events.addEventListener("message", function (event) {
      var message = JSON.parse(event.data);
      lastEventId = Math.max(lastEventId, message.id);
      var here = current && current.handoff && current.handoff.id === message.handoff_id;
      if (here) line(message);
      else if (message.handoff_id) {
        unread[message.handoff_id] = true;
        var card = document.querySelector('.card[data-handoff="' + message.handoff_id + '"]');
        if (card) card.classList.add("fresh");
      }
      if (message.event === "user_left") {
        // the conversation shown has ended: its buttons as they now are (a note can still be recorded)
        if (here) showAsItIsNow(null);
        else refreshQueue();
      }
    });
    events.addEventListener("signed_out", showSignIn);
    events.addEventListener("error", function () {
      // a dropped stream is retried by the browser; an error answer is not: check the session, listen again
      if (events && events.readyState === EventSource.CLOSED) {
        events = null;
        setTimeout(function () {
          api("GET", "/agent/api/session").then(function (result) {
            if (result.ok) listen();
            else showSignIn();
          });
        }, 5000);
      }
    });
  }

  // --- work orders -------------------------------------------------------------------------

  function orderCard(order) {
    var item = el("li", "card" + (order.overdue ? " overdue" : ""));
    var meta = el("div", "meta");
    meta.appendChild(el("span", "channel " + order.channel, order.ticket));
    meta.appendChild(el("span", "status", ORDER_STATUS[order.status]));
    meta.appendChild(el("span", "wait", (order.overdue ? "已超时 " : "期限 ") + dateTime(order.due_at)));
    item.appendChild(meta);
    item.appendChild(el("p", "question", order.question));
    item.addEventListener("click", function () { openOrder(order); });
    return item;
  }

  function refreshOrders() {
    return api("GET", "/agent/api/work-orders?status=pending").then(function (result) {
      if (!result.ok) return;
      orders = result.data;
      var list = $("list-orders");
      list.textContent = "";
      orders.forEach(function (order) { list.appendChild(orderCard(order)); });
      if (!orders.length) list.appendChild(el("li", "placeholder", "暂无待办工单"));
    });
  }

  function fact(list, name, value) {
    list.appendChild(el("dt", null, name));
    list.appendChild(el("dd", null, value));
  }

  function openOrder(order) {
    currentOrder = order;
    current = null;
    $("placeholder").hidden = true;
    $("conversation").hidden = true;
    $("order").hidden = false;
    $("order-title").textContent = "工单 " + order.ticket + " · " + ORDER_STATUS[order.status];
    var facts = $("order-facts");
    facts.textContent = "";
    fact(facts, "问题", order.question);
    fact(facts, "回电号码", order.phone);
    fact(facts, "渠道", CHANNELS[order.channel] || order.channel);
    fact(facts, "登记时间", dateTime(order.created_at));
    fact(facts, "承诺期限", dateTime(order.due_at) + (order.overdue ? "（已超时）" : ""));
    if (order.answer) fact(facts, "答复", order.answer + "（客服 " + (order.answered_by || "") + "）");
    $("order-answer-text").value = "";
    $("order-error").textContent = "";
    $("order-conversation").onclick = function (event) {
      event.preventDefault();
      openConversation(order.channel, order.conversation_id, null);
    };
  }

  function orderAction(url, body) {
    api("POST", url, body).then(function (result) {
      if (!result.ok) { $("order-error").textContent = problem(result); return; }
      refreshOrders();
      refreshQueue();
      openOrder(result.data);
    });
  }

  $("order-answer").addEventListener("submit", function (event) {
    event.preventDefault();
    orderAction("/agent/api/work-orders/" + currentOrder.id + "/answer", { answer: $("order-answer-text").value });
  });
  $("order-close").addEventListener("submit", function (event) {
    event.preventDefault();
    orderAction("/agent/api/work-orders/" + currentOrder.id + "/close", { note: $("order-close-note").value || null });
  });

  // --- start ---------------------------------------------------------------------------------

  api("GET", "/agent/api/session").then(function (result) {
    if (result.ok) signedIn(result.data);
    else showSignIn();
  }, showSignIn);
})();

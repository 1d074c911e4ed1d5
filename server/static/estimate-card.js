// The estimate card: the personal pay large, a stacked bar of who pays what, the assumptions
// sentence, the sources, and the calculation folded. It draws the `estimate` object of a chat
// reply (server/models.py EstimateCardOut); every text goes in through textContent.
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // "13050.00" → "13,050.00元"
  function yuan(amount) {
    var parts = String(amount).split(".");
    return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + (parts[1] || "00") + "元";
  }

  function bar(card) {
    var total = parseFloat(card.total) || 0;
    var box = el("div", "estimate-bar");
    box.setAttribute("role", "img");
    box.setAttribute("aria-label", card.shares.map(function (s) { return s.payer + yuan(s.amount); }).join("，"));
    card.shares.forEach(function (share) {
      var part = el("span", "estimate-bar-part part-" + share.part);
      part.style.flexGrow = total ? String(parseFloat(share.amount) / total) : "1";
      box.appendChild(part);
    });
    return box;
  }

  function legend(card) {
    var list = el("ul", "estimate-legend");
    card.shares.forEach(function (share) {
      var item = el("li", "part-" + share.part);
      item.appendChild(el("span", "swatch"));
      item.appendChild(el("span", "payer", share.payer));
      item.appendChild(el("span", "amount", yuan(share.amount)));
      list.appendChild(item);
    });
    return list;
  }

  function details(card) {
    var fold = el("details", "estimate-details");
    fold.appendChild(el("summary", null, "计算明细"));
    fold.appendChild(el("p", "estimate-policy", "按" + card.policy));
    var steps = el("ol", "estimate-steps");
    card.steps.forEach(function (step) {
      var item = el("li");
      item.appendChild(el("span", "step-label", step.label));
      item.appendChild(el("span", "step-amount", yuan(step.amount)));
      item.appendChild(el("span", "step-rule", step.rule));
      steps.appendChild(item);
    });
    fold.appendChild(steps);
    card.notes.forEach(function (note) { fold.appendChild(el("p", "estimate-note", note)); });
    return fold;
  }

  function render(card) {
    var box = el("section", "estimate-card");
    box.setAttribute("aria-label", "费用估算");
    box.appendChild(el("div", "estimate-label", "预计您自己要付"));
    box.appendChild(el("div", "estimate-amount", yuan(card.personal_pay)));
    if (card.compared) box.appendChild(el("p", "estimate-compared", card.compared));
    box.appendChild(el("div", "estimate-situation", card.situation + " · 总费用" + yuan(card.total)));
    box.appendChild(bar(card));
    box.appendChild(legend(card));
    if (card.assumptions) box.appendChild(el("p", "estimate-assumptions", card.assumptions));
    if (card.sources.length) {
      box.appendChild(el("p", "estimate-sources", "依据：" + card.sources.map(function (s) {
        return "《" + s.title + "》（" + s.date + "）";
      }).join("、")));
    }
    box.appendChild(details(card));
    return box;
  }

  window.EstimateCard = { render: render };
})();

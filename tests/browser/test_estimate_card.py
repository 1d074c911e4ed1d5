"""The estimate card in a real headless Chromium: amount large, who pays what as a stacked bar, details folded.

A fake Rasa answers with what action_estimate_cost sends for one bill (the real engine's figures);
the phone-width screenshot is the one the README shows (docs/estimate-card-phone.png).
"""
import json
import threading
from collections.abc import Iterator
from decimal import Decimal
from http.server import ThreadingHTTPServer

import pytest
from browser_fixtures import SCREENSHOTS, FakeRasa, Gateway, gateway_settings
from playwright.sync_api import Browser, Page, expect

from knowledge.cost.card import estimate_card
from knowledge.cost.engine import estimate
from knowledge.cost.render import render_chat
from knowledge.cost.request import EstimateInput

DEFAULTS = ["policy", "offsite"]
# An employee's costly stay with 低保 assistance: four payers, so every colour of the bar shows.
BILL = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(200000), group="低保"))


# What a what-if ("要是…呢") changed: the estimate before it had the person pay this much more.
PAID_BEFORE = BILL.personal_pay + Decimal(500)


class EstimatingRasa(FakeRasa):
    """Answers every message with the estimate reply of BILL, as action_estimate_cost sends it (or, to a
    what-if, as action_change_fact does: compared with PAID_BEFORE)."""

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        if "/tracker/events" in self.path:
            self.rfile.read(length)
            self._json(200, {})
            return
        before = PAID_BEFORE if "要是" in json.loads(self.rfile.read(length))["message"] else None
        self._json(200, [
            {"text": render_chat(BILL, DEFAULTS, before), "buttons": [{"title": "查看明细", "payload": "/ask_details"}]},
            {"custom": {"meta": {"kind": "estimate", "amount": f"{BILL.personal_pay:.2f}"},
                        "estimate": estimate_card(BILL, DEFAULTS, before)}},
        ])


@pytest.fixture(scope="module")
def gateway_url(tmp_path_factory) -> Iterator[str]:
    rasa = ThreadingHTTPServer(("127.0.0.1", 0), EstimatingRasa)
    threading.Thread(target=rasa.serve_forever, daemon=True).start()
    rasa_url = f"http://127.0.0.1:{rasa.server_address[1]}"
    gateway = Gateway(gateway_settings(rasa_url, tmp_path_factory.mktemp("gateway") / "gateway.db")).start()
    yield gateway.url
    gateway.stop()
    rasa.shutdown()


@pytest.fixture
def phone(browser: Browser, gateway_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN", device_scale_factor=2)
    page = context.new_page()
    page.goto(gateway_url + "/")
    yield page
    context.close()


def ask_for_an_estimate(page: Page) -> None:
    page.fill("#input", "在职职工 三级医院住院花了二十万 我是低保 自己出多少")
    page.click("#send")
    expect(page.locator(".estimate-card")).to_be_visible()


def test_the_card_shows_the_amount_large_and_who_pays_what(phone: Page):
    ask_for_an_estimate(phone)
    card = phone.locator(".estimate-card")
    expect(card.locator(".estimate-amount")).to_have_text(f"{BILL.personal_pay:,.2f}元")
    amount_size = card.locator(".estimate-amount").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert amount_size >= 28
    expect(card.locator(".estimate-legend li .payer")).to_have_text(["统筹基金", "大病保险", "医疗救助", "您自己"])
    # the stacked bar: one part per payer, widths in proportion to the amounts
    parts = card.locator(".estimate-bar-part")
    expect(parts).to_have_count(4)
    widths = [parts.nth(i).bounding_box()["width"] for i in range(4)]
    bar_width = card.locator(".estimate-bar").bounding_box()["width"]
    fund_share = float(BILL.fund_pay / BILL.request.total)
    assert widths[0] / bar_width == pytest.approx(fund_share, abs=0.02)
    expect(card.locator(".estimate-assumptions")).to_contain_text("没说到的按常见情况算")
    expect(card.locator(".estimate-sources")).to_contain_text("《我市医保门诊待遇标准连升让群众获得感更足》（约2022年12月）")
    assert ".txt" not in card.inner_text() and "binzhou-" not in card.inner_text()
    # the card fits the phone's width
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "estimate-card-phone.png"))


def test_a_what_if_card_says_how_the_pay_differs_from_the_estimate_before(phone: Page):
    ask_for_an_estimate(phone)
    expect(phone.locator(".estimate-card .estimate-compared")).to_have_count(0)  # a first estimate: nothing to compare
    phone.fill("#input", "那要是在二级医院住的呢")
    phone.click("#send")
    expect(phone.locator(".estimate-card")).to_have_count(2)
    expect(phone.locator(".estimate-card").nth(1).locator(".estimate-compared")).to_have_text("比刚才的估算少付500.00元。")


def test_the_steps_are_folded_until_asked_for(phone: Page):
    ask_for_an_estimate(phone)
    steps = phone.locator(".estimate-card .estimate-steps")
    expect(steps).to_be_hidden()
    phone.click(".estimate-card summary")
    expect(steps).to_be_visible()
    expect(steps.locator(".step-label")).to_have_text([step.label_zh for step in BILL.steps])
    expect(phone.locator(".quick-replies button")).to_have_text(["查看明细"])


def test_the_card_survives_a_reload(phone: Page):
    ask_for_an_estimate(phone)
    phone.reload()
    expect(phone.locator(".estimate-card .estimate-amount")).to_have_text(f"{BILL.personal_pay:,.2f}元")

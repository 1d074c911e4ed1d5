"""The estimate card in a real headless Chromium: amount large, who pays what as a stacked bar, details folded.

A fake Rasa answers with what action_estimate_cost sends for one bill (the real engine's figures);
the phone-width screenshot is the one the README shows (docs/estimate-card-phone.png).
"""
import json
import time
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from serving import gateway_in_front_of

from knowledge.cost.card import estimate_card
from knowledge.cost.engine import estimate
from knowledge.cost.render import render_chat
from knowledge.cost.request import EstimateInput

DOCS = Path(__file__).resolve().parents[2] / "docs"
DEFAULTS = ["policy", "offsite"]
# An employee's costly stay with 低保 assistance: four payers, so every colour of the bar shows.
BILL = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(200000), group="低保"))


class EstimatingRasa(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def _json(self, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._json({"status": "ok"})

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        if "/tracker/events" in self.path:
            self._json({})
            return
        time.sleep(0.2)
        self._json([
            {"text": render_chat(BILL, DEFAULTS), "buttons": [{"title": "查看明细", "payload": "/ask_details"}]},
            {"custom": {"meta": {"kind": "estimate", "amount": f"{BILL.personal_pay:.2f}"},
                        "estimate": estimate_card(BILL, DEFAULTS)}},
        ])


@pytest.fixture(scope="module")
def gateway_url(tmp_path_factory) -> Iterator[str]:
    with gateway_in_front_of(EstimatingRasa, tmp_path_factory.mktemp("gateway")) as url:
        yield url


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
    expect(card.locator(".estimate-sources")).to_contain_text("《我市医保门诊待遇标准连升让群众获得感更足》（2022年12月）")
    assert ".txt" not in card.inner_text() and "binzhou-" not in card.inner_text()
    # the card fits the phone's width
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    DOCS.mkdir(exist_ok=True)
    phone.screenshot(path=str(DOCS / "estimate-card-phone.png"))


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

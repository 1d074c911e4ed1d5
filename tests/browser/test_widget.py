"""The chat widget in a real headless Chromium, against the gateway and a tiny fake Rasa.

Both servers run in this process on free loopback ports. Screenshots go to reports/screenshots/.
"""
import re
from collections.abc import Iterator

import pytest
from browser_fixtures import (
    SCREENSHOTS,
    FakeRasa,
    Gateway,
    answer_to,
    gateway_settings,
    put_agent_on_duty,
    start_fake_rasa,
)
from playwright.sync_api import Browser, Page, expect

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
USER_GREEN = "rgb(149, 236, 105)"


@pytest.fixture(scope="module")
def gateway_url(tmp_path_factory) -> Iterator[str]:
    rasa, rasa_url = start_fake_rasa()
    settings = gateway_settings(rasa_url, tmp_path_factory.mktemp("gateway") / "gateway.db")
    gateway = Gateway(settings).start()
    put_agent_on_duty(settings)  # so that 转人工 is queued (nobody there: a work order is offered)
    yield gateway.url
    gateway.stop()
    rasa.shutdown()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def page(request, browser: Browser, gateway_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=request.param, locale="zh-CN")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    page.goto(gateway_url + "/")
    yield page
    context.close()


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(SCREENSHOTS / f"widget-{name}-{width}px.png"))


def _send(page: Page, text: str) -> None:
    page.fill("#input", text)
    page.click("#send")


def user_bubbles(page: Page):
    return page.locator(".msg.user .bubble")


def bot_bubbles(page: Page):
    return page.locator(".msg.bot:not(.typing) .bubble")


def test_question_answer_and_quick_reply(page: Page):
    expect(bot_bubbles(page).first).to_contain_text("医保政策助手")  # the welcome
    expect(page.locator("#send")).to_be_disabled()
    _send(page, "住院怎么报销")
    expect(user_bubbles(page).last).to_have_text("住院怎么报销")
    expect(page.locator(".typing")).to_be_visible()
    expect(bot_bubbles(page).last).to_have_text(answer_to("住院怎么报销"))
    expect(page.locator(".typing")).to_have_count(0)
    expect(page.locator(".time").first).to_have_text(re.compile(r"^\d{2}:\d{2}$"))
    buttons = page.locator(".quick-replies button")
    expect(buttons).to_have_text(["职工", "居民"])
    _shot(page, "answer")

    # WeChat layout: the user's green bubble on the right, the bot's white bubble on the left
    user_box, bot_box = user_bubbles(page).last.bounding_box(), bot_bubbles(page).last.bounding_box()
    assert user_box["x"] > bot_box["x"] + bot_box["width"] / 2
    assert user_bubbles(page).last.evaluate("e => getComputedStyle(e).backgroundColor") == USER_GREEN
    assert bot_bubbles(page).last.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
    composer = page.locator("#composer").bounding_box()
    assert composer["y"] + composer["height"] == pytest.approx(page.viewport_size["height"], abs=30)

    buttons.first.click()
    expect(user_bubbles(page).last).to_have_text("职工")
    expect(bot_bubbles(page).last).to_have_text("职工住院报销比例：三级医院85%。")
    expect(buttons.first).to_be_disabled()
    assert "/choose_employee" not in page.locator("#messages").inner_text()
    assert FakeRasa.messages[-1]["message"] == "/choose_employee"
    _shot(page, "quick-reply")


def test_html_is_shown_as_text(page: Page):
    attack = "<img src=x onerror=alert(1)>"
    _send(page, attack)
    expect(user_bubbles(page).last).to_have_text(attack)
    expect(bot_bubbles(page).last).to_have_text(answer_to(attack))
    assert page.locator("#messages img").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_transcript_and_session_survive_a_reload(page: Page):
    _send(page, "异地就医备案")
    expect(bot_bubbles(page).last).to_have_text(answer_to("异地就医备案"))
    before = page.locator("#messages .bubble").all_inner_texts()
    first_sender = FakeRasa.messages[-1]["sender"]
    page.reload()
    expect(page.locator("#messages .bubble")).to_have_text(before)
    _send(page, "门诊慢特病")
    expect(bot_bubbles(page).last).to_have_text(answer_to("门诊慢特病"))
    assert FakeRasa.messages[-1]["sender"] == first_sender and first_sender.startswith("web:")
    _shot(page, "after-reload")


def test_region_switch_is_sent(page: Page):
    page.click(".region button[data-region=wuhai]")
    expect(page.locator(".region button[data-region=wuhai]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".note").last).to_have_text("已切换到乌海医保政策")
    _send(page, "家庭共济")
    expect(bot_bubbles(page).last).to_have_text(answer_to("家庭共济"))
    assert FakeRasa.messages[-1]["metadata"] == {"region": "wuhai"}


def test_handoff_is_announced(page: Page):
    _send(page, "转人工")
    expect(page.locator(".note.handoff")).to_contain_text("已为您转接人工客服")
    _shot(page, "handoff")

"""A person takes over, in real headless Chromium: the user in the widget and agents in /agent, on two
pages (and a third for a second agent); the gateway restarted mid-chat; the operator report.

Screenshots of the workspace and the report at laptop width go to docs/ (the README shows them)."""
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from browser_fixtures import (
    SCREENSHOTS,
    FakeRasa,
    Gateway,
    add_agent,
    answer_to,
    gateway_settings,
    start_fake_rasa,
)
from playwright.sync_api import Browser, BrowserContext, Page, expect

from server.store.database import open_database
from server.store.handoffs import AFTER_HOURS, NO_AGENT, HandoffStore
from server.store.ratings import RatingStore
from server.store.schema import rating, utc_now
from server.store.transcripts import NewMessage, TranscriptStore

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 780}
PASSWORD = "browser-test-password"
ATTACK = "<script>alert('xss')</script><img src=x onerror=alert(2)>我的医保卡丢了"


@pytest.fixture(scope="module")
def fake_rasa() -> Iterator[str]:
    rasa, url = start_fake_rasa()
    yield url
    rasa.shutdown()


@pytest.fixture
def gateway(fake_rasa, tmp_path) -> Iterator[Gateway]:
    settings = gateway_settings(fake_rasa, tmp_path / "gateway.db")
    add_agent(settings, "1001", PASSWORD, "张三")
    add_agent(settings, "1002", PASSWORD, "李四")
    gateway = Gateway(settings).start()
    yield gateway
    gateway.stop()


def open_page(browser: Browser, url: str, viewport: dict) -> Page:
    context: BrowserContext = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    dialogs: list[str] = []
    # a dialog is declined unless a test says to accept the next ones (page.accepting)
    page.accepting = False  # type: ignore[attr-defined]
    page.on(
        "dialog",
        lambda dialog: (dialogs.append(dialog.message), dialog.accept() if page.accepting else dialog.dismiss()),  # type: ignore[attr-defined]
    )
    page.dialogs = dialogs  # type: ignore[attr-defined]
    page.goto(url)
    return page


def sign_in(page: Page, work_number: str) -> None:
    page.fill("#work-number", work_number)
    page.fill("#password", PASSWORD)
    page.click("#sign-in-form button[type=submit]")
    expect(page.locator("#me")).to_contain_text(f"工号 {work_number}")


def say(widget: Page, text: str) -> None:
    widget.fill("#input", text)
    widget.click("#send")


def test_user_and_agent_talk_both_ways_and_the_assistant_takes_over_again(browser, gateway):
    widget = open_page(browser, gateway.url + "/", PHONE)
    agent = open_page(browser, gateway.url + "/agent", LAPTOP)
    sign_in(agent, "1001")
    expect(agent.locator("#presence")).to_have_text("在线客服 1 人")

    say(widget, "职工住院怎么报销")
    expect(widget.locator(".msg.bot .bubble").last).to_have_text(answer_to("职工住院怎么报销"))
    say(widget, "转人工")
    expect(widget.locator("#human-status")).to_have_text("正在为您转接人工客服，您排在第1位")
    say(widget, ATTACK)

    card = agent.locator("#list-waiting .card")
    expect(card).to_have_count(1)
    expect(card.locator(".channel")).to_have_text("网页")
    expect(card.locator(".question")).to_have_text("职工住院怎么报销")
    expect(card.locator(".wait")).to_contain_text("等待")
    card.click()
    expect(agent.locator("#conv-summary")).to_contain_text("问题：职工住院怎么报销")
    agent.click("#claim")
    expect(agent.locator("#reply")).to_be_visible()
    # the user's message, as typed, is text in the agent's page: no element, no script ran
    expect(agent.locator("#transcript .line.user .bubble").last).to_contain_text(ATTACK)
    assert agent.locator("#transcript script, #transcript img").count() == 0

    expect(widget.locator("#human-status")).to_have_text("人工客服 1001 号为您服务")
    expect(widget.locator(".note").last).to_have_text("人工客服1001号为您服务。")
    agent.fill("#reply-text", "您好，我是1001号客服，补办医保卡请带身份证到服务大厅。")
    agent.press("#reply-text", "Enter")
    agent_bubble = widget.locator(".msg.agent").last
    expect(agent_bubble.locator(".bubble")).to_have_text("您好，我是1001号客服，补办医保卡请带身份证到服务大厅。")
    expect(agent_bubble.locator(".label")).to_have_text("人工客服 1001")

    asked_bot = len(FakeRasa.messages)
    say(widget, "好的，谢谢，还要带什么？")
    expect(agent.locator("#transcript .line.user .bubble").last).to_contain_text("好的，谢谢，还要带什么？")
    assert len(FakeRasa.messages) == asked_bot  # the held user's messages never went to the bot

    # a second agent is not offered the claimed conversation
    other = open_page(browser, gateway.url + "/agent", LAPTOP)
    sign_in(other, "1002")
    expect(other.locator("#count-waiting")).to_have_text("0")
    expect(other.locator("#list-waiting .card")).to_have_count(0)
    expect(other.locator("#list-mine .card")).to_have_count(0)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    agent.screenshot(path=str(SCREENSHOTS / "agent-workspace.png"))

    agent.click("#hand-back")
    expect(widget.locator(".note").last).to_have_text("人工客服已结束服务，接下来由智能助手继续为您解答。")
    expect(widget.locator("#human-bar")).to_be_hidden()
    say(widget, "门诊慢特病怎么申请")
    expect(widget.locator(".msg.bot .bubble").last).to_have_text(answer_to("门诊慢特病怎么申请"))
    assert FakeRasa.messages[-1]["message"] == "门诊慢特病怎么申请"
    assert widget.dialogs == [] and agent.dialogs == []  # type: ignore[attr-defined]


def with_an_agent(browser: Browser, gateway: Gateway, work_number: str) -> tuple[Page, Page]:
    """A user in the widget who asked for a person, and the agent who took the conversation."""
    widget = open_page(browser, gateway.url + "/", PHONE)
    agent = open_page(browser, gateway.url + "/agent", LAPTOP)
    sign_in(agent, work_number)
    say(widget, "转人工")
    agent.locator("#list-waiting .card").click()
    agent.click("#claim")
    expect(widget.locator("#human-status")).to_have_text(f"人工客服 {work_number} 号为您服务")
    return widget, agent


def test_closing_asks_the_user_for_stars(browser, gateway):
    widget, agent = with_an_agent(browser, gateway, "1002")
    agent.click("#close")
    agent.fill("#resolution", "已告知补卡所需材料")
    agent.click("#resolve button[type=submit]")
    rating = widget.locator(".rating")
    expect(rating).to_be_visible()
    rating.locator("button[aria-label='4星']").click()
    expect(rating.locator(".stars button[aria-pressed=true]")).to_have_count(4)
    rating.locator("textarea").fill("很耐心")
    rating.locator(".submit").click()
    expect(widget.locator(".note").last).to_have_text("感谢您的评价！")
    session_id = widget.evaluate("JSON.parse(localStorage.getItem('yibao-chat-v1')).sessionId")
    [saved] = RatingStore(open_database(gateway.settings.database_url)).for_conversation("webchat", session_id)
    assert (saved.score, saved.comment) == (4, "很耐心")


def test_leaving_the_agents_chat_shows_what_leaving_says_and_asks_for_stars(browser, gateway):
    widget, agent = with_an_agent(browser, gateway, "1001")
    widget.click("#leave")
    # the stream's last messages arrive before the widget stops listening
    expect(widget.locator(".note", has_text="您已结束人工服务")).to_have_count(1)
    expect(widget.locator(".rating")).to_be_visible()
    expect(widget.locator("#human-bar")).to_be_hidden()
    # the agent can no longer reply, but can still record what was done
    expect(agent.locator("#reply")).to_be_hidden()
    expect(agent.locator("#close")).to_have_text("记录处理结果")
    agent.click("#close")
    agent.fill("#resolution", "已说明补卡材料，用户自行离开")
    agent.click("#resolve button[type=submit]")
    expect(agent.locator("#conv-state")).to_have_text("已结束 · 处理结果：已说明补卡材料，用户自行离开")
    expect(agent.locator("#close")).to_be_hidden()


def test_an_agent_signing_out_is_asked_first_and_the_user_waits_for_another(browser, gateway):
    widget, agent = with_an_agent(browser, gateway, "1001")
    agent.click("#sign-out")
    assert agent.dialogs[-1].startswith("您还有 1 个会话在接待中")  # type: ignore[attr-defined]
    expect(agent.locator("#me")).to_contain_text("工号 1001")  # declined: still signed in, still holding it
    agent.accepting = True  # type: ignore[attr-defined]
    agent.click("#sign-out")
    expect(agent.locator("#sign-in-form")).to_be_visible()
    expect(widget.locator(".note", has_text="刚才为您服务的客服已离开")).to_have_count(1)
    expect(widget.locator("#human-status")).to_have_text("正在为您转接人工客服，您排在第1位")
    other = open_page(browser, gateway.url + "/agent", LAPTOP)
    sign_in(other, "1002")
    expect(other.locator("#list-waiting .card")).to_have_count(1)


def test_a_claim_lost_to_another_agent_shows_the_conversation_as_it_now_is(browser, gateway):
    widget = open_page(browser, gateway.url + "/", PHONE)
    first, second = (open_page(browser, gateway.url + "/agent", LAPTOP) for _ in range(2))
    sign_in(first, "1001")
    sign_in(second, "1002")
    say(widget, "转人工")
    for agent in (first, second):
        agent.locator("#list-waiting .card").click()
        expect(agent.locator("#claim")).to_be_visible()
    first.click("#claim")
    expect(first.locator("#reply")).to_be_visible()
    second.click("#claim")  # too late: the page still offered it
    expect(second.locator("#conv-error")).to_contain_text("已被其他客服接入")
    expect(second.locator("#conv-state")).to_have_text("客服 1001 接待中")
    expect(second.locator("#claim")).to_be_hidden()
    expect(second.locator("#reply")).to_be_hidden()


def test_a_gateway_restart_mid_chat_keeps_both_histories(browser, gateway):
    widget = open_page(browser, gateway.url + "/", PHONE)
    agent = open_page(browser, gateway.url + "/agent", LAPTOP)
    sign_in(agent, "1001")
    say(widget, "转人工")
    agent.locator("#list-waiting .card").click()
    agent.click("#claim")
    agent.fill("#reply-text", "重启前的答复")
    agent.press("#reply-text", "Enter")
    expect(widget.locator(".msg.agent .bubble").last).to_have_text("重启前的答复")
    say(widget, "重启前的提问")
    expect(agent.locator("#transcript .line.user .bubble").last).to_contain_text("重启前的提问")

    gateway.stop()
    gateway.start()  # the same port and database: a new process as far as anyone can tell

    widget.reload()
    agent.reload()
    expect(widget.locator("#human-status")).to_have_text("人工客服 1001 号为您服务")
    expect(widget.locator(".msg.agent .bubble")).to_have_text(["重启前的答复"])
    expect(agent.locator("#list-mine .card")).to_have_count(1)
    agent.locator("#list-mine .card").click()
    expect(agent.locator("#transcript .line.user .bubble")).to_contain_text(["转人工", "重启前的提问"])
    expect(agent.locator("#transcript .line.agent .bubble")).to_contain_text(["重启前的答复"])

    # and the chat goes on, both ways
    agent.fill("#reply-text", "重启后的答复")
    agent.press("#reply-text", "Enter")
    expect(widget.locator(".msg.agent .bubble").last).to_have_text("重启后的答复")
    say(widget, "重启后的提问")
    expect(agent.locator("#transcript .line.user .bubble").last).to_contain_text("重启后的提问")


@pytest.mark.parametrize("next_page", ["/%5Cevil.example/phish", "//evil.example/phish", "https://evil.example/"])
def test_signing_in_never_leads_off_the_site(browser, gateway, next_page):
    page = open_page(browser, gateway.url + "/agent?next=" + next_page, LAPTOP)
    page.fill("#work-number", "1001")
    page.fill("#password", PASSWORD)
    page.click("#sign-in-form button[type=submit]")
    expect(page.locator("#desk")).to_be_visible()  # the workspace, on this site
    assert page.url.startswith(gateway.url + "/agent")


def seed_a_month(settings) -> None:
    """A month of conversations, hand-offs and ratings written through the stores, as the gateway would."""
    database = open_database(settings.database_url)
    transcripts, handoffs, ratings = TranscriptStore(database), HandoffStore(database), RatingStore(database)
    asked = [
        ("family_mutual_aid", 9), ("offsite_filing", 7), ("inpatient_employee", 6), ("chronic_application", 4),
        ("e_voucher", 3), ("procurement_pharmacy", 2),
    ]
    for topic, times in asked:
        for n in range(times):
            transcripts.add("webchat", f"{topic}-{n}", [NewMessage("user", "问题", meta={"kind": "answer", "topic": topic})])
    for n, question in enumerate(["医保卡能给宠物看病用吗", "异地生孩子的营养费能报吗", "<b>跨省</b>门诊共济怎么算"]):
        transcripts.add("hotline" if n == 1 else "webchat", f"ook-{n}", [
            NewMessage("user", question, meta={"kind": "out_of_knowledge"}),
            NewMessage("bot", "抱歉，这个问题我还没有可靠的答案。"),
        ])
    transcripts.add("webchat", "clarify-1", [NewMessage("user", "那个报销", meta={"kind": "clarify"})])
    for n, (reason, outcome) in enumerate([("user_request", None), ("user_request", NO_AGENT),
                                            ("not_understood", AFTER_HOURS), ("low_confidence", NO_AGENT)]):
        if outcome:
            handoffs.record_unserved("webchat", f"h-{n}", reason, "问题：…", outcome)
        else:
            handoffs.open("webchat", f"h-{n}", reason, "问题：…")
    for day, scores in enumerate([(5, 4), (4,), (5, 5, 3), (2, 4), (5,), (4, 4, 5), (3, 5)]):
        for n, score in enumerate(scores):
            ratings.add("webchat", f"r-{day}-{n}", "bot", score, "讲得很清楚" if score == 5 and n == 0 else None)
        with database.engine.begin() as db:
            db.execute(rating.update().where(rating.c.conversation_id.like(f"r-{day}-%")).values(
                created_at=utc_now() - timedelta(days=6 - day)))


def test_the_operator_report(browser, gateway):
    seed_a_month(gateway.settings)
    report = open_page(browser, gateway.url + "/ops", LAPTOP)
    expect(report).to_have_url(re.compile(r"/agent\?next=%2Fops$"))  # sign in first
    report.fill("#work-number", "1001")
    report.fill("#password", PASSWORD)
    report.click("#sign-in-form button[type=submit]")
    expect(report).to_have_url(re.compile(r"/ops$"))
    expect(report.locator("h1")).to_have_text("医保助手运营报表")
    expect(report.locator("svg.chart")).to_have_count(3)
    expect(report.locator("svg.chart").nth(1)).to_contain_text("个人账户家庭共济")
    expect(report.get_by_text("<b>跨省</b>门诊共济怎么算")).to_be_visible()  # shown as typed, not as markup
    report.screenshot(path=str(SCREENSHOTS / "ops-report.png"), full_page=True)
    report.locator("a", has_text="查看会话").first.click()
    expect(report.locator(".line.user .text").first).to_have_text("<b>跨省</b>门诊共济怎么算")

"""The operator report against a seeded store: figures, links to conversations, escaping, CSV."""
import csv
import io
from datetime import datetime, timedelta, timezone

import pytest
from gateway_fixtures import agent_desk

from server.ops_report import build_report
from server.store.handoffs import NO_AGENT
from server.store.schema import handoff, rating
from server.store.transcripts import NewMessage

ATTACK = "<script>alert('ops')</script>火星医保"


def turn(stores, conversation_id, text, kind, topic=None, channel="webchat"):
    stores.transcripts.add(channel, conversation_id, [
        NewMessage("user", text, meta={"kind": kind, "topic": topic, "offered": [], "amount": None}),
        NewMessage("bot", f"回复：{text}"),
    ])


@pytest.fixture
def seeded(client):
    stores = client.app.state.services.stores
    turn(stores, "a", ATTACK, "out_of_knowledge")
    turn(stores, "a", "家庭共济怎么办", "answer", "family_mutual_aid")
    turn(stores, "b", "报销", "clarify")
    turn(stores, "b", "住院报销", "answer", "inpatient_employee")  # followed: answered next
    turn(stores, "c", "那个政策", "clarify")
    turn(stores, "c", "算了", "smalltalk")  # not followed
    turn(stores, "d", "家庭共济", "answer", "family_mutual_aid")
    turn(stores, "e", "职工门诊", "clarify", channel="hotline")  # not followed: the call ended
    stores.handoffs.open("webchat", "a", "user_request", "问题：火星")
    stores.handoffs.record_unserved("webchat", "c", "not_understood", "问题：那个政策", NO_AGENT)
    stores.handoffs.record_unserved("hotline", "e", "user_request", "问题：职工门诊", NO_AGENT)
    stores.ratings.add("webchat", "a", "bot", 4, "=SUM(A1) 不错")
    stores.ratings.add("webchat", "d", "bot", 2)
    stores.ratings.add("hotline", "e", "bot", 5)
    # one rating eight days ago: in the 30-day report, not in the 7-day one
    with stores.database.engine.begin() as db:
        db.execute(rating.update().where(rating.c.conversation_id == "d").values(
            created_at=datetime.now(timezone.utc) - timedelta(days=8)))
        db.execute(handoff.update().where(handoff.c.conversation_id == "e").values(
            created_at=datetime.now(timezone.utc) - timedelta(days=40)))
    return client


def test_figures(seeded):
    services = seeded.app.state.services
    report = build_report(services.stores.database, 30, services.hours.zone)
    assert (report.conversations, report.user_messages, report.answered) == (5, 8, 3)
    assert [q.text for q in report.out_of_knowledge] == [ATTACK]
    assert [(q.conversation_id, q.text) for q in report.clarifications_not_followed] == [("e", "职工门诊"), ("c", "那个政策")]
    assert report.topics[0][:3] == ("family_mutual_aid", "个人账户家庭共济", 2)
    assert {reason: dict(outcomes) for reason, outcomes in report.handoffs_by_reason.items()} == {
        "user_request": {"排队中/已接入": 1}, "not_understood": {"无客服在线（转留言）": 1}}
    assert dict(report.ratings_by_score) == {4: 1, 2: 1, 5: 1} and report.ratings_average == pytest.approx(11 / 3)
    assert report.ratings_by_channel == {"hotline": (1, 5.0), "webchat": (2, 3.0)}
    week = build_report(services.stores.database, 7, services.hours.zone)
    assert week.ratings_count == 2 and [d.count for d in week.ratings_by_day] == [2]


def test_the_page_links_each_unanswered_question_and_escapes_it(seeded):
    desk = agent_desk(seeded)
    page = desk.get("/ops")
    assert page.status_code == 200 and page.headers["content-security-policy"].startswith("default-src 'self'")
    html = page.text
    assert ATTACK not in html and "&lt;script&gt;alert(&#39;ops&#39;)&lt;/script&gt;火星医保" in html
    assert '/ops/conversations/webchat/a#m1' in html and '/ops/conversations/webchat/c#m9' in html
    assert html.count("<svg") == 3 and "个人账户家庭共济" in html
    assert "<strong>5</strong><span>会话</span>" in html
    conversation = desk.get("/ops/conversations/webchat/a")
    assert 'id="m1"' in conversation.text and "&lt;script&gt;" in conversation.text and ATTACK not in conversation.text
    assert desk.get("/ops/conversations/webchat/..%2Fx").status_code in (404, 422)


@pytest.mark.parametrize("section, header, first", [
    ("unanswered", ["time", "channel", "conversation_id", "message_id", "question", "link"], None),
    ("clarifications", ["time", "channel", "conversation_id", "message_id", "question", "link"], None),
    ("topics", ["topic", "title", "answers"], ["family_mutual_aid", "个人账户家庭共济", "2"]),
    ("handoffs", ["reason", "outcome", "count"], None),
    ("ratings", ["day", "ratings", "average"], None),
])
def test_csv_export(seeded, section, header, first):
    desk = agent_desk(seeded)
    response = desk.get("/ops/export.csv", params={"section": section, "days": 30})
    assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
    assert f'filename="ops-{section}-30d.csv"' in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == header and len(rows) > 1
    if first:
        assert rows[1] == first
    if section == "unanswered":
        assert rows[1][4] == ATTACK and rows[1][5] == "/ops/conversations/webchat/a#m1"


def test_csv_cells_never_start_a_formula(seeded):
    desk = agent_desk(seeded)
    stores = seeded.app.state.services.stores
    turn(stores, "f", "=HYPERLINK(\"http://x\")", "out_of_knowledge")
    rows = list(csv.reader(io.StringIO(desk.get("/ops/export.csv").content.decode("utf-8-sig"))))
    assert rows[1][4] == "'=HYPERLINK(\"http://x\")"


def test_the_report_shows_what_agents_wrote_when_they_resolved_a_conversation(seeded):
    desk = agent_desk(seeded)
    stores = seeded.app.state.services.stores
    resolved = stores.handoffs.open("webchat", "d", "user_request", "问题：家庭共济")[0]
    agent_id = stores.agents.by_work_number("1001").id
    stores.handoffs.claim(resolved.id, agent_id)
    stores.handoffs.finish(resolved.id, agent_id, "resolved", "已告知<b>共济</b>绑定步骤")
    handed_back = stores.handoffs.open("webchat", "b", "user_request", "问题：住院")[0]
    stores.handoffs.claim(handed_back.id, agent_id)
    stores.handoffs.finish(handed_back.id, agent_id, "handed_back")
    report = build_report(stores.database, 30, seeded.app.state.services.hours.zone)
    assert [(r[1], r[2], r[4]) for r in report.resolutions] == [("1001", "已告知<b>共济</b>绑定步骤", "d")]
    html = desk.get("/ops").text
    assert "客服 1001：已告知&lt;b&gt;共济&lt;/b&gt;绑定步骤" in html and "/ops/conversations/webchat/d" in html

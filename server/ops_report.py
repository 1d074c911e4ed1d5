"""The operator report (/ops): what the assistant could not answer, what people ask most, hand-offs by
reason and what became of them, and satisfaction over time, for a period. Read from the transcript,
hand-off, work-order and rating tables (blocking: call in a thread)."""
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.engine import Row

from knowledge.faq.model import knowledge_base
from server.store.database import Database
from server.store.handoffs import AFTER_HOURS, HANDED_BACK, NO_AGENT, RESOLVED, USER_LEFT
from server.store.schema import agent, handoff, message, rating, utc_now, work_order

UNANSWERED_LIMIT = 500
TOP_TOPICS = 15
RESOLUTIONS_SHOWN = 20
REASONS = {"user_request": "用户要求转人工", "not_understood": "连续三次未理解", "low_confidence": "语音连续未听清"}
OPEN = "排队中/已接入"
OUTCOMES = {
    HANDED_BACK: "交还智能助手",
    RESOLVED: "客服已解决",
    USER_LEFT: "用户放弃等待",
    AFTER_HOURS: "非服务时间（转留言）",
    NO_AGENT: "无客服在线（转留言）",
}
# the API's own closing of a hand-off (/api/handoff/{id}/close) leaves no outcome either
CLOSED_BY_API = "通过接口关闭"


@dataclass(frozen=True)
class Question:
    """A user message the assistant did not answer, with where to read its conversation."""

    message_id: int
    created_at: datetime
    channel: str
    conversation_id: str
    text: str
    kind: str  # out_of_knowledge or clarify


@dataclass(frozen=True)
class DayRatings:
    day: date
    count: int
    average: float


@dataclass
class Report:
    since: datetime
    until: datetime
    conversations: int = 0
    user_messages: int = 0
    answered: int = 0
    out_of_knowledge: list[Question] = field(default_factory=list)
    clarifications_not_followed: list[Question] = field(default_factory=list)
    handoffs_by_reason: dict[str, Counter[str]] = field(default_factory=dict)  # reason -> outcome label -> count
    topics: list[tuple[str, str, int]] = field(default_factory=list)  # id, title, answers
    ratings_by_day: list[DayRatings] = field(default_factory=list)
    ratings_by_score: Counter[int] = field(default_factory=Counter)
    ratings_by_channel: dict[str, tuple[int, float]] = field(default_factory=dict)
    comments: list[tuple[datetime, int, str, str, str]] = field(default_factory=list)  # time, score, comment, channel, id
    # the latest resolution notes of agents (closing, or after the user left): closed at, work number,
    # resolution, channel, id
    resolutions: list[tuple[datetime, str, str, str, str]] = field(default_factory=list)
    work_orders_created: int = 0
    work_orders_open: int = 0
    work_orders_overdue: int = 0

    @property
    def handoffs_total(self) -> int:
        return sum(sum(outcomes.values()) for outcomes in self.handoffs_by_reason.values())

    @property
    def ratings_count(self) -> int:
        return sum(self.ratings_by_score.values())

    @property
    def ratings_average(self) -> float | None:
        count = self.ratings_count
        return sum(score * n for score, n in self.ratings_by_score.items()) / count if count else None


def _topic_title(topic_id: str) -> str:
    topic = knowledge_base().topics.get(topic_id)
    return topic.title if topic else topic_id


def build_report(database: Database, days: int, zone: timezone, now: datetime | None = None) -> Report:
    until = now or utc_now()
    since = until - timedelta(days=days)
    report = Report(since=since, until=until)
    in_period = message.c.created_at >= since
    with database.engine.connect() as db:
        users = (message.c.speaker == "user") & in_period
        report.user_messages = db.execute(select(func.count()).select_from(message).where(users)).scalar_one()
        report.conversations = db.execute(
            select(func.count()).select_from(
                select(message.c.channel, message.c.conversation_id).where(users).distinct().subquery()
            )
        ).scalar_one()
        report.answered = db.execute(
            select(func.count()).select_from(message).where(users, message.c.kind.in_(("answer", "estimate")))
        ).scalar_one()

        columns = (message.c.id, message.c.created_at, message.c.channel, message.c.conversation_id, message.c.text)
        report.out_of_knowledge = [
            Question(row.id, row.created_at, row.channel, row.conversation_id, row.text, kind="out_of_knowledge")
            for row in db.execute(
                select(*columns)
                .where(users, message.c.kind == "out_of_knowledge")
                .order_by(message.c.id.desc())
                .limit(UNANSWERED_LIMIT)
            ).all()
        ]

        # a clarification is followed when the user's next message in that conversation got an answer
        asked = (
            select(message.c.channel, message.c.conversation_id)
            .where(users, message.c.kind == "clarify")
            .distinct()
            .subquery()
        )
        sequence = db.execute(
            select(*columns, message.c.kind)
            .select_from(
                message.join(
                    asked,
                    (message.c.channel == asked.c.channel) & (message.c.conversation_id == asked.c.conversation_id),
                )
            )
            .where(users, message.c.kind.is_not(None))
            .order_by(message.c.channel, message.c.conversation_id, message.c.id)
        ).all()
        by_conversation: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in sequence:
            by_conversation[(row.channel, row.conversation_id)].append(row)
        not_followed = [
            Question(here.id, here.created_at, here.channel, here.conversation_id, here.text, kind="clarify")
            for rows in by_conversation.values()
            for here, after in zip(rows, [*rows[1:], None], strict=True)
            if here.kind == "clarify" and (after is None or after.kind not in ("answer", "estimate"))
        ]
        report.clarifications_not_followed = sorted(not_followed, key=lambda q: -q.message_id)[:UNANSWERED_LIMIT]

        for reason, outcome, still_open, count in db.execute(
            select(handoff.c.reason, handoff.c.outcome, handoff.c.closed_at.is_(None), func.count())
            .where(handoff.c.created_at >= since)
            .group_by(handoff.c.reason, handoff.c.outcome, handoff.c.closed_at.is_(None))
        ).all():
            label = OPEN if still_open else OUTCOMES.get(outcome, outcome) if outcome else CLOSED_BY_API
            report.handoffs_by_reason.setdefault(reason, Counter())[label] += count

        report.resolutions = [
            (row.closed_at, row.work_number, row.resolution, row.channel, row.conversation_id)
            for row in db.execute(
                select(handoff.c.closed_at, agent.c.work_number, handoff.c.resolution, handoff.c.channel,
                       handoff.c.conversation_id)
                .select_from(handoff.join(agent, handoff.c.claimed_by == agent.c.id))
                .where(handoff.c.created_at >= since, handoff.c.resolution.is_not(None))
                .order_by(handoff.c.closed_at.desc(), handoff.c.id.desc())
                .limit(RESOLUTIONS_SHOWN)
            ).all()
        ]

        report.topics = [
            (topic, _topic_title(topic), count)
            for topic, count in db.execute(
                select(message.c.topic, func.count().label("n"))
                .where(users, message.c.kind == "answer", message.c.topic.is_not(None))
                .group_by(message.c.topic)
                .order_by(func.count().desc(), message.c.topic)
                .limit(TOP_TOPICS)
            ).all()
        ]

        days_scores: dict[date, list[int]] = defaultdict(list)
        channels: dict[str, list[int]] = defaultdict(list)
        for created, score, comment, channel, conversation_id in db.execute(
            select(rating.c.created_at, rating.c.score, rating.c.comment, rating.c.channel, rating.c.conversation_id)
            .where(rating.c.created_at >= since)
            .order_by(rating.c.id)
        ).all():
            days_scores[created.astimezone(zone).date()].append(score)
            channels[channel].append(score)
            report.ratings_by_score[score] += 1
            if comment:
                report.comments.append((created, score, comment, channel, conversation_id))
        report.comments.reverse()
        report.ratings_by_day = [
            DayRatings(day, len(scores), sum(scores) / len(scores)) for day, scores in sorted(days_scores.items())
        ]
        report.ratings_by_channel = {ch: (len(s), sum(s) / len(s)) for ch, s in sorted(channels.items())}

        report.work_orders_created = db.execute(
            select(func.count()).select_from(work_order).where(work_order.c.created_at >= since)
        ).scalar_one()
        report.work_orders_open = db.execute(
            select(func.count()).select_from(work_order).where(work_order.c.status == "open")
        ).scalar_one()
        report.work_orders_overdue = db.execute(
            select(func.count()).select_from(work_order).where(work_order.c.status == "open", work_order.c.due_at < until)
        ).scalar_one()
    return report

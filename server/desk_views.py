"""What the agent workspace shows, read from the stores in one go (blocking: call in a thread)."""

from collections.abc import Iterable
from datetime import timedelta

from server.agent_models import (
    ConversationOut,
    HandoffCard,
    MessageOut,
    QueueOut,
    RatingOut,
    WorkOrderOut,
)
from server.services import Stores
from server.store.handoffs import Handoff
from server.store.schema import utc_now


def handoff_cards(stores: Stores, handoffs: Iterable[Handoff]) -> list[HandoffCard]:
    handoffs = list(handoffs)
    names = stores.agents.work_numbers({h.claimed_by for h in handoffs if h.claimed_by is not None})
    return [HandoffCard.of(h, names.get(h.claimed_by) if h.claimed_by else None) for h in handoffs]


def queue(stores: Stores, agent_id: int, presence: timedelta) -> QueueOut:
    open_orders, overdue = stores.work_orders.open_counts()
    return QueueOut(
        waiting=handoff_cards(stores, stores.handoffs.list_waiting()),
        mine=handoff_cards(stores, stores.handoffs.list_held_by(agent_id)),
        agents_present=stores.agents.present(presence),
        open_work_orders=open_orders,
        overdue_work_orders=overdue,
    )


def conversation(stores: Stores, channel: str, conversation_id: str) -> ConversationOut:
    now = utc_now()
    return ConversationOut.parse_obj(
        dict(
            channel=channel,
            conversation_id=conversation_id,
            messages=[MessageOut.of(m) for m in stores.transcripts.history(channel, conversation_id)],
            handoffs=handoff_cards(stores, stores.handoffs.for_conversation(channel, conversation_id)),
            work_orders=[
                WorkOrderOut.of(o, now) for o in stores.work_orders.for_conversation(channel, conversation_id)
            ],
            ratings=[
                RatingOut(subject=r.subject, score=r.score, comment=r.comment, created_at=r.created_at)
                for r in stores.ratings.for_conversation(channel, conversation_id)
            ],
        )
    )

"""What a turn reads before it is answered, in one call of a worker thread: whether a hand-off holds
the conversation, the step the gateway waits for, and what the gateway carries between turns.

Each hop to a worker thread and back cost about half a millisecond of a turn's time (README,
"Benchmark"); read one after another, the three took three hops."""
from dataclasses import dataclass

from server.conversation import Conversation
from server.store.conversation_state import ConversationState, ConversationStateStore
from server.store.flows import Flow, FlowStore
from server.store.handoffs import Handoff, HandoffStore


@dataclass(frozen=True)
class TurnStart:
    held: Handoff | None  # the open hand-off: queued for or held by an agent
    flow: Flow | None  # the step the gateway waits for (a work order's, a rating, a ticket number)
    state: ConversationState


class TurnStartReader:
    def __init__(self, handoffs: HandoffStore, flows: FlowStore, states: ConversationStateStore) -> None:
        self._handoffs = handoffs
        self._flows = flows
        self._states = states

    def read(self, conversation: Conversation) -> TurnStart:
        """Blocks on the database: run it in a worker thread."""
        channel, conversation_id = conversation.channel, conversation.conversation_id
        return TurnStart(
            self._handoffs.find_open(channel, conversation_id),
            self._flows.get(channel, conversation_id),
            self._states.get(conversation),
        )

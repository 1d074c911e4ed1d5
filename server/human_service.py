"""Human agents taking over conversations (the Rasa hand-off pattern, as in Chatwoot's agent inbox).

A hand-off waits in the queue until an agent claims it; from then on the user's messages go to that
agent, not to the bot. Rasa's tracker still gets the whole conversation: the user's and the agent's
messages are appended as `user` and `bot` events, with a `pause` event on the claim and `resume` when
the agent hands the conversation back or closes it, so the bot continues with context and a later
hand-off's summary includes what the agent said. Rasa being down never loses a message: the gateway's
store is the record, the tracker is updated on a best-effort basis.

Every store call blocks (a database round trip), so it runs in a worker thread."""
import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from server.conversation import Conversation
from server.human_texts import HumanTexts
from server.rasa_client import RasaClient, RasaUnavailable
from server.service_hours import ServiceHours
from server.store.agents import Agent, AgentStore
from server.store.handoffs import (
    AFTER_HOURS,
    HANDED_BACK,
    NO_AGENT,
    RESOLVED,
    Handoff,
    HandoffStore,
    NotHeld,
)
from server.store.ratings import handoff_subject
from server.store.schema import utc_now
from server.store.transcripts import AGENT, SYSTEM, USER, Message, NewMessage, TranscriptStore

log = logging.getLogger(__name__)

Mode = Literal["queued", "with_agent", "bot"]
QUEUED: Mode = "queued"
WITH_AGENT: Mode = "with_agent"
BOT: Mode = "bot"


@dataclass(frozen=True)
class HumanStatus:
    """Where a conversation stands with human service."""

    mode: Mode
    handoff_id: int | None = None
    position: int | None = None  # queued: 1 for the next one taken
    agent: str | None = None  # with_agent: the agent's work number


@dataclass(frozen=True)
class HandoffOutcome:
    """What became of a request for a person: queued, or nobody could take it (after_hours, no_agent)."""

    handoff: Handoff
    queued: bool
    position: int | None = None

    @property
    def unavailable(self) -> str | None:
        return None if self.queued else self.handoff.outcome


class NotChatChannel(Exception):
    """A hotline conversation is held on the phone, not typed."""


def _user_event(text: str, channel: str) -> dict[str, Any]:
    # Rasa requires parse_data with an intent name (a string); an empty one is no intent: the bot did
    # not read these messages, a person did
    return {
        "event": "user",
        "text": text,
        "parse_data": {"intent": {"name": "", "confidence": 0.0}, "entities": [], "text": text},
        "input_channel": channel,
        "metadata": {"human_service": True},
    }


class HumanService:
    def __init__(
        self,
        handoffs: HandoffStore,
        transcripts: TranscriptStore,
        agents: AgentStore,
        rasa: RasaClient,
        hours: ServiceHours,
        presence: timedelta,
        texts: HumanTexts,
    ) -> None:
        self._handoffs = handoffs
        self._transcripts = transcripts
        self._agents = agents
        self._rasa = rasa
        self._hours = hours
        self._presence = presence
        self._texts = texts

    # --- the user's side ---------------------------------------------------------------------

    async def status(self, conversation: Conversation) -> HumanStatus:
        held = await asyncio.to_thread(self._handoffs.find_open, conversation.channel, conversation.conversation_id)
        return await self.status_of(held)

    async def status_of(self, held: Handoff | None) -> HumanStatus:
        if held is None:
            return HumanStatus(BOT)
        if held.waiting:
            return HumanStatus(QUEUED, held.id, position=await asyncio.to_thread(self._handoffs.position, held.id))
        agent = await asyncio.to_thread(self._agents.by_id, held.claimed_by) if held.claimed_by else None
        return HumanStatus(WITH_AGENT, held.id, agent=agent.work_number if agent else None)

    async def unavailable_reason(self) -> str | None:
        """None when an agent can take a conversation now; else after_hours or no_agent."""
        if not self._hours.is_open(utc_now()):
            return AFTER_HOURS
        if not await asyncio.to_thread(self._agents.present, self._presence):
            return NO_AGENT
        return None

    async def request(self, conversation: Conversation, reason: str, summary: str) -> HandoffOutcome:
        """Queues the conversation for a person, or records that nobody could take it."""
        channel, conversation_id = conversation.channel, conversation.conversation_id
        unavailable = await self.unavailable_reason()
        if unavailable:
            unserved = await asyncio.to_thread(
                self._handoffs.record_unserved, channel, conversation_id, reason, summary, unavailable
            )
            log.info("hand-off %s for %s not served: %s", unserved.id, conversation.sender, unavailable)
            return HandoffOutcome(unserved, queued=False)
        held, created = await asyncio.to_thread(self._handoffs.open, channel, conversation_id, reason, summary)
        if created:
            log.info("hand-off %s opened for %s (%s)", held.id, conversation.sender, reason)
        position = await asyncio.to_thread(self._handoffs.position, held.id) if held.waiting else None
        return HandoffOutcome(held, queued=True, position=position)

    async def user_says(self, conversation: Conversation, held: Handoff, text: str) -> bool:
        """A message of a user whose conversation is with human service; True when it is the first
        one since the hand-off was queued and nobody has it yet (the user is told it was received)."""
        first_waiting = held.waiting and not await asyncio.to_thread(
            self._transcripts.count, conversation.channel, conversation.conversation_id, USER, held.id
        )
        await asyncio.to_thread(
            self._transcripts.add,
            conversation.channel,
            conversation.conversation_id,
            [NewMessage(USER, text, meta={"kind": "handoff"}, handoff_id=held.id)],
        )
        await self._tell_rasa(conversation, [_user_event(text, conversation.channel)])
        return first_waiting

    async def with_agent_present(self, held: Handoff) -> Handoff:
        """The hand-off as the user's message finds it: back in the queue when the agent holding it has
        gone (their workspace closed longer than the presence window, their session ended), so the
        user does not talk to nobody."""
        if held.claimed_by is None:
            return held
        if await asyncio.to_thread(self._agents.present, self._presence, held.claimed_by):
            return held
        return await self._release(held) or held

    async def stop_waiting(self, held: Handoff, unavailable: str) -> bool:
        """Ends the wait of a queued hand-off nobody can take now; False when an agent took it meanwhile."""
        try:
            await asyncio.to_thread(self._handoffs.stop_waiting, held.id, unavailable)
        except NotHeld:
            return False
        log.info("hand-off %s no longer waits: %s", held.id, unavailable)
        return True

    async def user_leaves(self, conversation: Conversation) -> Handoff | None:
        """The user stops waiting for a person or ends the agent's chat; None when nothing was open."""
        held = await asyncio.to_thread(self._handoffs.find_open, conversation.channel, conversation.conversation_id)
        if held is None:
            return None
        notes = [NewMessage(SYSTEM, self._texts.say("user_left", conversation.channel), event="user_left", handoff_id=held.id)]
        if held.claimed_by is not None:
            notes.append(self._rating_request(conversation, held))
        try:
            left = await asyncio.to_thread(self._handoffs.leave, held.id, notes)
        except NotHeld:
            return None  # closed by the agent at the same moment
        if left.claimed_by is not None:
            await self._tell_rasa(conversation, [{"event": "resume"}])
        return left

    # --- the agent's side --------------------------------------------------------------------

    async def claim(self, handoff_id: int, agent: Agent) -> Handoff:
        """NotClaimable when it is closed or another agent has it."""
        note = self._texts.say("agent_joined", "webchat", work_number=agent.work_number)
        notes = [NewMessage(SYSTEM, note, event="claimed", agent_id=agent.id, handoff_id=handoff_id)]
        claimed = await asyncio.to_thread(self._handoffs.claim, handoff_id, agent.id, notes)
        await self._tell_rasa(Conversation(claimed.channel, claimed.conversation_id), [{"event": "pause"}])
        log.info("hand-off %s claimed by agent %s", claimed.id, agent.work_number)
        return claimed

    async def agent_signs_out(self, agent: Agent) -> list[Handoff]:
        """The conversations the agent holds go back to the queue, unless they are still signed in
        elsewhere (another tab or device seen lately)."""
        if await asyncio.to_thread(self._agents.present, self._presence, agent.id):
            return []
        held = await asyncio.to_thread(self._handoffs.list_held_by, agent.id)
        released = [await self._release(h) for h in held]
        return [h for h in released if h is not None]

    async def _release(self, held: Handoff) -> Handoff | None:
        """None when the agent closed or handed it back meanwhile."""
        assert held.claimed_by is not None
        note = NewMessage(SYSTEM, self._texts.say("agent_left", held.channel), event="agent_left", handoff_id=held.id)
        try:
            released = await asyncio.to_thread(self._handoffs.release, held.id, held.claimed_by, [note])
        except NotHeld:
            return None
        # waiting again: the bot does not answer (the hand-off is open) but the tracker is not paused,
        # as before the first claim
        await self._tell_rasa(Conversation(held.channel, held.conversation_id), [{"event": "resume"}])
        log.info("hand-off %s back in the queue: agent %s gone", held.id, held.claimed_by)
        return released

    async def agent_says(self, handoff_id: int, agent: Agent, text: str) -> Message:
        """NotHeld unless this agent holds the open hand-off; NotChatChannel for a phone call."""
        held = await self._held(handoff_id, agent)
        if held.channel != "webchat":
            raise NotChatChannel(handoff_id)
        [message_id] = await asyncio.to_thread(
            self._transcripts.add,
            held.channel,
            held.conversation_id,
            [NewMessage(AGENT, text, agent_id=agent.id, handoff_id=held.id)],
        )
        await self._tell_rasa(
            Conversation(held.channel, held.conversation_id),
            [{"event": "bot", "text": text, "metadata": {"agent": agent.work_number}}],
        )
        saved = await asyncio.to_thread(self._transcripts.get, message_id)
        assert saved is not None
        return saved

    async def hand_back(self, handoff_id: int, agent: Agent) -> Handoff:
        return await self._finish(handoff_id, agent, HANDED_BACK, None)

    async def resolve(self, handoff_id: int, agent: Agent, resolution: str) -> Handoff:
        """Closes the conversation with the agent's note; when the user ended it first, the note is
        still recorded (the outcome stays user_left). NotHeld otherwise."""
        try:
            return await self._finish(handoff_id, agent, RESOLVED, resolution)
        except NotHeld:
            return await asyncio.to_thread(self._handoffs.note_resolution, handoff_id, agent.id, resolution)

    async def close_from_outside(self, handoff_id: int) -> Handoff | None:
        """The hand-off API's close (an outside system took it over); None when there is no such id,
        AlreadyClosed when it was closed. A conversation an agent held is the bot's again: the tracker
        resumes and the user is told, as when the agent hands it back."""
        def note(channel: str) -> NewMessage:
            return NewMessage(SYSTEM, self._texts.say(HANDED_BACK, channel), event=HANDED_BACK, handoff_id=handoff_id)

        closed = await asyncio.to_thread(self._handoffs.close, handoff_id, note)
        if closed is not None and closed.claimed_by is not None:
            await self._tell_rasa(Conversation(closed.channel, closed.conversation_id), [{"event": "resume"}])
        return closed

    async def _held(self, handoff_id: int, agent: Agent) -> Handoff:
        held = await asyncio.to_thread(self._handoffs.get, handoff_id)
        if held is None or not held.is_open or held.claimed_by != agent.id:
            raise NotHeld(handoff_id)
        return held

    async def _finish(self, handoff_id: int, agent: Agent, outcome: str, resolution: str | None) -> Handoff:
        held = await self._held(handoff_id, agent)
        conversation = Conversation(held.channel, held.conversation_id)
        notes = [
            NewMessage(
                SYSTEM, self._texts.say(outcome, held.channel), event=outcome, agent_id=agent.id, handoff_id=held.id
            )
        ]
        if outcome == RESOLVED and held.channel == "webchat":
            notes.append(self._rating_request(conversation, held))
        ended = await asyncio.to_thread(self._handoffs.finish, handoff_id, agent.id, outcome, resolution, notes)
        await self._tell_rasa(conversation, [{"event": "resume"}])
        log.info("hand-off %s %s by agent %s", ended.id, outcome, agent.work_number)
        return ended

    def _rating_request(self, conversation: Conversation, served: Handoff) -> NewMessage:
        return NewMessage(
            SYSTEM,
            self._texts.say("rating_request", conversation.channel),
            event="rating_request",
            agent_id=served.claimed_by,
            handoff_id=served.id,
            data={"subject": handoff_subject(served.id)},
        )

    async def _tell_rasa(self, conversation: Conversation, events: list[dict[str, Any]]) -> None:
        try:
            await self._rasa.conversation(conversation.sender).append_events(events)
        except RasaUnavailable as exc:
            # the gateway's store keeps the transcript; the tracker misses these events
            log.warning("could not add %s to the tracker of %s: %s", [e["event"] for e in events], conversation.sender, exc)

"""Where each user message goes, on either channel: to the person holding the conversation, to the
step the gateway asked for (a work order, a rating, a ticket number), to a work order's status, or
to the bot; and what the user is told when they ask for a person. Every turn is recorded in the
transcript (user text as masked, replies, the turn's meta), which agents read and the operator
report counts."""
import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from knowledge.reading.person_request import transfer_topic
from server.bot_turn import Reply, buttons_of
from server.conversation import Conversation
from server.dialogue import Dialogue, TurnResult
from server.gateway_flows import FlowAnswer, GatewayFlows
from server.human_service import BOT, QUEUED, HandoffOutcome, HumanService, HumanStatus
from server.human_texts import HumanTexts
from server.privacy import Unmasked
from server.store.handoffs import HandoffStore
from server.store.ratings import BOT_SUBJECT, RatingStore
from server.store.transcripts import BOT as BOT_SPEAKER
from server.store.transcripts import SYSTEM, USER, Message, NewMessage, TranscriptStore
from server.store.turn_start import TurnStart, TurnStartReader
from server.turn_meta import HANDOFF, NOT_HEARD, TurnMeta

# a goodbye is followed by the satisfaction question only after the bot really helped
HELPED_KINDS = ("answer", "estimate")


@dataclass(frozen=True)
class Answer:
    """What the user gets for one message."""

    replies: tuple[Reply, ...]
    meta: TurnMeta
    human: HumanStatus
    # the conversation went to human service: queued for or held by an agent, or, with nobody
    # there, offered a callback work order
    handoff: bool = False
    end_call: bool = False
    rating: str | None = None  # the subject the widget asks the user to rate now


def meta_dict(meta: TurnMeta) -> dict[str, Any]:
    return {"kind": meta.kind, "topic": meta.topic, "offered": list(meta.offered), "amount": meta.amount}


class Reception:
    def __init__(
        self,
        dialogue: Dialogue,
        human: HumanService,
        flows: GatewayFlows,
        handoffs: HandoffStore,
        transcripts: TranscriptStore,
        ratings: RatingStore,
        texts: HumanTexts,
        starts: TurnStartReader,
    ) -> None:
        self._dialogue = dialogue
        self._human = human
        self._flows = flows
        self._handoffs = handoffs
        self._transcripts = transcripts
        self._ratings = ratings
        self._texts = texts
        self._starts = starts

    async def start(self, conversation: Conversation) -> TurnStart:
        """What a turn reads first (server/store/turn_start.py)."""
        return await asyncio.to_thread(self._starts.read, conversation)

    async def turn(
        self,
        conversation: Conversation,
        text: str,
        unmasked: Unmasked,
        region: str | None = None,
        caller_number: str | None = None,
        start: TurnStart | None = None,
    ) -> Answer:
        """text: as accepted by server.message_text (personal numbers masked); unmasked: the message
        before that, read only by a work order asking for a number; caller_number: the phone
        system's number of the caller; start: what the caller read of this turn already (`start`)."""
        if start is None:
            start = await self.start(conversation)
        held = start.held
        if held is not None:
            held = await self._human.with_agent_present(held)
        if held is not None and held.waiting and (unavailable := await self._human.unavailable_reason()):
            # queued, and since then every agent has gone or service hours ended: not a wait without end,
            # the callback offered as to anyone asking now
            if await self._human.stop_waiting(held, unavailable):
                offer = await self._flows.offer_work_order(conversation, unavailable, caller_number)
                return await self._record(conversation, text, Answer(offer.replies, HANDOFF, HumanStatus(BOT), handoff=True))
            held = await asyncio.to_thread(self._handoffs.find_open, conversation.channel, conversation.conversation_id)
        if held is not None:
            first = await self._human.user_says(conversation, held, text)
            status = await self._human.status_of(held)
            if not first:
                return Answer((), HANDOFF, status, handoff=True)
            said = self._texts.say("queued_again", conversation.channel)
            await asyncio.to_thread(
                self._transcripts.add,
                conversation.channel,
                conversation.conversation_id,
                [NewMessage(BOT_SPEAKER, said, handoff_id=held.id)],
            )
            return Answer((Reply(said),), HANDOFF, status, handoff=True)
        if start.flow is not None:
            answered = await self._flows.answer(conversation, start.flow, text, unmasked)
            if answered is not None:
                return await self._record(conversation, text, self._from_flow(answered))
        ticket = self._flows.ticket_in(conversation, text, unmasked) or await self._flows.ticket_alone(text)
        if ticket:
            return await self._record(conversation, text, self._from_flow(await self._flows.ticket_status(conversation, ticket)))
        if self._flows.asks_for_ticket_status(text):
            return await self._record(conversation, text, self._from_flow(await self._flows.ask_ticket(conversation)))
        result = await self._dialogue.user_turn(conversation, text, start.state, region)
        if result.meta.kind == "answer" and result.meta.topic == transfer_topic() and not result.handoff:
            # "人工客服几点上班": the bot's answer cannot know the hours set here, nor who is on duty now;
            # said first, as what was asked (a caller hears the rest of a long answer only on 详细)
            note = self._flows.hours_note(conversation, await self._human.unavailable_reason())
            result = replace(result, replies=(note, *result.replies))
        if result.handoff_outcome is not None:
            answer = await self._handed_off(conversation, result, result.handoff_outcome, caller_number)
        else:
            answer = await self._goodbye_rating(conversation, result)
        return await self._record(conversation, text, answer)

    async def last_answer(self, conversation: Conversation, passed_over: Callable[[str], bool]) -> Answer | None:
        """The bot's replies to the user's last message, as recorded, to say again; None when there are none
        or a person holds the conversation (what the caller says goes to them). A last message that
        `passed_over` picks ("详细说说") and the bot answered with a question of its own ("that was all of it",
        kind ask) is passed over for the one before: the caller wants the answer again, not that note; the rest
        of an answer read on 详细 is said again."""
        held = await asyncio.to_thread(self._handoffs.find_open, conversation.channel, conversation.conversation_id)
        if held is not None:
            return None
        history = await asyncio.to_thread(self._transcripts.history, conversation.channel, conversation.conversation_id)
        said = [i for i, m in enumerate(history) if m.speaker == USER]
        next_said = len(history)
        while len(said) > 1 and passed_over(history[said[-1]].text) and _kind(history[said[-1]]) == "ask":
            next_said = said.pop()
        if not said:
            return None
        last_user = said[-1]
        replies = tuple(
            Reply(m.text, buttons_of(list(m.buttons)))
            for m in history[last_user + 1:next_said]
            if m.speaker == BOT_SPEAKER and m.handoff_id is None
        )
        meta = TurnMeta.from_signal(history[last_user].meta)
        return Answer(replies, meta or NOT_HEARD, HumanStatus(BOT)) if replies else None

    async def record_details(self, conversation: Conversation, text: str, details: str, meta: TurnMeta) -> None:
        """The rest of a long answer, read on the caller's 详细 without the bot: in the transcript (the agent and
        the report see it) and said again on "没听清"."""
        await self._record(conversation, text, Answer((Reply(details),), meta, HumanStatus(BOT)))

    async def unheard(self, conversation: Conversation, caller_number: str | None) -> Answer | None:
        """A hotline turn not heard; the hand-off's answer when it was one miss too many."""
        outcome = await self._dialogue.unheard_turn(conversation)
        if outcome is None:
            return None
        result = TurnResult((), HANDOFF, handoff=True, handoff_outcome=outcome)
        return await self._handed_off(conversation, result, outcome, caller_number)

    @staticmethod
    def _from_flow(answered: FlowAnswer) -> Answer:
        return Answer(answered.replies, answered.meta, HumanStatus(BOT), end_call=answered.end_call)

    async def _handed_off(
        self, conversation: Conversation, result: TurnResult, outcome: HandoffOutcome, caller_number: str | None
    ) -> Answer:
        if outcome.queued:
            said = self._texts.say("queued", conversation.channel, position=outcome.position or 1)
            status = HumanStatus(QUEUED, outcome.handoff.id, position=outcome.position)
            return Answer(result.replies + (Reply(said),), result.meta, status, handoff=True)
        assert outcome.unavailable is not None
        offer = await self._flows.offer_work_order(conversation, outcome.unavailable, caller_number)
        return Answer(result.replies + offer.replies, result.meta, HumanStatus(BOT), handoff=True)

    async def _goodbye_rating(self, conversation: Conversation, result: TurnResult) -> Answer:
        answer = Answer(result.replies, result.meta, HumanStatus(BOT), end_call=result.end_call)
        if not result.end_call or not await self._helped(conversation):
            return answer
        if conversation.channel == "hotline":
            # the call stays up for the rating question; the rating's answer ends it, with the goodbye:
            # the bot's own goodbye before the question would say it twice
            prompt = await self._flows.ask_hotline_rating(conversation)
            said = () if result.meta.kind == "smalltalk" else result.replies
            return Answer(said + (Reply(prompt),), result.meta, answer.human)
        return Answer(result.replies, result.meta, answer.human, rating=BOT_SUBJECT)

    async def _helped(self, conversation: Conversation) -> bool:
        """At least one answer given, and no rating of the bot yet in this conversation."""
        history = await asyncio.to_thread(self._transcripts.history, conversation.channel, conversation.conversation_id)
        if not any(m.speaker == USER and m.kind in HELPED_KINDS for m in history):
            return False
        if any(m.event == "rating_request" and m.data.get("subject") == BOT_SUBJECT for m in history):
            return False  # asked once already (一次一评)
        rated = await asyncio.to_thread(
            self._ratings.get, conversation.channel, conversation.conversation_id, BOT_SUBJECT
        )
        return rated is None

    async def _record(self, conversation: Conversation, text: str, answer: Answer) -> Answer:
        # a turn that went to human service is recorded as a hand-off, whatever the bot called it ("转人工"
        # is the bot's answer about human service): the report does not count it as answered
        meta = replace(answer.meta, kind=HANDOFF.kind) if answer.handoff else answer.meta
        rows = [NewMessage(USER, text, meta=meta_dict(meta))]
        rows += [
            NewMessage(BOT_SPEAKER, reply.text, buttons=[{"title": b.title, "payload": b.payload} for b in reply.buttons])
            for reply in answer.replies
        ]
        if answer.rating:
            said = self._texts.say("rating_request", conversation.channel)
            rows.append(NewMessage(SYSTEM, said, event="rating_request", data={"subject": answer.rating}))
        await asyncio.to_thread(self._transcripts.add, conversation.channel, conversation.conversation_id, rows)
        return answer


def _kind(message: Message) -> str | None:
    meta = TurnMeta.from_signal(message.meta)
    return meta.kind if meta is not None else None

"""Short exchanges the gateway leads itself, one step per user message: leaving a callback work order
when nobody can take the conversation (offer -> question -> phone number -> ticket), a work order's
status by ticket number, and the hotline's satisfaction question after a goodbye.

The step waiting for an answer is kept in the database (server/store/flows.py), so the next message
may reach any gateway process. A message that does not answer the step drops it and goes to the bot,
so nobody is trapped in a form."""
import asyncio
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from knowledge.reading.person_request import transfer_topic
from server.bot_turn import Reply
from server.conversation import Conversation
from server.digits import say_digits
from server.human_texts import HumanTexts
from server.privacy import Unmasked, mask_callback_number, mask_personal_numbers
from server.service_hours import ServiceHours
from server.store.flows import Flow, FlowStore
from server.store.ratings import BOT_SUBJECT, AlreadyRated, RatingStore
from server.store.schema import utc_now
from server.store.transcripts import TranscriptStore
from server.store.work_orders import ANSWERED, CLOSED, TICKET_DIGITS, TICKET_PREFIX, WorkOrderStore
from server.turn_meta import HANDOFF, TurnMeta

OFFER, QUESTION, PHONE, RATING, TICKET = "work_order_offer", "work_order_question", "work_order_phone", "rating", "ticket"
PHONE_TRIES = 3
# kinds of turn whose user message was a question a person could answer later
QUESTION_KINDS = ("out_of_knowledge", "clarify", "answer", "ask", "estimate", "refusal")
_TYPED_TICKET = re.compile(rf"(?:{TICKET_PREFIX}|工单号?)\s*[:：]?\s*(\d{{{TICKET_DIGITS}}})(?!\d)", re.IGNORECASE)
_DIGITS_ALONE = re.compile(rf"^\s*(\d{{{TICKET_DIGITS}}})\s*[。.]?\s*$")
SMALLTALK = TurnMeta("smalltalk")


@dataclass(frozen=True)
class FlowAnswer:
    replies: tuple[Reply, ...]
    meta: TurnMeta = HANDOFF
    end_call: bool = False


class GatewayFlows:
    def __init__(
        self,
        flows: FlowStore,
        work_orders: WorkOrderStore,
        ratings: RatingStore,
        transcripts: TranscriptStore,
        texts: HumanTexts,
        hours: ServiceHours,
        reply_hours: int,
    ) -> None:
        self._flows = flows
        self._work_orders = work_orders
        self._ratings = ratings
        self._transcripts = transcripts
        self._texts = texts
        self._hours = hours
        self._reply_hours = reply_hours

    async def _set(self, conversation: Conversation, step: str, **data: object) -> None:
        await asyncio.to_thread(self._flows.set, conversation.channel, conversation.conversation_id, step, data)

    async def _clear(self, conversation: Conversation) -> None:
        await asyncio.to_thread(self._flows.clear, conversation.channel, conversation.conversation_id)

    def _say(self, name: str, conversation: Conversation, **values: object) -> str:
        return self._texts.say(name, conversation.channel, **values)

    # --- the work-order offer, when nobody can take the conversation --------------------------

    async def offer_work_order(
        self, conversation: Conversation, unavailable: str, caller_number: str | None = None
    ) -> FlowAnswer:
        """unavailable: after_hours or no_agent. caller_number: the phone system's, so the work order
        does not ask for a number."""
        text = self._say(unavailable, conversation, **self._promise(conversation))
        buttons = (self._texts.buttons["leave_message"], self._texts.buttons["decline"])
        await self._set(conversation, OFFER, caller_number=caller_number)
        return FlowAnswer((Reply(text, buttons),))

    def hours_note(self, conversation: Conversation, unavailable: str | None) -> Reply:
        """The service hours, and whether a person can take the conversation now (unavailable: None,
        after_hours or no_agent), told after the assistant's answer about human service."""
        text = self._say(f"hours_{unavailable or 'open'}", conversation, **self._promise(conversation))
        return Reply(text)

    def _callback_by(self) -> datetime:
        return self._hours.callback_by(utc_now(), timedelta(hours=self._reply_hours))

    def _promise(self, conversation: Conversation) -> dict[str, object]:
        """The service hours and when a callback asked for now would come."""
        due = self._shown(self._callback_by(), conversation)
        hours = self._hours.describe(spoken=conversation.channel == "hotline")
        return dict(hours=hours, reply_hours=self._reply_hours, due=due)

    async def answer(
        self, conversation: Conversation, flow: Flow, text: str, unmasked: Unmasked
    ) -> FlowAnswer | None:
        """The next step for the user's message (text as masked), or None when it does not answer the
        step (dropped). The unmasked message is read only for the number the step asks for."""
        if flow.step == OFFER:
            return await self._offer_answered(conversation, flow, text)
        if flow.step == QUESTION:
            return await self._question_given(conversation, flow, text, unmasked.callback_number_among_words())
        if flow.step == PHONE:
            return await self._phone_given(conversation, flow, text, unmasked.callback_number())
        if flow.step == RATING:
            return await self._rated(conversation, flow, text)
        if flow.step == TICKET:
            return await self._ticket_given(conversation, unmasked)
        await self._clear(conversation)
        return None

    async def _offer_answered(self, conversation: Conversation, flow: Flow, text: str) -> FlowAnswer | None:
        if self._texts.is_answer("leave_message", text):
            candidate = await self._last_question(conversation)
            buttons = [self._texts.buttons["cancel"]]
            if candidate:
                buttons.insert(0, self._texts.buttons["same_question"])
            await self._set(conversation, QUESTION, candidate=candidate, caller_number=flow.data.get("caller_number"))
            return FlowAnswer((Reply(self._say("ask_question", conversation), tuple(buttons)),))
        await self._clear(conversation)
        if self._texts.is_answer("decline", text):
            return FlowAnswer((Reply(self._say("declined", conversation)),))
        return None

    async def _last_question(self, conversation: Conversation) -> str | None:
        history = await asyncio.to_thread(self._transcripts.history, conversation.channel, conversation.conversation_id, 50)
        # a request for a person (or a question about reaching one) is no question for a callback
        about_the_transfer = transfer_topic()
        return next(
            (
                m.text
                for m in reversed(history)
                if m.speaker == "user" and m.kind in QUESTION_KINDS and m.topic != about_the_transfer
            ),
            None,
        )

    async def _question_given(
        self, conversation: Conversation, flow: Flow, text: str, callback_number: str | None
    ) -> FlowAnswer:
        if self._texts.is_answer("cancel", text):
            return await self._cancelled(conversation)
        candidate = flow.data.get("candidate")
        question = candidate if candidate and self._texts.is_answer("same_question", text) else text
        # a number told with the question ("…电话13800000000") is the one to call back, not asked again
        caller = callback_number or flow.data.get("caller_number")
        if caller:
            return await self._create(conversation, str(question), str(caller))
        await self._set(conversation, PHONE, question=question, tries=0)
        return FlowAnswer((Reply(self._say("ask_phone", conversation), (self._texts.buttons["cancel"],)),))

    async def _phone_given(
        self, conversation: Conversation, flow: Flow, text: str, callback_number: str | None
    ) -> FlowAnswer:
        if callback_number:
            return await self._create(conversation, str(flow.data["question"]), callback_number)
        if self._texts.is_answer("cancel", text):
            return await self._cancelled(conversation)
        tries = int(flow.data.get("tries", 0)) + 1
        if tries >= PHONE_TRIES:
            # not a cancel the user chose: say that nothing was registered, and how to try again
            await self._clear(conversation)
            return FlowAnswer((Reply(self._say("phone_gave_up", conversation)),))
        await self._set(conversation, PHONE, question=flow.data["question"], tries=tries)
        return FlowAnswer((Reply(self._say("phone_not_found", conversation), (self._texts.buttons["cancel"],)),))

    async def _cancelled(self, conversation: Conversation) -> FlowAnswer:
        await self._clear(conversation)
        return FlowAnswer((Reply(self._say("cancelled", conversation)),))

    async def _create(self, conversation: Conversation, question: str, number: str) -> FlowAnswer:
        order = await asyncio.to_thread(
            self._work_orders.create, conversation.channel, conversation.conversation_id, question, number,
            self._callback_by(),
        )
        await self._clear(conversation)
        text = self._say(
            "work_order_created",
            conversation,
            ticket=_shown_ticket(order.ticket, conversation),
            due=self._shown(order.due_at, conversation),
            phone=_shown_phone(number, conversation),
            reply_hours=self._reply_hours,
        )
        return FlowAnswer((Reply(text),))

    def _shown(self, moment: datetime, conversation: Conversation) -> str:
        """A local time as written (12月7日 17:00) or, on the phone, as said (12月7日17点)."""
        local = moment.astimezone(self._hours.zone)
        if conversation.channel == "hotline":
            return f"{local.month}月{local.day}日{local.hour}点" + (f"{local.minute}分" if local.minute else "")
        return f"{local.month}月{local.day}日 {local.hour}:{local.minute:02d}"

    # --- work-order status ---------------------------------------------------------------------

    def ticket_in(self, conversation: Conversation, text: str, unmasked: Unmasked) -> str | None:
        """A ticket number the user gives ("GD12345678", "工单号 12345678"; on the phone 工单 and eight
        digits, read from the transcript as said: the normalizer would fold repeated digits)."""
        typed = _TYPED_TICKET.search(text)
        if typed:
            return TICKET_PREFIX + typed.group(1)
        if conversation.channel == "hotline" and "工单" in text:
            digits = unmasked.digits()
            if len(digits) == TICKET_DIGITS:
                return TICKET_PREFIX + digits
        return None

    async def ticket_alone(self, text: str) -> str | None:
        """Eight digits said alone that are a work order's ticket ("12345678", the GD left out); not a
        ticket, they are the bot's (a bill's amount)."""
        alone = _DIGITS_ALONE.match(text)
        if alone is None:
            return None
        ticket = TICKET_PREFIX + alone.group(1)
        return ticket if await asyncio.to_thread(self._work_orders.by_ticket, ticket) else None

    def asks_for_ticket_status(self, text: str) -> bool:
        """A user asking for a status without the number yet."""
        return any(word in text for word in self._texts.ask_ticket_words)

    async def ask_ticket(self, conversation: Conversation) -> FlowAnswer:
        await self._set(conversation, TICKET)
        return FlowAnswer((Reply(self._say("ask_ticket", conversation)),))

    async def _ticket_given(self, conversation: Conversation, unmasked: Unmasked) -> FlowAnswer | None:
        await self._clear(conversation)
        digits = unmasked.digits()
        if len(digits) != TICKET_DIGITS:
            return None
        return await self.ticket_status(conversation, TICKET_PREFIX + digits)

    async def ticket_status(self, conversation: Conversation, ticket: str) -> FlowAnswer:
        order = await asyncio.to_thread(self._work_orders.by_ticket, ticket)
        shown = _shown_ticket(ticket, conversation)
        if order is None:
            return FlowAnswer((Reply(self._say("ticket_unknown", conversation, ticket=shown)),))
        if order.status in (ANSWERED, CLOSED) and order.answered_at and order.answer:
            # the answer stays readable once the order is closed; whoever has the ticket reads it, so the
            # numbers an agent wrote in it are masked as any text shown is
            answered = order.answered_at.astimezone(self._hours.zone)
            when = f"{answered.month}月{answered.day}日"
            said = "ticket_closed_answered" if order.status == CLOSED else "ticket_answered"
            answer = mask_personal_numbers(order.answer)
            return FlowAnswer((Reply(self._say(said, conversation, ticket=shown, answered=when, answer=answer)),))
        if order.status == CLOSED:
            return FlowAnswer((Reply(self._say("ticket_closed", conversation, ticket=shown)),))
        due = self._shown(order.due_at, conversation)
        phone = _shown_phone(order.phone, conversation)
        return FlowAnswer((Reply(self._say("ticket_open", conversation, ticket=shown, due=due, phone=phone)),))

    # --- the hotline's rating after a goodbye ---------------------------------------------------

    async def ask_hotline_rating(self, conversation: Conversation) -> str:
        await self._set(conversation, RATING, tries=0)
        return self._say("rating_request", conversation)

    async def _rated(self, conversation: Conversation, flow: Flow, text: str) -> FlowAnswer:
        score = self._texts.hotline_score(text)
        if score is None and not flow.data.get("tries"):
            await self._set(conversation, RATING, tries=1)
            return FlowAnswer((Reply(self._texts.say("rating_again", conversation.channel)),), SMALLTALK)
        await self._clear(conversation)
        if score is None:
            return FlowAnswer((Reply(self._texts.say("goodbye", conversation.channel)),), SMALLTALK, end_call=True)
        try:
            await asyncio.to_thread(
                self._ratings.add, conversation.channel, conversation.conversation_id, BOT_SUBJECT, score
            )
        except AlreadyRated:
            pass  # one rating per call: a second answer changes nothing
        return FlowAnswer((Reply(self._say("rating_thanks", conversation)),), SMALLTALK, end_call=True)


def _shown_ticket(ticket: str, conversation: Conversation) -> str:
    """GD48213907 as written, or on the phone its digits as said (四八二一…)."""
    return say_digits(ticket.removeprefix(TICKET_PREFIX)) if conversation.channel == "hotline" else ticket


def _shown_phone(number: str, conversation: Conversation) -> str:
    """The callback number masked as written, or on the phone its last four digits as said."""
    return f"尾号{say_digits(number[-4:])}的号码" if conversation.channel == "hotline" else mask_callback_number(number)

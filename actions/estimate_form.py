"""ValidateEstimateForm: reads every answer for every cost fact, checks values, decides what to ask next.

Facts first: while the form is active, Rasa runs it on every message, and this validation decides
(knowledge/cost/turns.py): a message with a cost fact is an answer whatever the intent classifier
called it, and every answer is read for every fact; only a stop (算了, 再见, 谢谢, 转人工) or a
confident FAQ question without facts is rejected, so that the rules answer it (and resume the form).
When the form starts, the messages before it are read too, so facts stated in the question that
started it, or in a question that was clarified first, are kept. When the form resumes after an FAQ
detour, the question is not read again.

The form ends (requested_slot None) when everything is known, or when the estimate must be
declined (a region without parameters, off-site care without filing) or the user could not answer
the same question three times in a row; action_estimate_cost then says which. A question that comes
back after a detour counts too, so that it is never asked three times in a row.
"""
from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.cost_slots import changed_fact_events, classified_topic, earlier_facts, known_facts, today
from actions.turn_meta import meta, reply_meta
from knowledge.cost.engine import serves_region
from knowledge.cost.facts import (
    LEVEL_NOT_KNOWN,
    check_date,
    facts_of_topic,
    merge_all,
    needed_facts,
    not_estimated,
    read_facts,
    unfiled_offsite,
)
from knowledge.cost.noted import said_back
from knowledge.cost.request import MAX_AMOUNT
from knowledge.cost.turns import NOT_ABOUT_THE_BILL, Message, answers_the_form
from knowledge.faq.choice import best_intent
from knowledge.reading.choices import names_a_hospital, says_no_figure, says_not_known
from knowledge.shared_facts import DEFAULT_REGION

FORM = "estimate_form"
# Bookkeeping slots: a rejected date must be asked again; misses count the answers in a row that
# left the requested fact unknown (the ask actions and the give-up read it).
DATE_INVALID = "date_invalid"
MISSES = "answer_misses"
# After this many the question is replaced by examples and a way out (actions/estimate_ask.py) ...
EXAMPLES_AFTER = 2
# ... and after this many answers in a row that did not give it, a person takes over.
GIVE_UP_AFTER = 3


def region_of(tracker: Tracker, facts: dict[str, Any]) -> str:
    return str(facts.get("region") or tracker.get_slot("region") or DEFAULT_REGION)


STARTING, ANSWERED, RESUMED = "starting", "answered", "resumed"


def started_this_turn(tracker: Tracker) -> bool:
    """The form was activated by the user's latest message: Rasa hands the validation and the questions
    a tracker with the activation after that message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name") == FORM:
            return True
    return False


def refused_this_turn(tracker: Tracker) -> bool:
    """A reply to the user's latest message already refused what it said ("费用应该是大于零的金额…"): the
    question that follows needs no "好的，帮您估算一下" before it."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" and reply_meta(event).get("kind") == "refusal":
            return True
    return False


def date_refused_this_turn(tracker: Tracker) -> bool:
    """The user's latest message gave a date the estimate cannot be made for: the refusal said so and
    asked for the date of a recent bill."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == DATE_INVALID and event.get("value"):
            return True
    return False


def how_the_form_runs(tracker: Tracker) -> str:
    """STARTING (just activated), ANSWERED (right after the user's message) or RESUMED (after an FAQ
    detour). Rasa hands the validation a tracker that ends in the form's requested slot, its own
    ActionExecuted and the slot candidates; the events before those tell."""
    if started_this_turn(tracker):
        return STARTING
    real = list(tracker.events)
    while real and real[-1].get("event") == "slot":
        real.pop()  # slot candidates
    if real and real[-1].get("event") == "action" and real[-1].get("name") == FORM:
        real.pop()
    while real and real[-1].get("event") == "slot":
        real.pop()  # the requested slot Rasa restates
    last_action = next((e.get("name") for e in reversed(real) if e.get("event") == "action"), None)
    return ANSWERED if last_action == "action_listen" else RESUMED


def latest_message(tracker: Tracker) -> Message:
    intent = tracker.latest_message.get("intent") or {}
    return Message(
        text=tracker.latest_message.get("text") or "",
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
        best_guess=best_intent(tracker.latest_message),
    )


def unanswered_response(requested: str, text: str) -> str:
    """What an answer that gave nothing usable is told before the question comes again: for the level,
    where to find it (and that 不知道 gives every level); "不知道" to the scheme or to 在职/退休, how to tell them
    apart, and to the amount, that a rough one will do."""
    if requested == "level":
        return "utter_level_unknown"
    if requested in ("scheme", "status", "total") and says_not_known(text):
        return f"utter_{requested}_not_known"
    if requested == "total" and says_no_figure(text):  # "大几千吧": a rough figure will do
        return "utter_total_not_known"
    return "utter_answer_unclear"


class ValidateEstimateForm(FormValidationAction):
    def name(self) -> str:
        return "validate_estimate_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict]:
        # Not the SDK's extract-then-validate-per-slot cycle: one reading of the message sets every
        # fact at once, and the bookkeeping slots are kept (the SDK drops slots outside the form).
        run = how_the_form_runs(tracker)
        asked_before = tracker.get_slot("requested_slot")
        if run == ANSWERED and not answers_the_form(latest_message(tracker), asked_before, today()):
            return []  # nothing set: Rasa rejects the form, and the rules answer the stop or the question
        events = self.read_answer(dispatcher, tracker, run)
        if run == RESUMED and asked_before and tracker.get_slot(asked_before) in (None, ""):
            # The detour (an FAQ question, a clarification) did not answer it either: the question comes
            # back, and counts, up to the examples; only unusable answers lead to a person.
            misses = min((tracker.get_slot(MISSES) or 0) + 1, EXAMPLES_AFTER)
            events.append(SlotSet(MISSES, float(misses)))
        tracker.add_slots(events)
        question = self.next_question(tracker)
        if question["value"] not in (None, asked_before):
            events.append(SlotSet(MISSES, 0.0))  # a new question starts its own count
        return events + [question]

    def read_answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, run: str) -> list[dict]:
        starting, answered = run == STARTING, run == ANSWERED
        requested = None if starting else tracker.get_slot("requested_slot")
        text = tracker.latest_message.get("text") or ""
        said = read_facts(text, today(), requested) if starting or answered else {}
        known = known_facts(tracker)
        if starting:
            # A cost question taken for an FAQ question: its topic tells the care, unless said now or before.
            hint = facts_of_topic(classified_topic(tracker.latest_message))
            merged = merge_all(known, [hint, *earlier_facts(tracker), said])
        else:
            merged = merge_all(known, [said])
        told = set(said) - NOT_ABOUT_THE_BILL  # "是市中心医院 在惠民那个": a county of 滨州 tells no level
        if answered and requested == "level" and not told and (tracker.get_slot(MISSES) or 0) >= 1 and names_a_hospital(text):
            # a hospital named twice for the level and still no level ("县医院", "前两次也在县医院"): what each
            # level pays, not a third question
            merged["level"] = LEVEL_NOT_KNOWN
        events: list[dict] = []
        total_problem = self._total_problem(merged.get("total"))
        if total_problem and "total" in said:
            dispatcher.utter_message(response=total_problem)
            merged.pop("total")  # asked again
        day = merged.get("care_date")
        if "care_date" in said:
            problem = check_date(day if isinstance(day, datetime.date) else None, region_of(tracker, merged))
            if problem:
                dispatcher.utter_message(text=problem.message, json_message=meta("refusal"))
                merged.pop("care_date")
            events.append(SlotSet(DATE_INVALID, bool(problem)))
        changed = changed_fact_events(known, merged)
        events += changed
        if answered and requested:
            changed_names = {event["name"] for event in changed}
            events.append(SlotSet(MISSES, self._misses(tracker, requested, said, changed_names, merged, dispatcher)))
        return events

    @staticmethod
    def _total_problem(total: Any) -> str | None:
        if total is None:
            return None
        amount = Decimal(str(total))
        if amount <= 0:
            return "utter_total_not_positive"
        if amount > MAX_AMOUNT:
            return "utter_total_too_large"
        return None

    @staticmethod
    def _misses(
        tracker: Tracker,
        requested: str,
        said: dict[str, Any],
        changed: set[str],
        merged: dict[str, Any],
        dispatcher: CollectingDispatcher,
    ) -> float:
        """The answers in a row that left `requested` unknown; one that said nothing usable is explained.
        `changed`: the facts this answer set or changed.
        An answer with a new fact ("一万二" to the scheme question) is progress, not a miss: the count
        stays, so a caller telling the bill in their own order is not handed to a person for it; a
        fact told again ("花了八千", already known) counts."""
        if merged.get(requested) not in (None, ""):
            return 0.0
        misses = float(tracker.get_slot(MISSES) or 0)
        if said and changed:
            # said back before the same question comes again, so the caller knows it was heard (the text
            # rendered in knowledge/, as the estimate's reply is)
            told = said_back({name: value for name, value in said.items() if name in changed})
            if told:
                dispatcher.utter_message(text=told, json_message=meta("ask"))
            return misses
        text = tracker.latest_message.get("text") or ""
        if not said or says_not_known(text) or says_no_figure(text):
            # not known, beside a fact told again ("还不知道呢 刚住进去", 住院 known): why the question comes again
            dispatcher.utter_message(response=unanswered_response(requested, text))
        return misses + 1

    @staticmethod
    def next_question(tracker: Tracker) -> dict:
        known = known_facts(tracker)
        if not serves_region(region_of(tracker, known)) or unfiled_offsite(known) or not_estimated(known):
            return SlotSet("requested_slot", None)  # declined at once: action_estimate_cost says why
        if (tracker.get_slot(MISSES) or 0) >= GIVE_UP_AFTER:
            return SlotSet("requested_slot", None)  # action_estimate_cost offers a person instead
        if tracker.get_slot(DATE_INVALID):
            return SlotSet("requested_slot", "care_date")
        needed = needed_facts(known)
        return SlotSet("requested_slot", needed[0] if needed else None)

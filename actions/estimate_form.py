"""ValidateEstimateForm: reads every answer for every cost fact, checks values, decides what to ask next.

Facts first: every message the form sees is read for every fact, whatever the intent classifier
called it (policies/facts_first.py sends every message that carries a fact here). When the form
starts, the messages before it are read too, so facts stated in the question that started it, or
in a question that was clarified first, are kept. When the form resumes after an FAQ detour, the
question is not read: it was a question about the rules, not an answer.

The form ends (requested_slot None) when everything is known, or when the estimate must be
declined (a region without parameters, off-site care without filing) or the user could not answer
the same question three times in a row; action_estimate_cost then says which.
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

from actions.cost_slots import changed_fact_events, earlier_facts, known_facts, today
from actions.turn_meta import meta
from knowledge.cost.facts import check_date, merge_all, needed_facts, read_facts, unfiled_offsite
from knowledge.cost.params import load_region
from knowledge.cost.request import MAX_AMOUNT
from knowledge.shared_facts import DEFAULT_REGION

FORM = "estimate_form"
# Bookkeeping slots: a rejected date must be asked again; misses count the answers in a row that
# left the requested fact unknown (the ask actions and the give-up read it).
DATE_INVALID = "date_invalid"
MISSES = "answer_misses"
GIVE_UP_AFTER = 3


def region_of(tracker: Tracker, facts: dict[str, Any]) -> str:
    return str(facts.get("region") or tracker.get_slot("region") or DEFAULT_REGION)


def _answers_the_form(tracker: Tracker) -> bool:
    """Whether the form runs right after the user's message (not resumed after an FAQ detour).
    Rasa hands the validation a tracker ending in the form's own ActionExecuted and slot candidates;
    the action before those tells."""
    actions = [e.get("name") for e in tracker.events if e.get("event") == "action"]
    return len(actions) >= 2 and actions[-1] == FORM and actions[-2] == "action_listen"


class ValidateEstimateForm(FormValidationAction):
    def name(self) -> str:
        return "validate_estimate_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict]:
        # Not the SDK's extract-then-validate-per-slot cycle: one reading of the message sets every
        # fact at once, and the bookkeeping slots are kept (the SDK drops slots outside the form).
        asked_before = tracker.get_slot("requested_slot")
        events = self.read_answer(dispatcher, tracker)
        tracker.add_slots(events)
        question = self.next_question(tracker)
        if question["value"] not in (None, asked_before):
            events.append(SlotSet(MISSES, 0.0))  # a new question starts its own count
        return events + [question]

    def read_answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        starting = tracker.active_loop_name != FORM
        answered = _answers_the_form(tracker)
        requested = None if starting else tracker.get_slot("requested_slot")
        text = tracker.latest_message.get("text") or ""
        said = read_facts(text, today(), requested) if starting or answered else {}
        known = known_facts(tracker)
        merged = merge_all(known, [*earlier_facts(tracker), said] if starting else [said])
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
        events += changed_fact_events(known, merged)
        if answered and requested and not starting:
            events.append(SlotSet(MISSES, self._misses(tracker, requested, said, merged, dispatcher)))
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
        tracker: Tracker, requested: str, said: dict[str, Any], merged: dict[str, Any], dispatcher: CollectingDispatcher
    ) -> float:
        """The answers in a row that left `requested` unknown; one that said nothing usable is explained."""
        if merged.get(requested) not in (None, ""):
            return 0.0
        if not said:
            dispatcher.utter_message(response="utter_level_unknown" if requested == "level" else "utter_answer_unclear")
        return float((tracker.get_slot(MISSES) or 0) + 1)

    @staticmethod
    def next_question(tracker: Tracker) -> dict:
        known = known_facts(tracker)
        if load_region(region_of(tracker, known)) is None or unfiled_offsite(known):
            return SlotSet("requested_slot", None)  # declined at once: action_estimate_cost says why
        if (tracker.get_slot(MISSES) or 0) >= GIVE_UP_AFTER:
            return SlotSet("requested_slot", None)  # action_estimate_cost offers a person instead
        if tracker.get_slot(DATE_INVALID):
            return SlotSet("requested_slot", "care_date")
        needed = needed_facts(known)
        return SlotSet("requested_slot", needed[0] if needed else None)

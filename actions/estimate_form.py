"""ValidateEstimateForm: reads every answer for every cost fact, checks values, asks what is missing."""
from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.cost_slots import FACT_SLOTS, answer_text, fact_events, known_facts, today
from actions.turn_meta import meta
from knowledge.cost.facts import check_date, needed_facts, read_facts
from knowledge.cost.params import load_region
from knowledge.cost.request import MAX_AMOUNT
from knowledge.shared_facts import DEFAULT_REGION

# Bookkeeping slots: a rejected date must be asked again; misses count answers not understood.
DATE_INVALID = "date_invalid"
MISSES = "answer_misses"


class ValidateEstimateForm(FormValidationAction):
    def name(self) -> str:
        return "validate_estimate_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        # Every fact slot is validated (so corrections and optional facts are kept); which ones are
        # asked for is decided by next_requested_slot.
        return list(FACT_SLOTS)

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict]:
        text = answer_text(tracker)
        requested = tracker.get_slot("requested_slot")
        facts = read_facts(text, today(), requested) if text else {}
        if facts or not text or requested is None:
            return fact_events(facts) + ([SlotSet(MISSES, 0.0)] if facts else [])
        # An answer that says nothing we can use: explain and ask again instead of rejecting the form.
        misses = (tracker.get_slot(MISSES) or 0) + 1
        dispatcher.utter_message(response="utter_level_unknown" if requested == "level" else "utter_answer_unclear")
        if misses >= 2:
            dispatcher.utter_message(response="utter_offer_exit")
        return [SlotSet(MISSES, float(misses))]

    async def next_requested_slot(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict | None:
        if load_region(tracker.get_slot("region") or DEFAULT_REGION) is None:
            return SlotSet("requested_slot", None)  # no parameters (乌海): the answer says so at once
        if tracker.get_slot(DATE_INVALID):
            return SlotSet("requested_slot", "care_date")
        needed = needed_facts(known_facts(tracker))
        return SlotSet("requested_slot", needed[0] if needed else None)

    def validate_total(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            amount = None
        if amount is None or amount <= 0:
            dispatcher.utter_message(response="utter_total_not_positive")
            return {"total": None}
        if amount > MAX_AMOUNT:
            dispatcher.utter_message(response="utter_total_too_large")
            return {"total": None}
        return {"total": str(amount)}

    def validate_care_date(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        if value is None:
            return {"care_date": None}
        problem = check_date(datetime.date.fromisoformat(str(value)))
        if problem:
            dispatcher.utter_message(text=problem.message, json_message=meta("refusal"))
            return {"care_date": None, DATE_INVALID: True}
        return {"care_date": str(value), DATE_INVALID: False}

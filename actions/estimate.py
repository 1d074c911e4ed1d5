"""Answer "how much will I pay?" with the engine; re-compute on a correction; forget on cancel."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.channel import is_spoken
from actions.cost_slots import FACT_SLOTS, fact_events, known_facts, today
from actions.estimate_form import DATE_INVALID, MISSES
from actions.turn_meta import meta
from knowledge.cost.engine import estimate
from knowledge.cost.errors import EstimateError, MissingInput
from knowledge.cost.facts import check_date, needed_facts, read_facts, to_input
from knowledge.cost.render import render_chat, render_speech, render_speech_details

FORM = "estimate_form"


def answer(dispatcher: CollectingDispatcher, tracker: Tracker, facts: dict[str, object], details: bool = False) -> None:
    """Utter the engine's estimate for `facts`, or its refusal: never a number it did not produce.
    Chat always shows the itemized steps; speech gives a summary, or the steps when asked (详细)."""
    try:
        result = estimate(to_input(facts, tracker.get_slot("region")))
    except MissingInput as missing:
        dispatcher.utter_message(response=f"utter_ask_{missing.field}")  # the domain owns the questions
        return
    except EstimateError as error:
        dispatcher.utter_message(text=error.message, json_message=meta("refusal"))
        return
    if not is_spoken(tracker):
        text = render_chat(result)
    else:
        text = render_speech_details(result) if details else render_speech(result)
    dispatcher.utter_message(text=text, json_message=meta("estimate", amount=result.personal_pay))


class ActionEstimateCost(Action):
    def name(self) -> str:
        return "action_estimate_cost"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        answer(dispatcher, tracker, known_facts(tracker))
        return []


class ActionExplainEstimate(Action):
    """ "详细": the itemized steps of the last estimate."""

    def name(self) -> str:
        return "action_explain_estimate"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        known = known_facts(tracker)
        if needed_facts(known):
            dispatcher.utter_message(response="utter_nothing_to_change")
        else:
            answer(dispatcher, tracker, known, details=True)
        return []


class ActionChangeFact(Action):
    """ "不对，是二级医院" / "那如果是退休的呢": apply the change to the last question and re-compute."""

    def name(self) -> str:
        return "action_change_fact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        changes = read_facts(tracker.latest_message.get("text") or "", today(), None)
        known = known_facts(tracker)
        if not changes and not known:
            dispatcher.utter_message(response="utter_nothing_to_change")
            return []
        if not changes:
            dispatcher.utter_message(response="utter_which_change")
            return []
        problem = check_date(changes.get("care_date"))
        if problem:
            dispatcher.utter_message(text=problem.message, json_message=meta("refusal"))
            changes.pop("care_date")
        merged = {**known, **changes}
        events = fact_events(changes)
        if needed_facts(merged) or tracker.active_loop_name == FORM:
            return events + [FollowupAction(FORM)]
        answer(dispatcher, tracker, merged)
        return events


class ActionResetCost(Action):
    def name(self) -> str:
        return "action_reset_cost"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        return [SlotSet(name, None) for name in FACT_SLOTS + (DATE_INVALID, MISSES, "requested_slot")]

"""The cost form's questions (Rasa's form runs action_ask_<slot> when the domain lists it).

Never the same question three times in a row: after two answers that left the fact unknown, the
third time the user gets examples of answers and a way out (算了, 转人工) instead of the question;
after a third such answer the form gives up (actions/estimate_form.py, GIVE_UP_AFTER).
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.estimate_form import EXAMPLES_AFTER, MISSES, date_refused_this_turn, refused_this_turn, started_this_turn


class AskFact(Action, ABC):
    @property
    @abstractmethod
    def fact(self) -> str:
        """The slot this action asks for."""

    def name(self) -> str:
        return f"action_ask_{self.fact}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if (tracker.get_slot(MISSES) or 0) >= EXAMPLES_AFTER:
            dispatcher.utter_message(response=f"utter_examples_{self.fact}")  # every one carries meta kind "ask"
            return []
        if started_this_turn(tracker) and not refused_this_turn(tracker):
            # "好的，帮您估算一下": also when a caller telling their care ("在镇上卫生院住的") starts it; not right
            # after a refusal of what the message said ("费用应该是大于零的金额")
            dispatcher.utter_message(response="utter_estimate_opening")
        dispatcher.utter_message(response=f"utter_ask_{self.fact}")
        return []


class AskScheme(AskFact):
    fact = "scheme"


class AskStatus(AskFact):
    fact = "status"


class AskCare(AskFact):
    fact = "care"


class AskLevel(AskFact):
    fact = "level"


class AskDisease(AskFact):
    fact = "disease"


class AskFiled(AskFact):
    fact = "filed"


class AskTotal(AskFact):
    fact = "total"


class AskCareDate(AskFact):
    fact = "care_date"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if date_refused_this_turn(tracker):
            return []  # the refusal just asked for the date of a recent bill: not "好的，帮您估算一下" and the same again
        return await super().run(dispatcher, tracker, domain)

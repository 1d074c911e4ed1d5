"""A `cancel` while nothing is being counted: "不算了" is acknowledged (and any facts told are
forgotten); one that asks ("听说取消个人账户了", "门诊统筹取消了吗") is the 医保 question it is, and gets
what any question gets."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.estimate import reset_cost_events
from actions.faq import LAST_TOPIC, ActionAnswerFaq
from knowledge.reading.cancel_or_question import asks_rather_than_stops


class ActionCancelOutsideForm(ActionAnswerFaq):
    def name(self) -> str:
        return "action_cancel_outside_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if asks_rather_than_stops(tracker.latest_message.get("text") or ""):
            return await super().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_cost_cancelled")
        return reset_cost_events() + [SlotSet(LAST_TOPIC, None)]

"""Greet back, unless the "greeting" only takes in what was said."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge.faq.follow_up import only_acknowledges


class ActionGreet(Action):
    """"喂 你好": the greeting; "好好好" after an answer, which the NLU takes for a greeting too, is taken
    as heard (the introduction again would start the call over)."""

    def name(self) -> str:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        text = tracker.latest_message.get("text") or ""
        dispatcher.utter_message(response="utter_noted" if only_acknowledges(text) else "utter_greet")
        return []

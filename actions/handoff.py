"""A request for a person, or a question about reaching one ("怎么转人工"): the classifier reads both as
human_handoff, since both name the transfer; the question gets the FAQ answer instead of a transfer."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import answer_topic
from knowledge.reading.person_request import asks_about_the_transfer, transfer_topic


class ActionHumanHandoff(Action):
    def name(self) -> str:
        return "action_human_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if asks_about_the_transfer(tracker.latest_message.get("text") or ""):
            return answer_topic(dispatcher, tracker, transfer_topic(), tracker.get_slot("region"))
        dispatcher.utter_message(response="utter_handoff")
        return []

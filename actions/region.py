"""Remember which city's rules the user wants (我是乌海的 / 在滨州)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge.reading.choices import parse_region


class ActionSetRegion(Action):
    def name(self) -> str:
        return "action_set_region"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        region = parse_region(tracker.latest_message.get("text") or "")
        if region is None:
            # An entity's value is the word as said (乌海市, 海勃湾): the slot holds a region code, and
            # only when every city named is the same one ("去乌海…从滨州过去" names none for sure).
            codes = {parse_region(str(value)) for value in tracker.get_latest_entity_values("region")}
            region = codes.pop() if len(codes) == 1 else None
        return [SlotSet("region", region)] if region else []

"""Answer FAQ questions from knowledge/, and offer the closest topics when a question is not understood."""
from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.channel import is_spoken
from actions.cost_slots import fact_events, today
from actions.turn_meta import meta
from knowledge.cost.facts import is_cost_question, read_facts
from knowledge.faq.answer import compose_reply
from knowledge.faq.choice import choose, ranking_from_parse
from knowledge.faq.model import knowledge_base
from knowledge.reading.choices import parse_region

HANDOFF_BUTTON = {"title": "都不是，转人工", "payload": "/human_handoff"}


def topic_button(topic_id: str) -> dict[str, str]:
    payload = "/faq" + json.dumps({"faq_topic": topic_id}, ensure_ascii=False)
    return {"title": knowledge_base().topics[topic_id].title, "payload": payload}


def region_events(tracker: Tracker) -> list[dict[str, Any]]:
    """A city named in the question itself ("乌海的家庭共济…") is remembered for the conversation."""
    said = parse_region(tracker.latest_message.get("text") or "")
    if said and said != tracker.get_slot("region"):
        return [SlotSet("region", said)]
    return []


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        kb = knowledge_base()
        events = region_events(tracker)
        region: str | None = events[0]["value"] if events else tracker.get_slot("region")
        picked = next(tracker.get_latest_entity_values("faq_topic"), None)
        if picked in kb.topics:
            topic_id = picked
        else:
            choice = choose(ranking_from_parse(tracker.latest_message))
            if choice.answer is None:
                offered = [t for t in choice.candidates if t in kb.topics]
                dispatcher.utter_message(
                    response="utter_ask_which_faq",
                    buttons=[topic_button(t) for t in offered] + [HANDOFF_BUTTON],
                    json_message=meta("clarify", offered=offered),
                )
                return events
            topic_id = choice.answer
            text = tracker.latest_message.get("text") or ""
            if kb.topics[topic_id].offers_estimate and is_cost_question(text):
                # "职工住院花了两万五，个人负担多少" is a cost question, not a question about the rules
                return events + fact_events(read_facts(text, today())) + [FollowupAction("estimate_form")]
        reply = compose_reply(kb, topic_id, region, spoken=is_spoken(tracker))
        dispatcher.utter_message(text=reply.text, json_message=meta("answer", topic=reply.topic_id))
        return events


class ActionOfferHelp(Action):
    """The honest "I don't know that": the closest topics as buttons, and a human."""

    def name(self) -> str:
        return "action_offer_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        kb = knowledge_base()
        closest = [t for t, _ in ranking_from_parse(tracker.latest_message)[:3] if t in kb.topics]
        dispatcher.utter_message(
            response="utter_not_understood",
            buttons=[topic_button(t) for t in closest] + [{"title": "转人工", "payload": "/human_handoff"}],
            json_message=meta("clarify", offered=closest),
        )
        dispatcher.utter_message(json_message={"not_understood": True})
        return []

"""A `cancel`: "不算了" is acknowledged, the cost form stopped if it was running and any facts told
forgotten; one that asks ("听说取消个人账户了", "门诊统筹取消了吗") is the 医保 question it is and gets what
any question gets, and in the middle of the cost form the form then resumes, its facts kept."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.cost_slots import today
from actions.estimate import reset_cost_events
from actions.estimate_form import FORM
from actions.faq import LAST_TOPIC, ActionAnswerFaq, answer_topic, topic_just_answered
from knowledge.cost.facts import read_facts
from knowledge.faq.choice import ANSWER, FAQ_INTENT, Reading
from knowledge.faq.decision import decide
from knowledge.faq.model import knowledge_base
from knowledge.faq.small_talk import says_farewell
from knowledge.reading.cancel_or_question import (
    asks_rather_than_stops,
    checks_what_it_heard,
    goes_on_counting,
    question_after_stop,
)


class ActionCancel(ActionAnswerFaq):
    """Decides by itself whether the cost form runs; the rules call it by this name outside the form."""

    def name(self) -> str:
        return "action_cancel_outside_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        in_form = tracker.active_loop_name == FORM
        text = tracker.latest_message.get("text") or ""
        if in_form and goes_on_counting(text):
            return [FollowupAction(FORM)]  # "哦不行 那算了 接着算" after a question in the form: its question again
        # "那不算父母是吧" right after an answer, nothing being counted: whether it heard that answer right; the
        # answer again says it
        just_answered = None if in_form else topic_just_answered(tracker)
        if just_answered is not None and checks_what_it_heard(text):
            return answer_topic(dispatcher, tracker, just_answered, tracker.get_slot("region"))
        if asks_rather_than_stops(text):
            answered = await super().run(dispatcher, tracker, domain)
            return answered + [FollowupAction(FORM)] if in_form else answered
        farewell = says_farewell(text)  # "算了 不算了 挂了 再见": the goodbye that ends the call
        dispatcher.utter_message(response="utter_goodbye" if farewell else "utter_cost_cancelled")
        stopped = [ActiveLoop(None)] if in_form else []
        return stopped + reset_cost_events() + ([] if farewell else self._question_after_stop(dispatcher, tracker))

    @staticmethod
    def _question_after_stop(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        """"算了，先不算了，问问慢病怎么办吧": the question is answered when a topic answers it plainly."""
        question = question_after_stop(tracker.latest_message.get("text") or "")
        if question is not None:
            kb = knowledge_base()
            reading = Reading(intents={FAQ_INTENT: 1.0}, ranking=Reading.from_parse(tracker.latest_message).ranking)
            choice = decide(kb, reading, question, read_facts(question, today()))
            if choice.kind == ANSWER and choice.topic is not None:
                return answer_topic(dispatcher, tracker, choice.topic, tracker.get_slot("region"))
        return [SlotSet(LAST_TOPIC, None)]


class ActionCancelInForm(ActionCancel):
    """The same action under the name the form's rule uses: Rasa's rules must see an action that ends a
    loop (`active_loop: null` after it) under a name of its own."""

    def name(self) -> str:
        return "action_cancel_in_form"

"""FactsFirstPolicy: outside the cost form, a message that carries a cost fact is not left to the
intent classifier's guess.

Why a policy: the intent of a short answer is a guess ("职工，在职" looks like an FAQ question to a
classifier trained on thousands of them), but whether it states a fact is not: the readers that fill
the slots say so (knowledge/cost/turns.py decides, for the form's validation and for this policy).
While the form is active, Rasa's RulePolicy predicts the form first, as a "no user" prediction that
outranks every other policy, so there the form's validation decides (actions/estimate_form.py:
it reads an answer, or rejects a stop or an FAQ question so that the rules handle it). This policy,
above RulePolicy (priority 7 > 6), covers the rest, right after a user message:

- After an estimate (the last cost or FAQ action was a cost one), a message with a fact is a
  correction or a what-if: action_change_fact re-computes with that one change (then: listen).
- Otherwise a cost question the rules would not start the form for (one taken for an FAQ question
  or for thanks, or facts the classifier gave up on) starts it, after forgetting the last bill, as
  the rule for ask_cost does.
- A greeting, thanks or goodbye that asks a 医保 question ("我在村里 离县城远 必须跑医保局吗": its words
  say so), or a thanks or goodbye that says none ("就这一个病": knowledge/faq/small_talk.py), is decided
  as any message (action_answer_faq, then: listen).
Everything else is left to the other policies (an all-zero prediction).
"""
from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.untrained_policy import UntrainedPolicy
from bot.widget_region_policy import widget_region
from knowledge.cost.engine import serves_region
from knowledge.cost.facts import counted_facts, facts_in_slots, read_facts
from knowledge.cost.glossary import term_asked
from knowledge.cost.turns import (
    COST_ENDINGS,
    Message,
    asks_for_the_same_case,
    asks_how_the_estimate_was_reached,
    asks_what_one_pays_again,
    back_to_the_estimate,
    changes_the_estimate,
    continues_a_cost_question,
    leaves_it_to_the_estimate,
    starts_an_estimate,
    tells_another_persons_bill,
)
from knowledge.faq.choice import best_intent, named_topic
from knowledge.faq.follow_up import its_sentence_answers, says_back_a_figure
from knowledge.faq.model import Topic, knowledge_base
from knowledge.faq.small_talk import decided_as_a_message
from knowledge.reading.choices import parse_region
from knowledge.reading.script import simplified
from knowledge.shared_facts import DEFAULT_REGION

FORM = "estimate_form"
CHANGE = "action_change_fact"
EXPLAIN = "action_explain_estimate"
RESTATE = "action_estimate_cost"
RESET = "action_reset_cost"
# Intents whose own rules start the form (bot/rules/estimate.yml).
RULE_STARTS = {"ask_cost", "inform", "change_fact"}
# The last of these actions tells what the conversation is about: a cost question or an FAQ topic.
COST_ACTIONS = {FORM, RESTATE, CHANGE, EXPLAIN}
FAQ_ANSWER = "action_answer_faq"
# an unsure message gets the same decision from action_offer_help ("她是居民医保，在村里交的" picking 居民住院)
FAQ_ANSWERS = {FAQ_ANSWER, "action_offer_help"}
# A thanks or goodbye told on its own closes what came before: a question after it with a fact
# ("家里是低保户，住院除了医保还能再给报点吗") is a new one, not a what-if of the last estimate.
CLOSINGS = {"utter_thank", "utter_goodbye"}
TOPIC_ACTIONS = COST_ACTIONS | CLOSINGS | FAQ_ANSWERS | {RESET}
ESTIMATES = {RESTATE, CHANGE}
LAST_TOPIC = "faq_last_topic"  # the slot actions/faq.py keeps
# What a cost question ended with last (or the form that started a new one)
_COST_OUTCOMES = ESTIMATES | CLOSINGS | {FORM, RESET, "action_cancel_in_form"}


def next_action(
    message: Message,
    *,
    in_form: bool,
    last_topic: str | None,
    earlier: Sequence[Message] = (),
    estimable: bool = True,
    today: datetime.date,
    estimate_stands: bool = False,
    answered: Topic | None = None,
    counted: Mapping[str, Any] = MappingProxyType({}),
    declined_for_region: bool = False,
) -> str | None:
    """The action this message calls for, or None to leave it to the other policies. `last_topic` is
    the last cost or FAQ action, `earlier` the user's messages since the last cost question ended,
    `estimable` whether the region has cost parameters. A new cost question first forgets the last
    bill (action_reset_cost; then this policy starts the form), as its rule does. `estimate_stands`: the
    last cost question ended with an estimate, which a message coming back to it changes. `answered`: the
    FAQ topic answered last, whose figures said back ("退休5500？" after the 5500元 cap) are no bill.
    `counted`: the facts the last estimate counted with (told, or the defaults it took). `declined_for_region`:
    the city of the last bill has no cost parameters (乌海's, declined)."""
    if in_form:
        return None  # the form's validation decides (see the module doc)
    if last_topic in COST_ACTIONS and declined_for_region and estimable and parse_region(message.text):
        return CHANGE  # "那滨州的呢 一样的情况" after 乌海's bill was declined: the same bill, counted here
    if last_topic in COST_ACTIONS:
        if tells_another_persons_bill(message, today):
            return RESET  # "那我爸呢 他退休职工 … 花了2w3": his own estimate
        if changes_the_estimate(message, today, counted):
            return CHANGE
        if term_asked(message.text) is not None:
            return EXPLAIN  # "那大病保险算进去了没": the word, and what it came to in the estimate, not its topic
        if named_topic(knowledge_base(), message.text) is not None:
            return None  # "为什么异地就医要备案": the FAQ's
        if asks_how_the_estimate_was_reached(message, today, counted):
            return EXPLAIN  # "为什么先扣了800": its breakdown, as "详细" gets
        if asks_what_one_pays_again(message, today) or leaves_it_to_the_estimate(message):
            return RESTATE
        if asks_for_the_same_case(message, today, counted):
            return RESTATE  # "那我老伴也是这情况呢": the same, if everything is the same
        return _small_talk_decided(message)
    if estimate_stands and back_to_the_estimate(message, today, counted):
        return CHANGE
    if estimate_stands and named_topic(knowledge_base(), message.text) is None and asks_what_one_pays_again(message, today):
        return RESTATE  # "最后自己掏多少" after questions on 大病保险 and 大额补助: the estimate that stands
    after_an_answer = last_topic in FAQ_ANSWERS and answered is not None
    said = read_facts(message.text, today) if after_an_answer else {}  # read only where an answer's checks need it
    if after_an_answer and says_back_a_figure(knowledge_base(), answered, message.text, said) and message.intent not in RULE_STARTS:
        return FAQ_ANSWER  # which answers it again, whatever the NLU took it for ("400也太少了吧 …": goodbye)
    counts = message.intent in RULE_STARTS or starts_an_estimate(message, today, earlier, estimable) or (
        last_topic in FAQ_ANSWERS and continues_a_cost_question(message, earlier, today)
    )
    if counts and after_an_answer and its_sentence_answers(knowledge_base(), answered, message.text, said):
        # "先自付多少" after how to file for care elsewhere, "出院能直接给报了不" after 医疗救助: the sentence
        # of that answer saying it, not the cost form
        return FAQ_ANSWER
    if message.intent in RULE_STARTS:
        return None  # their rules start the form
    return RESET if counts else _small_talk_decided(message)


def _small_talk_decided(message: Message) -> str | None:
    return FAQ_ANSWER if decided_as_a_message(message.intent, message.text) else None


def last_topic_action(tracker: DialogueStateTracker) -> str | None:
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name in TOPIC_ACTIONS:
            return event.action_name
    return None


def estimate_stands(tracker: DialogueStateTracker) -> bool:
    """The last cost question ended with an estimate (changed or not), not with a reset, a stop or a
    thanks."""
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name in _COST_OUTCOMES:
            return event.action_name in ESTIMATES
    return False


def _message(event: UserUttered) -> Message:
    intent = event.intent or {}
    return Message(
        text=simplified(event.text or ""),  # as the actions read it (nlu/term_normalizer.py)
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
        best_guess=best_intent(event.parse_data),
    )


def earlier_messages(tracker: DialogueStateTracker) -> list[Message]:
    """The user's messages before the latest one since the last cost question ended, oldest first
    (as actions/cost_slots.py reads them when the form starts)."""
    said: list[Message] = []
    latest_seen = False
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name in COST_ENDINGS:
            break
        if isinstance(event, UserUttered):
            if latest_seen and not (event.text or "").startswith("/"):  # "/…": a button's intent
                said.append(_message(event))
            latest_seen = True
    return said[::-1]


def _estimable(tracker: DialogueStateTracker, text: str) -> bool:
    # the widget's region of this very message is set by WidgetRegionPolicy's events, after predicting
    region = parse_region(text) or widget_region(tracker) or tracker.get_slot("region") or DEFAULT_REGION
    return serves_region(str(region))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class FactsFirstPolicy(UntrainedPolicy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": 7}

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = self._next(tracker)
        if action is not None:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)

    @classmethod
    def _next(cls, tracker: DialogueStateTracker) -> str | None:
        latest = tracker.latest_action_name
        if latest in (CHANGE, EXPLAIN, RESTATE):
            # The rules know what follows action_change_fact only after a change_fact intent (the
            # breakdown only after ask_details, the estimate only after the form); this policy also
            # runs them after others, so it says that the bot then listens.
            return ACTION_LISTEN_NAME
        if latest == RESET:
            # The reset this policy chose for a new cost question is followed by the form.
            return FORM if cls._chose_the_last_action(tracker) else None
        if latest == FAQ_ANSWER and cls._chose_the_last_action(tracker):
            return ACTION_LISTEN_NAME  # no rule answers a greeting with the FAQ action: it says what follows
        if latest != ACTION_LISTEN_NAME or tracker.latest_message is None:
            return None
        message = _message(tracker.latest_message)
        today = datetime.date.today()
        return next_action(
            message,
            in_form=tracker.active_loop_name == FORM,
            last_topic=last_topic_action(tracker),
            earlier=earlier_messages(tracker),
            estimable=_estimable(tracker, message.text),
            today=today,
            estimate_stands=estimate_stands(tracker),
            answered=knowledge_base().topics.get(tracker.get_slot(LAST_TOPIC)),
            counted=counted_facts(facts_in_slots(tracker.get_slot), today),
            declined_for_region=not serves_region(str(tracker.get_slot("region") or DEFAULT_REGION)),
        )

    @classmethod
    def _chose_the_last_action(cls, tracker: DialogueStateTracker) -> bool:
        last = next((e for e in reversed(tracker.events) if isinstance(e, ActionExecuted)), None)
        return last is not None and last.policy is not None and cls.__name__ in last.policy

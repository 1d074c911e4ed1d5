"""FactsFirstPolicy: in the cost conversation, a message that carries a cost fact is an answer,
whatever the intent classifier called it.

Why a policy: the intent of a short answer is a guess ("职工，在职" looks like an FAQ question to a
classifier trained on thousands of them), but whether it states a fact is not: the same readers
that fill the slots (knowledge.cost.facts) say so, for any wording the vocabularies know. So the
decision is made from the facts, and the intent only decides among the messages without facts.
Above RulePolicy (priority 7 > 6), right after a user message:

- While estimate_form is active, every message goes to the form, except a stop (算了, 再见, 谢谢,
  转人工) and a confident FAQ question ("异地就医要备案吗"): those are left to the rules, which
  answer the question and resume the form, or end it. A message with a fact is a stop or an FAQ
  question only when it asks about the rules.
- After an estimate (the last cost or FAQ action was a cost one), a message with a fact is a
  correction or a what-if: action_change_fact re-computes with that one change.
- Otherwise a message that states an amount and asks what it costs the user starts the form even
  when it was classified as an FAQ question, and so does one with facts the classifier gave up on.
Everything else is left to the other policies (an all-zero prediction).
"""
from __future__ import annotations

import datetime
from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge.cost.facts import asks_about_rules, is_cost_question, read_facts

FORM = "estimate_form"
CHANGE = "action_change_fact"
# Intents that end or leave the cost conversation; the rules handle them.
STOPS = {"cancel", "goodbye", "thank", "human_handoff"}
FAQ = "faq"
FALLBACK = "nlu_fallback"
# The last of these actions tells what the conversation is about: a cost question or an FAQ topic.
COST_ACTIONS = {FORM, "action_estimate_cost", CHANGE, "action_explain_estimate"}
TOPIC_ACTIONS = COST_ACTIONS | {"action_answer_faq", "action_reset_cost", "action_offer_help"}
# Facts that say nothing about a bill on their own ("我是乌海的" sets the city: a rule's job).
NOT_A_BILL_FACT = {"region"}


def next_action(
    *,
    text: str,
    intent: str | None,
    confidence: float,
    in_form: bool,
    requested: str | None,
    after_estimate: bool,
    faq_min_confidence: float,
    today: datetime.date,
) -> str | None:
    """The action this message calls for, or None to leave it to the other policies."""
    facts = read_facts(text, today, requested if in_form else None)
    confident = confidence >= faq_min_confidence
    rules_question = intent == FAQ and confident and (not facts or asks_about_rules(text))
    stop = intent in STOPS and confident and (not facts or asks_about_rules(text))
    if in_form:
        return None if rules_question or stop else FORM
    if rules_question or stop:
        return None
    if after_estimate and set(facts) - NOT_A_BILL_FACT:
        return CHANGE
    if intent == FAQ and is_cost_question(text):
        return FORM
    if intent == FALLBACK and set(facts) - NOT_A_BILL_FACT:
        return FORM  # "职工 退休 三级医院" unrecognised as an answer: it still is one
    return None


def last_topic_action(tracker: DialogueStateTracker) -> str | None:
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name in TOPIC_ACTIONS:
            return event.action_name
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class FactsFirstPolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # faq_min_confidence: below it an FAQ-looking message in the form is read as an (unclear) answer.
        return {"priority": 7, "faq_min_confidence": 0.6}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context)

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource  # nothing to learn: the decision is read from the message

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if tracker.latest_action_name == ACTION_LISTEN_NAME and tracker.latest_message is not None:
            message = tracker.latest_message
            intent = message.intent or {}
            action = next_action(
                text=message.text or "",
                intent=intent.get("name"),
                confidence=float(intent.get("confidence") or 0.0),
                in_form=tracker.active_loop_name == FORM,
                requested=tracker.get_slot("requested_slot"),
                after_estimate=last_topic_action(tracker) in COST_ACTIONS,
                faq_min_confidence=float(self.config["faq_min_confidence"]),
                today=datetime.date.today(),
            )
            if action is not None:
                probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)

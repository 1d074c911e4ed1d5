"""RulePolicy's states of a conversation's last turns only, not of the whole session.

On each of its predictions (two or three a turn) Rasa 3.6's RulePolicy turns the whole session into
states: the tracker replayed event by event and a state built at every action, then a rule compared
from the end. A rule's i-th state from the end is compared only with the conversation's i-th state
from the end, and a state farther back than the rule is long decides nothing (`_get_possible_keys`:
past its length a rule applies). So states farther back than the longest rule are not built: the
tracker is still replayed (slots and the active loop carry over), a state is made only at the last
actions. The cost of a turn grew with the session (README, "Benchmark"); this part of it no longer does.
"""
from __future__ import annotations

from typing import Any

from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

_LONGEST = "_longest_rule_states"


def last_states(tracker: DialogueStateTracker, domain: Domain, count: int) -> list[State]:
    """The last `count` of `tracker.past_states(domain)`, the same dicts, without building the others."""
    applied = tracker.applied_events()
    actions = [index for index, event in enumerate(applied) if isinstance(event, ActionExecuted)]
    # past_states has a state before every action and one at the end: the end's is the count-th
    wanted = set(actions[max(0, len(actions) - (count - 1)) :]) if count > 1 else set()
    replay = tracker.init_copy()
    states: list[State] = []
    for index, event in enumerate(applied):
        if index in wanted:
            states.append(domain.get_active_state(replay))
        replay.update(event)
    states.append(domain.get_active_state(replay))
    return states


def longest_rule(policy: RulePolicy) -> int:
    """How many states the policy's longest rule (or loop unhappy-path rule) has; read once."""
    longest = policy.__dict__.get(_LONGEST)
    if longest is None:
        keys = [*policy.lookup.get(RULES, {}), *policy.lookup.get(RULES_FOR_LOOP_UNHAPPY_PATH, {})]
        longest = policy.__dict__[_LONGEST] = max((len(policy._rule_key_to_state(key)) for key in keys), default=1)
    return int(longest)


def rule_prediction_states(
    self: RulePolicy,
    tracker: DialogueStateTracker,
    domain: Domain,
    use_text_for_last_user_input: bool = False,
    rule_only_data: dict[str, Any] | None = None,
) -> list[State]:
    """Policy._prediction_states for RulePolicy (rule data: no rule-only turns ignored, no
    action_unlikely_intent removed, no history limit), its states cut to the longest rule."""
    states = last_states(tracker, domain, longest_rule(self))
    self.featurizer._choose_last_user_input([states], use_text_for_last_user_input)
    return states

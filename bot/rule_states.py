"""RulePolicy's states of a conversation's last turns only, not of the whole session.

On each of its predictions (two or three a turn) Rasa 3.6's RulePolicy turns the whole session into
states: the tracker replayed event by event and a state built at every action, then a rule compared
from the end. A rule's i-th state from the end is compared only with the conversation's i-th state
from the end, and a state farther back than the rule is long decides nothing (`_get_possible_keys`:
past its length a rule applies). So only the last states are handed over, and the replay is kept on
the tracker and continued with the events added since (slots and the active loop carry over), not
started again on every call. The cost of a turn grew with the session (README, "Benchmark"); this
part of it no longer does.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any

from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker

_LONGEST = "_longest_rule_states"
_REPLAYED = "_rule_states_replayed"


@dataclass
class _Replayed:
    """A tracker's applied events replayed so far, kept on it between calls and turns."""

    domain: Domain
    applied: list[Event]  # the applied events replayed
    replay: DialogueStateTracker  # a new tracker updated with them
    states: list[State]  # the state before each action among them


def _replayed(tracker: DialogueStateTracker, domain: Domain) -> _Replayed:
    """The tracker replayed up to now: the kept replay continued when the events it replayed are still
    the first applied ones (events were added), else replayed again from the first."""
    applied = tracker.applied_events()
    kept: _Replayed | None = tracker.__dict__.get(_REPLAYED)
    if (
        kept is None
        or kept.domain is not domain
        or len(kept.applied) > len(applied)
        or not all(map(operator.is_, kept.applied, applied))
    ):
        kept = _Replayed(domain, [], tracker.init_copy(), [])
    for event in applied[len(kept.applied) :]:
        if isinstance(event, ActionExecuted):
            kept.states.append(domain.get_active_state(kept.replay))
        kept.replay.update(event)
    kept.applied = applied
    tracker.__dict__[_REPLAYED] = kept
    return kept


def last_states(tracker: DialogueStateTracker, domain: Domain, count: int) -> list[State]:
    """The last `count` of `tracker.past_states(domain)` (a state before every action and one at the
    end), equal dicts of the caller's own: RulePolicy's featurizer deletes from them."""
    replayed = _replayed(tracker, domain)
    earlier = replayed.states[max(0, len(replayed.states) - (count - 1)) :] if count > 1 else []
    # a state's parts may be the kept replay's own (its latest action): each part copied
    return [
        {key: dict(sub_state) for key, sub_state in state.items()}
        for state in [*earlier, domain.get_active_state(replayed.replay)]
    ]


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

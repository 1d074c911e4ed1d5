"""WidgetRegionPolicy: the city the web widget sends with a message (the REST channel's metadata
`{"region": …}`) becomes the `region` slot in the same turn.

Before, the gateway set the slot through Rasa's HTTP API and then sent the message: one more request,
with its own tracker load and save, on every web chat's first turn (README, "Benchmark"). Rasa applies
the events of every policy's prediction whichever policy wins, so this policy predicts no action and
only sets the slot, right after the user's message, before any action reads it. The gateway sends the
region only when the widget's choice changed, so a city the user named in words stands until then.
"""
from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.untrained_policy import UntrainedPolicy
from knowledge.shared_facts import REGIONS

SLOT = "region"


def widget_region(tracker: DialogueStateTracker) -> str | None:
    """The region the latest message brought from the widget, when it changes the slot (right after
    the message, before an action ran)."""
    message = tracker.latest_message
    if tracker.latest_action_name != ACTION_LISTEN_NAME or message is None:
        return None
    region = (message.metadata or {}).get(SLOT)
    return region if region in REGIONS and region != tracker.get_slot(SLOT) else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class WidgetRegionPolicy(UntrainedPolicy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": 1}

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        region = widget_region(tracker)
        events = [SlotSet(SLOT, region)] if region else []
        return self._prediction(self._default_predictions(domain), events=events)

"""The widget's city, sent with a message, becomes the region slot in that turn, and only then."""
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.widget_region_policy import WidgetRegionPolicy, widget_region

DOMAIN = Domain.from_dict({
    "slots": {"region": {"type": "text", "influence_conversation": False, "mappings": [{"type": "custom"}]}},
    "actions": ["action_answer_faq"],
})


def tracker(region_sent, slot=None, answered=False):
    events = [ActionExecuted("action_listen")]
    if slot:
        events.append(SlotSet("region", slot))
    events.append(UserUttered("家庭共济怎么办", metadata={"region": region_sent} if region_sent else {}))
    if answered:
        events.append(ActionExecuted("action_answer_faq"))
    return DialogueStateTracker.from_events("s", events, slots=DOMAIN.slots)


def predict(tracker_):
    policy = WidgetRegionPolicy({"priority": 1}, None, None, ExecutionContext(GraphSchema({})))
    return policy.predict_action_probabilities(tracker_, DOMAIN)


def test_a_new_city_from_the_widget_sets_the_slot_and_predicts_no_action():
    prediction = predict(tracker("wuhai"))
    assert prediction.events == [SlotSet("region", "wuhai")]
    assert max(prediction.probabilities) == 0.0


def test_nothing_is_set_when_the_slot_already_holds_it_or_nothing_was_sent():
    assert predict(tracker("wuhai", slot="wuhai")).events == []
    assert predict(tracker(None, slot="wuhai")).events == []


def test_only_right_after_the_message_so_a_city_named_in_words_stands():
    # the FAQ action set another city from the question's words: the widget's must not undo it later in the turn
    assert widget_region(tracker("binzhou", slot="wuhai", answered=True)) is None


def test_an_unknown_region_code_is_ignored():
    assert predict(tracker("shanghai")).events == []

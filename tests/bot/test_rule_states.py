"""RulePolicy with the states of the last turns only (bot/rule_states.py) predicts what it predicts with
the whole session's states: the policy trained on the bot's own rules, asked at every action of the
test stories (tests/stories) and of one long conversation made of all of them."""
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.importers.importer import TrainingDataImporter

from bot import rule_states
from tests.bot.test_applied_events import EVENT_MAKERS

# Rasa's own, kept before any test applies the patches (bot/hot_path.py)
RASAS_OWN = RulePolicy._prediction_states
RASAS_APPLIED_EVENTS = DialogueStateTracker.applied_events
ROOT = Path(__file__).resolve().parents[2]


def trackers(importer, domain):
    return TrainingDataGenerator(importer.get_stories(), domain, augmentation_factor=0).generate()


@pytest.fixture(scope="module")
def trained():
    importer = TrainingDataImporter.load_from_dict(
        config_path=str(ROOT / "config.yml"), domain_path=str(ROOT / "bot/domain"),
        training_data_paths=[str(ROOT / "bot/rules")],
    )
    domain = importer.get_domain()
    config = next(p for p in importer.get_config()["policies"] if p["name"] == "RulePolicy")
    storage = LocalModelStorage(Path(tempfile.mkdtemp()))
    policy = RulePolicy.create({**RulePolicy.get_default_config(), **config}, storage, Resource("rules"),
                               ExecutionContext(GraphSchema({}), "test"))
    policy.train(trackers(importer, domain), domain)
    return policy, domain


@pytest.fixture(scope="module")
def conversations(trained):
    _, domain = trained
    stories = TrainingDataImporter.load_from_dict(
        domain_path=str(ROOT / "bot/domain"), training_data_paths=[str(ROOT / "tests/stories")]
    )
    # as a served conversation is: a plain tracker, not training's tracker with cached states
    told = [list(tracker.events) for tracker in trackers(stories, domain)]
    told.append([event for events in told for event in events])
    return [DialogueStateTracker.from_events(f"story{n}", events, domain.slots) for n, events in enumerate(told)]


def prefixes(tracker, domain):
    """The conversation as it stood before each action: where a policy is asked."""
    events = list(tracker.events)
    for end, event in enumerate(events):
        if isinstance(event, ActionExecuted) and end:
            yield DialogueStateTracker.from_events(tracker.sender_id, events[:end], domain.slots)


def prediction(policy, tracker, domain):
    made = policy.predict_action_probabilities(tracker, domain)
    return made.probabilities, made.events, made.hide_rule_turn, made.is_end_to_end_prediction, made.is_no_user_prediction


def test_the_longest_rule_is_shorter_than_the_long_conversation(trained, conversations):
    policy, domain = trained
    assert 2 <= rule_states.longest_rule(policy) < len(conversations[-1].past_states(domain)) // 4


def test_every_prediction_is_the_same_with_the_last_states_only(trained, conversations, monkeypatch):
    policy, domain = trained
    asked = [tracker for conversation in conversations for tracker in prefixes(conversation, domain)]
    assert len(asked) > 200
    monkeypatch.setattr(DialogueStateTracker, "applied_events", RASAS_APPLIED_EVENTS)
    monkeypatch.setattr(RulePolicy, "_prediction_states", RASAS_OWN)
    own = [prediction(policy, tracker, domain) for tracker in asked]
    monkeypatch.setattr(RulePolicy, "_prediction_states", rule_states.rule_prediction_states)
    assert [prediction(policy, tracker, domain) for tracker in asked] == own


@pytest.mark.parametrize("count", [1, 2, 5, 40, 10_000])
def test_the_last_states_are_the_end_of_rasas_past_states(trained, conversations, count, monkeypatch):
    _, domain = trained
    monkeypatch.setattr(DialogueStateTracker, "applied_events", RASAS_APPLIED_EVENTS)
    for tracker in conversations:
        assert rule_states.last_states(tracker, domain, count) == tracker.past_states(domain)[-count:]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, len(EVENT_MAKERS) - 1), max_size=10), min_size=1, max_size=8),
       st.sampled_from([1, 2, 4, 9]))
def test_a_tracker_growing_turn_by_turn_gets_the_end_of_its_past_states_each_time(trained, chunk_list, count):
    _, domain = trained
    tracker = DialogueStateTracker("grows", domain.slots)
    for chunk in chunk_list:  # events added between calls, reverts and restarts among them
        for index in chunk:
            tracker.update(EVENT_MAKERS[index]())
        assert rule_states.last_states(tracker, domain, count) == tracker.past_states(domain)[-count:]


def test_the_states_handed_out_are_the_callers_own(trained, conversations):
    _, domain = trained
    tracker = conversations[-1]
    for state in rule_states.last_states(tracker, domain, 4):
        for sub_state in state.values():
            sub_state.clear()
    assert rule_states.last_states(tracker, domain, 4) == tracker.past_states(domain)[-4:]

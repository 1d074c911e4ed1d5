"""The kept applied events (bot/applied_events.py) are always the list Rasa's own method gives."""
from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.slots import AnySlot
from rasa.shared.core.trackers import DialogueStateTracker

from bot import applied_events

RASAS_OWN = DialogueStateTracker.applied_events  # kept before any test applies the patches
FORM, OTHER_FORM = "estimate_form", "other_form"

# every kind of event the fold treats differently, a form's run among them
EVENT_MAKERS = [
    lambda: UserUttered("问一下", {"name": "ask"}),
    lambda: ActionExecuted("action_listen"),
    lambda: ActionExecuted("utter_answer"),
    lambda: ActionExecuted(FORM),
    lambda: ActionExecuted(OTHER_FORM),
    lambda: ActiveLoop(FORM),
    lambda: ActiveLoop(OTHER_FORM),
    lambda: ActiveLoop(None),
    lambda: ActionExecutionRejected(FORM),
    lambda: ActionReverted(),
    lambda: UserUtteranceReverted(),
    lambda: Restarted(),
    lambda: SessionStarted(),
    lambda: SlotSet("region", "滨州"),
]
chunks = st.lists(st.lists(st.integers(0, len(EVENT_MAKERS) - 1), max_size=12), min_size=1, max_size=8)


def new_tracker(max_event_history=None):
    return DialogueStateTracker("t", [AnySlot("region", mappings=[])], max_event_history=max_event_history)


def same(tracker):
    kept = applied_events.applied_events(tracker)
    assert [id(event) for event in kept] == [id(event) for event in RASAS_OWN(tracker)]
    return kept


@settings(max_examples=300, deadline=None)
@given(chunks, st.sampled_from([None, 7]))
def test_events_added_bit_by_bit_give_rasas_applied_events_each_time(chunk_list, max_event_history):
    tracker = new_tracker(max_event_history)
    for chunk in chunk_list:
        for index in chunk:
            tracker.update(EVENT_MAKERS[index]())
        same(tracker)
        same(tracker)  # asked again with nothing new


def test_a_later_loop_name_changes_how_earlier_form_runs_count_and_is_seen():
    tracker = new_tracker()
    for event in [ActionExecuted(OTHER_FORM), UserUttered("x", {"name": "a"}), ActionExecuted(OTHER_FORM)]:
        tracker.update(event)
    before = same(tracker)
    tracker.update(ActiveLoop(OTHER_FORM))  # now OTHER_FORM is a loop: its second run undoes events
    after = same(tracker)
    assert len(after) != len(before) + 1


def test_the_list_handed_out_is_the_callers_own():
    tracker = new_tracker()
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("x", {"name": "a"}))
    applied_events.applied_events(tracker).clear()
    assert len(same(tracker)) == 2


def test_a_replaced_event_list_is_worked_out_again():
    tracker = new_tracker()
    tracker.update(ActionExecuted("action_listen"))
    same(tracker)
    tracker.events = deque([UserUttered("y", {"name": "b"})])
    assert [event.text for event in same(tracker)] == ["y"]


@pytest.mark.parametrize("count", [0, 1, 5])
def test_only_the_events_added_since_are_folded(monkeypatch, count):
    tracker = new_tracker()
    for _ in range(20):
        tracker.update(ActionExecuted("utter_answer"))
    applied_events.applied_events(tracker)
    folded = []
    real = applied_events._fold

    def counting_fold(tracker, events, *rest):
        events = list(events)
        folded.extend(events)
        real(tracker, events, *rest)

    monkeypatch.setattr(applied_events, "_fold", counting_fold)
    for _ in range(count):
        tracker.update(ActionExecuted("utter_answer"))
    same(tracker)
    assert len(folded) == count

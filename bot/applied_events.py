"""DialogueStateTracker.applied_events kept per tracker and extended by the events added since.

Rasa 3.6 works out a session's applied events (what is left after reverts, restarts and a form's
repeated runs) from its first event on every call, five times a turn, and for each form action among
them scans back over the events applied so far: the cost of a turn grew with the session (README,
"Benchmark"). A tracker only appends events, so the result for its first n events stays valid: the
tracker keeps it and folds only the events added since. The fold is Rasa's own (below, step by step
as in `applied_events`); how a form's action is treated depends on every loop name the session has
named, so a new loop name starts it again from the first event. Anything unexpected (the events
object replaced, events dropped from the front by a bounded history) does the same.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

_KEPT = "_applied_events_kept"


@dataclass
class _Applied:
    events: object  # the tracker's events object the result was computed from
    count: int  # how many of its events the result covers
    last: Event | None  # the last of them: a bounded history drops events from the front
    loop_names: frozenset[str]
    applied: list[Event]


def _loop_names(events: Iterable[Event]) -> set[str]:
    return {event.name for event in events if isinstance(event, ActiveLoop) and event.name}


def _fold(
    tracker: DialogueStateTracker, events: Iterable[Event], applied: list[Event], loop_names: frozenset[str]
) -> None:
    """The body of Rasa's DialogueStateTracker.applied_events, continued from `applied`."""
    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loop_names
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


def applied_events(self: DialogueStateTracker) -> list[Event]:
    """DialogueStateTracker.applied_events: the same list, computed once per event."""
    events = self.events
    count = len(events)
    kept: _Applied | None = self.__dict__.get(_KEPT)
    last = events[-1] if count else None
    if (
        kept is not None
        and kept.events is events
        and kept.count <= count
        and (kept.count == 0 or events[kept.count - 1] is kept.last)
    ):
        added = list(itertools.islice(events, kept.count, None))
        if _loop_names(added) <= kept.loop_names:
            applied = list(kept.applied)
            _fold(self, added, applied, kept.loop_names)
            return _keep(self, _Applied(events, count, last, kept.loop_names, applied))
    loop_names = frozenset(_loop_names(events))
    applied = []
    _fold(self, events, applied, loop_names)
    return _keep(self, _Applied(events, count, last, loop_names, applied))


def _keep(tracker: DialogueStateTracker, result: _Applied) -> list[Event]:
    tracker.__dict__[_KEPT] = result
    return list(result.applied)

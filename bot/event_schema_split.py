"""Checks an action-server reply against Rasa's schema one event type at a time.

Rasa's reply schema says an event is exactly one of 23 event schemas (`oneOf`). jsonschema tries
every one of them on every event, about 0.4 ms per event: the dearest part of the reply check. The
branches are told apart by their `event` constant and `event` is required, so at most one branch
can hold for an event: the one named by its `event`. Checking the reply without the `oneOf`, then
each event against its own branch alone, accepts exactly what the whole schema accepts.
`split_events` builds this only when the schema has that shape (else the caller keeps the whole
schema's validator); a reply this check refuses is then given the whole schema's own error.
"""
from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import validators
from jsonschema.protocols import Validator


@dataclass(frozen=True)
class SplitEventsCheck:
    rest: Validator  # the reply schema with the events' oneOf left out
    by_type: Mapping[str, Validator]  # each event type's own branch

    def is_valid(self, result: Any) -> bool:
        if not self.rest.is_valid(result):
            return False
        for item in result.get("events") or ():
            # `rest` has checked that each event is an object with a string `event`
            branch = self.by_type.get(item["event"])
            if branch is None or not branch.is_valid(item):
                return False
        return True


def _event_constant(branch: Any) -> Any:
    return branch.get("properties", {}).get("event", {}).get("const") if isinstance(branch, dict) else None


def split_events(schema: dict[str, Any]) -> SplitEventsCheck | None:
    """The check by event type, or None when the schema is not of the shape that makes it exact:
    events that are objects requiring `event`, one `oneOf` of branches each fixing a distinct
    `event` constant, and no `$ref` a branch alone could not resolve."""
    items = schema.get("properties", {}).get("events", {}).get("items")
    if not isinstance(items, dict) or "event" not in items.get("required", ()) or "$ref" in repr(schema):
        return None
    if items.get("type") != "object" or items.get("properties", {}).get("event", {}).get("type") != "string":
        return None
    branches = items.get("oneOf")
    constants = [_event_constant(branch) for branch in branches or ()]
    if not constants or None in constants or len(set(constants)) != len(constants):
        return None
    cls = validators.validator_for(schema)
    rest = copy.deepcopy(schema)
    del rest["properties"]["events"]["items"]["oneOf"]
    cls.check_schema(rest)
    by_type = {}
    for constant, branch in zip(constants, branches, strict=True):
        cls.check_schema(branch)
        by_type[constant] = cls(branch)
    return SplitEventsCheck(rest=cls(rest), by_type=by_type)

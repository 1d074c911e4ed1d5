"""Patches of Rasa 3.6's per-turn hot path, applied by `python -m bot` before Rasa starts.

Rasa offers no switch for these; each keeps Rasa's behaviour and was measured with py-spy under
load (README, "Benchmark"): `jsonschema.validate` first checks the schema it is given against the
JSON-Schema meta-schema and builds a new validator, on every call. Rasa calls it with constant,
large schemas on every action-server reply (`RemoteAction._validate_action_result`) and on every
event posted to the HTTP API (`rasa.server.validate_events_in_request_body`, which the gateway uses).
Here each schema is checked once and its validator reused; an action-server reply is checked one event
type at a time (bot/event_schema_split.py); invalid input is still rejected with the same error.

Rasa opens a new aiohttp session, so a new TCP connection, for every action-server call (a twentieth
of its CPU per turn); each endpoint keeps one session per event loop instead, its connections kept
alive (aiohttp closes them after 15 s idle; scripts/services.sh gives the action server 75 s, so the
server never closes one the client is about to reuse).

Each action-server call carries the conversation without the rankings of earlier messages
(bot/action_call_payload.py): encoding them grew with every turn.

A turn's cost grew with the session: Rasa works out the applied events from the first event five
times a turn (bot/applied_events.py keeps them per tracker and adds the new events), and RulePolicy
replays the session and builds a state at every action though only the last few decide
(bot/rule_states.py hands over those few, its replay kept per tracker and continued).

Rasa runs its model graph three or four times a turn and builds a dask graph for it every time; the
nodes each set of targets needs are ordered once instead and called in that order (bot/graph_runs.py).

The SQLite tracker store (`make run`) commits every turn in SQLite's default rollback-journal mode,
a full sync per commit; its connections are set to WAL with synchronous=NORMAL, as the gateway's
store is: a crashed process loses nothing, only a power cut may lose the last turns.
"""
from __future__ import annotations

import asyncio
import sqlite3
from functools import cache
from types import TracebackType
from typing import Any

import aiohttp
import rasa.server
from jsonschema import exceptions, validators
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.schemas.events import EVENTS_SCHEMA
from rasa.utils.endpoints import EndpointConfig
from sanic.request import Request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from bot import applied_events, graph_runs, rule_states
from bot.action_call_payload import slim_tracker_state
from bot.event_schema_split import SplitEventsCheck, split_events

_applied = False


def _checked_validator(schema: dict[str, Any]) -> Validator:
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@cache
def action_result_validator() -> Validator:
    """The validator of Rasa's action-server reply schema, its schema checked once."""
    return _checked_validator(RemoteAction.action_response_format_spec())


@cache
def action_result_check() -> SplitEventsCheck | Validator:
    """The fast check of a reply: by event type where that is exact (bot/event_schema_split.py)."""
    return split_events(RemoteAction.action_response_format_spec()) or action_result_validator()


@cache
def events_validator() -> Validator:
    """The validator of Rasa's events schema (the HTTP API's posted events), its schema checked once."""
    return _checked_validator(EVENTS_SCHEMA)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with a reused validator: the same error on a bad reply."""
    if action_result_check().is_valid(result):
        return True
    error = exceptions.best_match(action_result_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def validate_events_in_request_body(request: Request) -> None:
    """rasa.server.validate_events_in_request_body with a reused validator: the same 400 on bad events."""
    events = request.json if isinstance(request.json, list) else [request.json]
    error = exceptions.best_match(events_validator().iter_errors(events))
    if error is not None:
        raise rasa.server.ErrorResponse(
            400,
            "BadRequest",
            f"Failed to validate the events format. "
            f"For more information about the format visit the docs. Error: {error}",
            help_url=rasa.server._docs("/pages/http-api"),
        ) from error


def sqlite_write_ahead(dbapi_connection: Any, record: Any) -> None:
    """On each new SQLite connection of any engine in this process (the tracker store's)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


_full_action_call = RemoteAction._action_call_format


def slim_action_call(self: RemoteAction, tracker: DialogueStateTracker, domain: Domain) -> dict[str, Any]:
    """RemoteAction._action_call_format, earlier messages without their rankings."""
    call = _full_action_call(self, tracker, domain)
    return {**call, "tracker": slim_tracker_state(call["tracker"])}


_new_session = EndpointConfig.session


class _KeptSession:
    """What `async with endpoint.session()` gets: the endpoint's session on this loop, left open."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        return None


def kept_session(self: EndpointConfig) -> _KeptSession:
    """EndpointConfig.session, made once per endpoint and event loop (a session belongs to its loop)."""
    loop = asyncio.get_running_loop()
    sessions: dict[asyncio.AbstractEventLoop, aiohttp.ClientSession] = self.__dict__.setdefault("_kept_sessions", {})
    session = sessions.get(loop)
    if session is None or session.closed:
        session = sessions[loop] = _new_session(self)
    return _KeptSession(session)


def apply() -> None:
    """Installs the patches (once)."""
    global _applied
    if not _applied:
        RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
        rasa.server.validate_events_in_request_body = validate_events_in_request_body
        event.listen(Engine, "connect", sqlite_write_ahead)
        EndpointConfig.session = kept_session  # type: ignore[assignment,method-assign]
        RemoteAction._action_call_format = slim_action_call  # type: ignore[method-assign]
        DialogueStateTracker.applied_events = applied_events.applied_events  # type: ignore[method-assign]
        RulePolicy._prediction_states = rule_states.rule_prediction_states  # type: ignore[method-assign]
        DaskGraphRunner.run = graph_runs.run
        _applied = True

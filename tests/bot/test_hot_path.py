"""The patched action-reply validation accepts and rejects exactly what Rasa's own does."""
import asyncio
import contextlib

import jsonschema
import pytest
import rasa.server
from aiohttp import web
from rasa.core.actions.action import RemoteAction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import applied_events, graph_runs, hot_path, rule_states

# Rasa's own functions, kept before any test applies the patches
ORIGINAL_EVENTS_CHECK = rasa.server.validate_events_in_request_body
ORIGINAL_ACTION_CHECK = RemoteAction._validate_action_result

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "total", "value": "16000", "timestamp": None}],
     "responses": [{"text": "好的", "custom": {"meta": {"kind": "ask"}}}]},
    {"events": [{"event": "active_loop", "name": "estimate_form"}, {"event": "followup", "name": "estimate_form"}]},
]
BAD = [
    {"events": [{"event": "slot"}]},  # a slot event without its name
    {"events": "not a list"},
    {"responses": [1, 2]},
    {"events": [{"event": "no_such_event"}]},
]


def rasas_own(result):
    ORIGINAL_ACTION_CHECK(RemoteAction("x", None), result)


@pytest.mark.parametrize("result", GOOD)
def test_valid_replies_pass(result):
    rasas_own(result)
    assert hot_path.validate_action_result(RemoteAction("x", None), result) is True


@pytest.mark.parametrize("result", BAD)
def test_invalid_replies_are_rejected_with_rasas_error(result):
    with pytest.raises(jsonschema.ValidationError) as own:
        rasas_own(result)
    with pytest.raises(jsonschema.ValidationError) as patched:
        hot_path.validate_action_result(RemoteAction("x", None), result)
    assert patched.value.message == own.value.message


def test_the_schemas_are_checked_once_and_their_validators_reused(monkeypatch):
    hot_path.action_result_validator.cache_clear()
    hot_path.action_result_check.cache_clear()
    checks = []
    real = jsonschema.validators.Draft202012Validator.check_schema
    monkeypatch.setattr(
        jsonschema.validators.Draft202012Validator, "check_schema", classmethod(lambda cls, s: checks.append(s) or real(s))
    )
    for result in GOOD + BAD[:1]:  # a bad reply also builds the whole schema's validator, for its error
        with contextlib.suppress(jsonschema.ValidationError):
            hot_path.validate_action_result(RemoteAction("x", None), result)
    built = len(checks)
    for result in (GOOD + BAD) * 3:
        with contextlib.suppress(jsonschema.ValidationError):
            hot_path.validate_action_result(RemoteAction("x", None), result)
    assert built > 0 and len(checks) == built


def test_apply_installs_the_patches():
    hot_path.apply()
    assert RemoteAction._validate_action_result is hot_path.validate_action_result
    assert rasa.server.validate_events_in_request_body is hot_path.validate_events_in_request_body
    assert DialogueStateTracker.applied_events is applied_events.applied_events
    assert RulePolicy._prediction_states is rule_states.rule_prediction_states
    assert DaskGraphRunner.run is graph_runs.run
    with pytest.raises(jsonschema.ValidationError):
        RemoteAction("x", None)._validate_action_result(BAD[0])


class _Request:
    def __init__(self, json):
        self.json = json


@pytest.mark.parametrize("body", [GOOD[1]["events"], GOOD[1]["events"][0]])
def test_posted_events_that_rasa_accepts_are_accepted(body):
    ORIGINAL_EVENTS_CHECK(_Request(body))
    hot_path.validate_events_in_request_body(_Request(body))


@pytest.mark.parametrize("body", [[{"event": "slot"}], {"event": "no_such_event"}, [{"event": "user", "text": 5}]])
def test_posted_events_that_rasa_refuses_get_the_same_400(body):
    with pytest.raises(rasa.server.ErrorResponse) as own:
        ORIGINAL_EVENTS_CHECK(_Request(body))
    with pytest.raises(rasa.server.ErrorResponse) as patched:
        hot_path.validate_events_in_request_body(_Request(body))
    assert patched.value.status == own.value.status == 400
    assert patched.value.error_info == own.value.error_info


def test_the_sqlite_tracker_store_writes_ahead(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from sqlalchemy import text

    hot_path.apply()
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_an_endpoint_keeps_one_open_session_per_event_loop():
    async def scenario():
        endpoint, other = EndpointConfig("http://127.0.0.1:1/webhook"), EndpointConfig("http://127.0.0.1:2/webhook")
        async with hot_path.kept_session(endpoint) as first:
            pass
        async with hot_path.kept_session(endpoint) as second:
            assert second is first and not first.closed
        async with hot_path.kept_session(other) as another:
            assert another is not first
        await first.close()
        async with hot_path.kept_session(endpoint) as renewed:
            assert renewed is not first and not renewed.closed
        for session in (renewed, another):
            await session.close()

    asyncio.run(scenario())


def test_sessions_are_not_shared_between_event_loops():
    endpoint = EndpointConfig("http://127.0.0.1:1/webhook")

    async def session():
        async with hot_path.kept_session(endpoint) as kept:
            return kept

    first, second = asyncio.run(session()), asyncio.run(session())
    assert first is not second


def test_action_calls_through_rasa_reuse_one_connection():
    peers = []

    async def handler(request):
        peers.append(request.transport.get_extra_info("peername"))
        return web.json_response({"events": [], "responses": []})

    async def scenario():
        runner = web.ServerRunner(web.Server(handler))
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        try:
            return [await endpoint.request(json={"next_action": "x"}) for _ in range(3)]
        finally:
            await runner.cleanup()

    hot_path.apply()
    assert asyncio.run(scenario()) == [{"events": [], "responses": []}] * 3
    assert len(peers) == 3 and len(set(peers)) == 1  # one client port: one connection

"""Real rasa-sdk Tracker objects for action tests, and a runner with a CollectingDispatcher."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def make_tracker(
    text, ranking=(), entities=(), slots=None, channel="rest", intent="faq", active_loop=None, intent_ranking=None
):
    """`intent_ranking`: (intent, confidence) pairs as the NLU ranked them (default: `intent` at 0.9)."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in (intent_ranking or [(intent, 0.9)])],
        "entities": list(entities),
        "response_selector": {
            "faq": {"ranking": [{"intent_response_key": f"faq/{t}", "confidence": c} for t, c in ranking]}
        },
    }
    events = [{"event": "user", "text": text, "parse_data": latest, "input_channel": channel}]
    loop = {"name": active_loop} if active_loop else {}
    return Tracker("test-user", dict(slots or {}), latest, events, False, None, loop, "action_listen")


def make_form_tracker(text, slots=None, *, starting=False, after="action_listen", earlier=(), intent="inform",
                      confidence=0.9, channel="rest", intent_ranking=None):
    """The tracker Rasa hands the form's validation: the conversation (with the form's activation when
    `starting`), then the requested slot restated and the form's own ActionExecuted. `after` is the
    action that ran after the user's message (action_listen: none, the form answers it;
    action_answer_faq: the form resumes after an FAQ detour); `earlier` are messages said before it."""
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    if intent_ranking:  # (intent, confidence) pairs as the NLU ranked them
        latest["intent_ranking"] = [{"name": n, "confidence": c} for n, c in intent_ranking]
    events = []
    for said in earlier:
        events += [{"event": "action", "name": "action_listen"}, {"event": "user", "text": said, "parse_data": {}}]
        events += [{"event": "action", "name": "action_answer_faq"}]
    events += [{"event": "action", "name": "action_listen"},
               {"event": "user", "text": text, "parse_data": latest, "input_channel": channel}]
    if after != "action_listen":
        events.append({"event": "action", "name": after})
    if starting:
        events.append({"event": "active_loop", "name": "estimate_form"})
    events.append({"event": "slot", "name": "requested_slot", "value": (slots or {}).get("requested_slot")})
    events.append({"event": "action", "name": "estimate_form"})
    loop = {"name": "estimate_form"}
    return Tracker("test-user", dict(slots or {}), latest, events, False, None, loop, "estimate_form")


def run_action(action, tracker, domain=None):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain or {}))
    return dispatcher.messages, events


@pytest.fixture
def tracker():
    return make_tracker


@pytest.fixture
def form_tracker():
    return make_form_tracker


@pytest.fixture
def run():
    return run_action

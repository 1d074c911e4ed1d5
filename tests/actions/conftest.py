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


def run_action(action, tracker, domain=None):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain or {}))
    return dispatcher.messages, events


@pytest.fixture
def tracker():
    return make_tracker


@pytest.fixture
def run():
    return run_action

"""An action call carries earlier messages without their rankings, and the actions read the same."""
import json

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import Tracker

from actions.cost_slots import earlier_facts
from actions.estimate_form import how_the_form_runs
from bot import hot_path
from bot.action_call_payload import KEPT_PARSE_KEYS, slim_tracker_state

ORIGINAL_CALL_FORMAT = RemoteAction._action_call_format


def parse(text, intent, confidence):
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": [{"entity": "care_type", "value": "住院", "start": 0, "end": 2}],
        "intent_ranking": [{"name": intent, "confidence": confidence}, {"name": "faq", "confidence": 0.01}],
        "response_selector": {"faq": {"response": {"responses": [{"text": "很长的答案" * 50}]}, "ranking": []}},
        "text_tokens": [[0, 2]],
        "message_id": f"id-{text}",
    }


def conversation():
    tracker = DialogueStateTracker("someone", slots=[TextSlot("care", mappings=[])])
    said = [("我退休了在二级医院住院", "estimate_cost", 0.91), ("花了一万二", "inform", 0.88), ("住院能报多少", "faq", 0.7)]
    for text, intent, confidence in said:
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(text, parse_data=parse(text, intent, confidence)))
        tracker.update(SlotSet("care", "住院"))
        tracker.update(BotUttered("请问您的医保类型？", data={"custom": {"meta": {"kind": "ask"}}}))
    return tracker


def both_calls():
    action = RemoteAction("action_estimate_cost", EndpointConfig("http://127.0.0.1:1/webhook"))
    tracker = conversation()
    return ORIGINAL_CALL_FORMAT(action, tracker, Domain.empty()), hot_path.slim_action_call(action, tracker, Domain.empty())


def test_only_earlier_messages_lose_their_rankings():
    full, slim = both_calls()
    assert {k: v for k, v in slim.items() if k != "tracker"} == {k: v for k, v in full.items() if k != "tracker"}
    assert {k: v for k, v in slim["tracker"].items() if k != "events"} == {
        k: v for k, v in full["tracker"].items() if k != "events"
    }
    pairs = list(zip(full["tracker"]["events"], slim["tracker"]["events"], strict=True))
    users = [i for i, (event, _) in enumerate(pairs) if event["event"] == "user"]
    for i, (event, kept) in enumerate(pairs):
        if event["event"] != "user" or i == users[-1]:
            assert kept == event
        else:
            assert set(kept["parse_data"]) == set(KEPT_PARSE_KEYS)
            assert kept["parse_data"] == {key: event["parse_data"][key] for key in KEPT_PARSE_KEYS}
            assert {k: v for k, v in kept.items() if k != "parse_data"} == {
                k: v for k, v in event.items() if k != "parse_data"
            }
    earlier_rankings = sum(
        len(json.dumps(full["tracker"]["events"][i]["parse_data"]["response_selector"])) for i in users[:-1]
    )
    assert len(json.dumps(slim)) <= len(json.dumps(full)) - earlier_rankings


def test_the_actions_read_the_same_from_the_slim_call():
    full, slim = both_calls()
    full_tracker, slim_tracker = Tracker.from_dict(full["tracker"]), Tracker.from_dict(slim["tracker"])
    assert slim_tracker.latest_message == full_tracker.latest_message
    assert earlier_facts(slim_tracker) == earlier_facts(full_tracker)
    assert earlier_facts(full_tracker)  # the facts said before the question are there to compare
    assert how_the_form_runs(slim_tracker) == how_the_form_runs(full_tracker)


def test_the_state_given_is_not_changed():
    state = {"events": [{"event": "user", "text": "a", "parse_data": parse("a", "faq", 0.5)},
                        {"event": "user", "text": "b", "parse_data": parse("b", "faq", 0.5)}]}
    before = json.dumps(state)
    slim_tracker_state(state)
    assert json.dumps(state) == before


def test_a_conversation_without_messages_is_sent_as_it_is():
    state = {"events": [{"event": "action", "name": "action_session_start"}], "slots": {}}
    assert slim_tracker_state(state) == state


def test_apply_installs_the_slim_call():
    hot_path.apply()
    assert RemoteAction._action_call_format is hot_path.slim_action_call

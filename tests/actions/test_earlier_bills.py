"""Whose bill a what-if naming a relative is about (actions/earlier_bills.py), read from the conversation's events."""
from rasa_sdk import Tracker

from actions.earlier_bills import bill_told_earlier
from actions.estimate import ActionChangeFact


def user(text):
    return {"event": "user", "text": text, "parse_data": {}}


def action(name):
    return {"event": "action", "name": name}


def slot(name, value):
    return {"event": "slot", "name": name, "value": value}


MOTHERS = [slot("scheme", "居民"), slot("care", "住院"), slot("level", "2"), slot("total", "10000")]
FATHERS = [slot("scheme", "职工"), slot("status", "退休"), slot("care", "住院"), slot("level", "3"), slot("total", "20000")]
RESET = [action("action_reset_cost"), *(slot(name, None) for name in ("scheme", "status", "care", "level", "total"))]


def conversation(*events, latest):
    latest_message = {"text": latest, "intent": {"name": "change_fact", "confidence": 0.9}, "entities": []}
    slots = {}
    for event in events:
        if event["event"] == "slot":
            slots[event["name"]] = event["value"]
    return Tracker("t", slots, latest_message, [*events, user(latest)], False, None, {}, "action_listen")


def two_bills(mother_first="俺娘是居民 二级医院住了院 一万块", father_next="那俺爹呢 退休职工 三级医院 两万"):
    return (user(mother_first), *RESET, *MOTHERS, action("action_estimate_cost"),
            user(father_next), *RESET, *FATHERS, action("action_estimate_cost"))


def test_a_relative_whose_bill_was_estimated_before_anothers_gets_theirs_back():
    tracker = conversation(*two_bills(), latest="俺娘要是今年第三回住院呢")
    assert bill_told_earlier(tracker) == {"scheme": "居民", "care": "住院", "level": "2", "total": "10000"}


def test_no_one_named_the_same_person_or_no_bill_of_theirs_keeps_the_bill_estimated_last():
    assert bill_told_earlier(conversation(*two_bills(), latest="要是第三回住院呢")) is None
    assert bill_told_earlier(conversation(*two_bills(), latest="那俺爹要是二级医院呢")) is None  # his is the last
    assert bill_told_earlier(conversation(*two_bills(), latest="那俺媳妇呢")) is None  # no bill of hers
    # a bill no one was named for ("我自己…") is nobody's: the mother's is still hers
    own = (user("俺娘是居民 二级医院住了院 一万块"), *RESET, *MOTHERS, action("action_estimate_cost"),
           user("我自己是退休职工 三级 两万"), *RESET, *FATHERS, action("action_estimate_cost"))
    assert bill_told_earlier(conversation(*own, latest="那俺娘第三回住院呢"))["scheme"] == "居民"


def test_the_what_if_counts_the_relatives_bill_with_the_change_and_sets_its_facts(run):
    messages, events = run(ActionChangeFact(), conversation(*two_bills(), latest="那俺娘要是今年第三回住院呢"))
    assert "居民 · 二级医院 · 住院 · 今年第3次住院" in messages[0]["text"]
    assert "比刚才的估算" not in messages[0]["text"]  # the father's estimate is no "before" of hers
    changed = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert changed["scheme"] == "居民" and changed["status"] is None and changed["admission"] == 3

"""A cancel: acknowledged (the cost form stopped), or answered when it asks about a policy (the form resumed)."""
import pytest

from actions.cancel import ActionCancel, ActionCancelInForm


@pytest.mark.parametrize("text", ["不算了", "算了，不问了。", "取消吧"])
def test_a_plain_cancel_is_acknowledged_and_forgets_the_facts(run, tracker, text):
    trk = tracker(text, intent="cancel", slots={"scheme": "职工", "faq_last_topic": "two_diseases"})
    messages, events = run(ActionCancel(), trk)
    assert [m.get("response") for m in messages] == ["utter_cost_cancelled"]
    cleared = {e["name"] for e in events if e["event"] == "slot" and e["value"] is None}
    assert {"scheme", "faq_last_topic"} <= cleared


def test_hearsay_about_a_policy_being_cancelled_gets_the_topic_the_ranking_is_clear_about(run, tracker):
    trk = tracker("听人说职工的个人账户取消了", [("personal_account_change", 0.8), ("scope", 0.05)], intent="cancel",
                  intent_ranking=[("cancel", 0.6), ("out_of_knowledge", 0.2), ("faq", 0.1)])
    messages, events = run(ActionCancel(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "personal_account_change"}
    assert {"event": "slot", "name": "faq_last_topic", "value": "personal_account_change", "timestamp": None} in events


def test_a_question_with_no_clear_topic_is_honestly_not_known_not_cancelled(run, tracker):
    trk = tracker("那个补贴是不是取消了", [("scope", 0.12), ("online_services", 0.1)], intent="cancel",
                  intent_ranking=[("cancel", 0.55), ("out_of_knowledge", 0.3)])
    messages, _ = run(ActionCancel(), trk)
    assert messages[0]["custom"]["meta"]["kind"] == "out_of_knowledge"


def test_a_plain_cancel_in_the_form_stops_it_and_forgets_the_facts(run, tracker):
    trk = tracker("算了 不弄了", intent="cancel", active_loop="estimate_form",
                  slots={"scheme": "职工", "status": "在职", "requested_slot": "level"})
    messages, events = run(ActionCancelInForm(), trk)
    assert [m.get("response") for m in messages] == ["utter_cost_cancelled"]
    assert events[0] == {"event": "active_loop", "name": None, "timestamp": None}
    cleared = {e["name"] for e in events if e["event"] == "slot" and e["value"] is None}
    assert {"scheme", "status", "requested_slot"} <= cleared
    assert not any(e["event"] == "followup" for e in events)


def test_a_cancel_said_with_a_farewell_stops_the_form_and_says_goodbye(run, tracker):
    trk = tracker("那就别算了 我挂了啊 再见", intent="cancel", active_loop="estimate_form", channel="hotline",
                  slots={"scheme": "居民", "requested_slot": "care"})
    messages, events = run(ActionCancelInForm(), trk)
    assert [m.get("response") for m in messages] == ["utter_goodbye"]  # which ends the call (its end_call)
    assert events[0] == {"event": "active_loop", "name": None, "timestamp": None}


def test_hearsay_in_the_form_is_answered_and_the_form_resumes_with_its_facts(run, tracker):
    trk = tracker("听说取消起付线了", [("inpatient_employee", 0.72), ("inpatient_resident", 0.1)], intent="cancel",
                  intent_ranking=[("cancel", 0.69), ("faq", 0.08)], active_loop="estimate_form",
                  slots={"scheme": "职工", "status": "在职", "requested_slot": "level"})
    messages, events = run(ActionCancelInForm(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "inpatient_employee"}
    assert events[-1] == {"event": "followup", "name": "estimate_form", "timestamp": None}
    assert not any(e["event"] == "active_loop" for e in events)
    assert not any(e["event"] == "slot" and e["name"] in ("scheme", "status", "requested_slot") for e in events)


def test_a_stop_then_a_question_stops_the_form_and_answers_the_question(run, tracker):
    trk = tracker("行了不算了，我想问下门特咋申请", [("chronic_application", 0.6), ("chronic_coverage", 0.1)],
                  intent="cancel", intent_ranking=[("cancel", 0.95), ("faq", 0.04)], active_loop="estimate_form",
                  slots={"scheme": "居民", "requested_slot": "total"})
    messages, events = run(ActionCancelInForm(), trk)
    assert messages[0].get("response") == "utter_cost_cancelled"
    assert messages[1]["custom"]["meta"] == {"kind": "answer", "topic": "chronic_application"}
    assert events[0] == {"event": "active_loop", "name": None, "timestamp": None}
    assert {"event": "slot", "name": "faq_last_topic", "value": "chronic_application", "timestamp": None} in events


def test_a_stop_then_what_the_caller_does_not_know_is_only_a_stop(run, tracker):
    trk = tracker("先不算了，我也说不清花了多少", [("inpatient_resident", 0.6)], intent="cancel",
                  intent_ranking=[("cancel", 0.95)], active_loop="estimate_form", slots={"requested_slot": "total"})
    messages, _ = run(ActionCancelInForm(), trk)
    assert [m.get("response") for m in messages] == ["utter_cost_cancelled"]


def test_in_the_form_dropping_a_side_question_and_going_on_resumes_the_form_with_its_facts(run, tracker):
    trk = tracker("哦那不行啊 算了 继续算吧", intent="cancel", active_loop="estimate_form",
                  slots={"scheme": "居民", "requested_slot": "total"})
    messages, events = run(ActionCancelInForm(), trk)
    assert messages == []
    assert events == [{"event": "followup", "name": "estimate_form", "timestamp": None}]


def test_right_after_an_answer_a_cancel_checking_what_it_heard_is_a_question_about_it(run, tracker):
    trk = tracker("那俺公婆就不算了对吧", [("family_mutual_aid", 0.4), ("family_vs_kinship", 0.3)], intent="cancel",
                  intent_ranking=[("cancel", 0.7), ("faq", 0.2)])
    trk.slots["faq_last_topic"] = "family_mutual_aid"
    trk.events[0:0] = [{"event": "user", "text": "……", "parse_data": {}}, {"event": "action", "name": "action_answer_faq"},
                       {"event": "slot", "name": "faq_last_topic", "value": "family_mutual_aid"},
                       {"event": "action", "name": "action_listen"}]
    messages, _ = run(ActionCancel(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "family_mutual_aid"}  # it says who
    # with nothing answered just before, the same words stop
    plain = tracker("那俺公婆就不算了对吧", intent="cancel")
    messages, _ = run(ActionCancel(), plain)
    assert [m.get("response") for m in messages] == ["utter_cost_cancelled"]

"""A cancel with nothing being counted: acknowledged, or answered when it asks about a policy."""
import pytest

from actions.cancel import ActionCancelOutsideForm


@pytest.mark.parametrize("text", ["不算了", "算了，不问了。", "取消吧"])
def test_a_plain_cancel_is_acknowledged_and_forgets_the_facts(run, tracker, text):
    trk = tracker(text, intent="cancel", slots={"scheme": "职工", "faq_last_topic": "two_diseases"})
    messages, events = run(ActionCancelOutsideForm(), trk)
    assert [m.get("response") for m in messages] == ["utter_cost_cancelled"]
    cleared = {e["name"] for e in events if e["event"] == "slot" and e["value"] is None}
    assert {"scheme", "faq_last_topic"} <= cleared


def test_hearsay_about_a_policy_being_cancelled_gets_the_topic_the_ranking_is_clear_about(run, tracker):
    trk = tracker("听人说职工的个人账户取消了", [("personal_account_change", 0.8), ("scope", 0.05)], intent="cancel",
                  intent_ranking=[("cancel", 0.6), ("out_of_knowledge", 0.2), ("faq", 0.1)])
    messages, events = run(ActionCancelOutsideForm(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "personal_account_change"}
    assert {"event": "slot", "name": "faq_last_topic", "value": "personal_account_change", "timestamp": None} in events


def test_a_question_with_no_clear_topic_is_honestly_not_known_not_cancelled(run, tracker):
    trk = tracker("那个补贴是不是取消了", [("scope", 0.12), ("online_services", 0.1)], intent="cancel",
                  intent_ranking=[("cancel", 0.55), ("out_of_knowledge", 0.3)])
    messages, _ = run(ActionCancelOutsideForm(), trk)
    assert messages[0]["custom"]["meta"]["kind"] == "out_of_knowledge"

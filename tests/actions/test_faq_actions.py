"""The FAQ actions with real rasa-sdk Tracker and CollectingDispatcher objects."""
import json

from actions.faq import ActionAnswerFaq, ActionOfferHelp
from actions.region import ActionSetRegion
from knowledge.faq.model import knowledge_base


def test_a_clear_faq_question_gets_the_chat_answer_with_citation(tracker, run):
    messages, events = run(ActionAnswerFaq(), tracker("电子凭证怎么用", [("e_voucher", 0.9), ("offsite_filing", 0.05)]))
    assert len(messages) == 1 and events == []
    assert messages[0]["text"].startswith(knowledge_base().topics["e_voucher"].chat)
    assert "来源" in messages[0]["text"]


def test_close_candidates_are_asked_about_with_buttons(tracker, run):
    ranking = [("family_mutual_aid", 0.34), ("family_vs_kinship", 0.31), ("kinship_account", 0.2)]
    messages, _ = run(ActionAnswerFaq(), tracker("家里人的账户", ranking))
    assert messages[0]["response"] == "utter_ask_which_faq"
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads[0] == "/faq" + json.dumps({"faq_topic": "family_mutual_aid"}, ensure_ascii=False)
    assert payloads[-1] == "/human_handoff"


def test_a_picked_button_topic_is_answered_whatever_the_ranking(tracker, run):
    entity = {"entity": "faq_topic", "value": "family_vs_kinship"}
    messages, _ = run(ActionAnswerFaq(), tracker("", [("e_voucher", 0.9)], entities=[entity]))
    assert messages[0]["text"].startswith(knowledge_base().topics["family_vs_kinship"].chat)


def test_a_city_named_in_the_question_switches_the_answer_and_is_remembered(tracker, run):
    messages, events = run(ActionAnswerFaq(), tracker("乌海这边家庭共济能绑谁", [("family_mutual_aid", 0.9)]))
    assert events == [{"event": "slot", "timestamp": None, "name": "region", "value": "wuhai"}]
    assert messages[0]["text"].startswith(knowledge_base().topics["wuhai_family_mutual_aid"].chat)


def test_the_remembered_city_is_used_for_later_questions(tracker, run):
    trk = tracker("家庭共济能绑谁", [("family_mutual_aid", 0.9)], slots={"region": "wuhai"})
    messages, events = run(ActionAnswerFaq(), trk)
    assert events == [] and "兄弟姐妹" in messages[0]["text"]


def test_hotline_turns_get_the_spoken_answer(tracker, run):
    messages, _ = run(ActionAnswerFaq(), tracker("电子凭证", [("e_voucher", 0.9)], channel="hotline"))
    assert messages[0]["text"] == knowledge_base().topics["e_voucher"].speech


def test_not_understood_offers_closest_topics_a_human_and_marks_the_turn(tracker, run):
    messages, _ = run(ActionOfferHelp(), tracker("啊这个那个", [("scope", 0.2), ("hotline_human", 0.1)]))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles == [knowledge_base().topics["scope"].title, knowledge_base().topics["hotline_human"].title, "转人工"]
    assert messages[1]["custom"] == {"not_understood": True}


def test_region_is_set_from_the_users_words(tracker, run):
    _, events = run(ActionSetRegion(), tracker("我是内蒙古乌海的"))
    assert events[0]["value"] == "wuhai"
    _, events = run(ActionSetRegion(), tracker("我在邹平"))
    assert events[0]["value"] == "binzhou"
    _, events = run(ActionSetRegion(), tracker("我说不好"))
    assert events == []


def test_a_benefit_question_with_a_bill_goes_to_the_estimate_form(tracker, run):
    messages, events = run(ActionAnswerFaq(), tracker("职工医保住院两万五 个人负担多少钱", [("inpatient_employee", 0.9)]))
    assert messages == []
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}
    assert {"event": "slot", "timestamp": None, "name": "total", "value": "25000"} in events


def test_a_benefit_question_naming_a_figure_is_still_answered(tracker, run):
    messages, _ = run(ActionAnswerFaq(), tracker("居民门诊年度限额400元是吧", [("outpatient_resident", 0.9)]))
    assert messages[0]["text"].startswith(knowledge_base().topics["outpatient_resident"].chat)

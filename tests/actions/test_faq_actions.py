"""The FAQ actions with real rasa-sdk Tracker and CollectingDispatcher objects."""
import json
from pathlib import Path

import pytest
import yaml

from actions.faq import LAST_TOPIC, ActionAnswerFaq, ActionAnswerFollowUp, ActionOfferHelp, topic_just_answered
from actions.greet import ActionGreet
from actions.region import ActionSetRegion
from knowledge.cost.render import SPOKEN_DETAILS_OFFER
from knowledge.faq.answer import compose_reply
from knowledge.faq.choice import CLOSING_INTENTS
from knowledge.faq.model import knowledge_base


def slot(name, value):
    return {"event": "slot", "timestamp": None, "name": name, "value": value}


def test_a_clear_faq_question_gets_the_chat_answer_with_citation(tracker, run):
    messages, events = run(ActionAnswerFaq(), tracker("电子凭证怎么用", [("e_voucher", 0.9), ("offsite_filing", 0.05)]))
    assert len(messages) == 1 and events == [slot(LAST_TOPIC, "e_voucher")]
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
    assert events == [slot("region", "wuhai"), slot(LAST_TOPIC, "wuhai_family_mutual_aid")]
    assert messages[0]["text"].startswith(knowledge_base().topics["wuhai_family_mutual_aid"].chat)


def test_the_remembered_city_is_used_for_later_questions(tracker, run):
    trk = tracker("家庭共济能绑谁", [("family_mutual_aid", 0.9)], slots={"region": "wuhai"})
    messages, events = run(ActionAnswerFaq(), trk)
    assert events == [slot(LAST_TOPIC, "wuhai_family_mutual_aid")] and "兄弟姐妹" in messages[0]["text"]


def test_hotline_turns_get_the_spoken_answer(tracker, run):
    messages, _ = run(ActionAnswerFaq(), tracker("电子凭证", [("e_voucher", 0.9)], channel="hotline"))
    assert messages[0]["text"] == knowledge_base().topics["e_voucher"].speech


def test_an_unsure_message_that_is_no_question_is_not_understood_and_marked(tracker, run):
    trk = tracker("啊这个那个", [("scope", 0.2), ("hotline_human", 0.1)], intent="nlu_fallback",
                  intent_ranking=[("nlu_fallback", 0.45), ("greet", 0.3), ("faq", 0.2)])
    messages, _ = run(ActionOfferHelp(), trk)
    assert messages[0]["response"] == "utter_not_understood"
    assert [b["title"] for b in messages[0]["buttons"]] == ["转人工"]
    assert messages[1]["custom"] == {"not_understood": True}


def test_letters_and_digits_the_classifier_guesses_are_thanks_are_not_understood(tracker, run):
    trk = tracker("qwertyuiop 456", [], intent="nlu_fallback",
                  intent_ranking=[("nlu_fallback", 0.45), ("thank", 0.3), ("out_of_knowledge", 0.2)])
    messages, _ = run(ActionOfferHelp(), trk)
    assert messages[0]["response"] == "utter_not_understood"
    trk = tracker("行了行了 不问了 多谢", [], intent="nlu_fallback",
                  intent_ranking=[("nlu_fallback", 0.45), ("thank", 0.3), ("out_of_knowledge", 0.2)])
    messages, _ = run(ActionOfferHelp(), trk)
    assert messages[0]["response"] == "utter_thank"


def test_in_the_cost_form_the_scheme_told_narrows_which_one(tracker, run):
    ranking = [("outpatient_employee", 0.42), ("outpatient_resident", 0.38)]
    slots = {"scheme": "居民", "care": "普通门诊", "requested_slot": "total"}
    in_form = tracker("这个报销政策现在还有吗", ranking, slots=slots, active_loop="estimate_form")
    messages, _ = run(ActionAnswerFaq(), in_form)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "outpatient_resident"}
    outside = tracker("这个报销政策现在还有吗", ranking, slots=slots)  # facts of an earlier bill: asked which
    messages, _ = run(ActionAnswerFaq(), outside)
    assert messages[0]["custom"]["meta"]["kind"] == "clarify"


def test_an_unsure_cancel_that_asks_gets_the_topic_the_ranking_is_clear_about(tracker, run):
    trk = tracker("据说以后个人账户就没了 是吗", [("personal_account_change", 0.7), ("family_mutual_aid", 0.04)],
                  intent="nlu_fallback", intent_ranking=[("nlu_fallback", 0.45), ("cancel", 0.41), ("faq", 0.1)])
    messages, _ = run(ActionOfferHelp(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "personal_account_change"}


def test_an_unsure_message_most_likely_a_cost_question_starts_counting(tracker, run):
    # (one asking about benefits in general, "住院能报多少", is offered the benefits instead: test_faq_benefits)
    trk = tracker("帮俺算算住院那回的", intent="nlu_fallback",
                  intent_ranking=[("nlu_fallback", 0.45), ("ask_cost", 0.24), ("faq", 0.22)])
    messages, events = run(ActionOfferHelp(), trk)
    assert messages == []
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}
    assert {"event": "slot", "timestamp": None, "name": "care", "value": "住院"} in events


def test_asking_whether_it_is_a_machine_says_what_it_is_and_how_to_reach_a_person(tracker, run):
    # the topic ranking is made only for messages taken for 医保 questions
    trk = tracker("你到底是不是机器人啊", [], intent="out_of_scope",
                  intent_ranking=[("out_of_scope", 0.9), ("faq", 0.05)])
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "hotline_human"}


def test_an_off_topic_request_is_declined(tracker, run):
    trk = tracker("帮我订张去济南的火车票", [], intent="out_of_scope",
                  intent_ranking=[("out_of_scope", 0.9), ("faq", 0.05)])
    messages, _ = run(ActionAnswerFaq(), trk)
    assert [m.get("response") for m in messages] == ["utter_out_of_scope"]


def test_an_unsure_off_topic_message_is_declined(tracker, run):
    trk = tracker("今天吃点啥好", [("scope", 0.3)], intent="nlu_fallback",
                  intent_ranking=[("nlu_fallback", 0.45), ("out_of_scope", 0.4), ("faq", 0.3)])
    messages, _ = run(ActionOfferHelp(), trk)
    assert [m.get("response") for m in messages] == ["utter_out_of_scope"]


def test_a_question_no_topic_answers_is_honestly_not_known_with_a_person_offered(tracker, run):
    trk = tracker("医保断缴了还能补吗", [("online_services", 0.5)], intent="out_of_knowledge",
                  intent_ranking=[("out_of_knowledge", 0.8), ("faq", 0.2)])
    messages, events = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"] == "utter_out_of_knowledge"
    assert messages[0]["buttons"] == [{"title": "转人工", "payload": "/human_handoff"}]
    assert messages[0]["custom"] == {"meta": {"kind": "out_of_knowledge"}}
    assert events == [slot(LAST_TOPIC, None)]


def test_a_truly_related_topic_is_offered_beside_the_person(tracker, run):
    trk = tracker("社保卡丢了怎么补办啊", intent="out_of_knowledge", intent_ranking=[("out_of_knowledge", 0.9)])
    messages, _ = run(ActionAnswerFaq(), trk)
    assert [b["title"] for b in messages[0]["buttons"]] == [knowledge_base().topics["social_card_same_number"].title, "转人工"]
    assert messages[0]["custom"]["meta"]["offered"] == ["social_card_same_number"]


def test_on_the_hotline_not_knowing_is_said_in_the_spoken_form(tracker, run):
    trk = tracker("生育津贴怎么领", intent="out_of_knowledge", intent_ranking=[("out_of_knowledge", 0.9)],
                  channel="hotline")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"] == "utter_out_of_knowledge_spoken"


def test_a_key_term_is_answered_even_when_the_ranking_is_close(tracker, run):
    ranking = [("outpatient_resident", 0.31), ("two_diseases", 0.3), ("chronic_coverage", 0.2)]
    messages, _ = run(ActionAnswerFaq(), tracker("两病拿药报多少", ranking))
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "two_diseases"}


@pytest.mark.parametrize(
    "last, said, answered",
    [
        ("outpatient_employee", "那居民呢", "outpatient_resident"),
        ("inpatient_resident", "那退休的呢", "inpatient_employee"),
        ("inpatient_resident", "新农合的呢", "inpatient_resident"),
        ("family_mutual_aid", "那乌海那边呢", "wuhai_family_mutual_aid"),
    ],
)
def test_a_follow_up_asks_the_same_question_for_another_scheme_or_city(tracker, run, last, said, answered):
    trk = tracker(said, intent="change_fact", slots={LAST_TOPIC: last})
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": answered}
    assert events[-1] == slot(LAST_TOPIC, answered)


@pytest.mark.parametrize("said", ["居民的", "我是居民医保", "俺们是新农合"])
def test_the_other_scheme_told_bare_after_a_benefit_answer_asks_it_for_that_scheme(tracker, run, said):
    trk = tracker(said, intent="inform", slots={LAST_TOPIC: "inpatient_employee"})
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "inpatient_resident"}
    assert events[-1] == slot(LAST_TOPIC, "inpatient_resident")


def test_the_same_question_asked_for_retirees_after_a_benefit_answer_is_answered(tracker, run):
    trk = tracker("那要是退了休的呢", intent="inform", slots={LAST_TOPIC: "outpatient_employee"})
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "outpatient_employee"}
    assert not any(e["event"] == "followup" for e in events)


def test_the_other_scheme_told_with_a_bill_after_a_benefit_answer_counts_it(tracker, run):
    trk = tracker("我们是居民 在县医院 一万出头", intent="inform", slots={LAST_TOPIC: "inpatient_employee"})
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages == []
    assert events[-1] == {"event": "followup", "name": "estimate_form", "timestamp": None}


@pytest.mark.parametrize(
    "said, last",
    [
        ("职工，在职", "inpatient_employee"),  # the answer's own scheme: the user starts counting
        ("在三级医院", "inpatient_resident"),  # no scheme told
    ],
)
def test_any_other_bare_answer_after_a_benefit_answer_starts_counting(tracker, run, said, last):
    messages, events = run(ActionAnswerFollowUp(), tracker(said, intent="inform", slots={LAST_TOPIC: last}))
    assert messages == [] and events == [{"event": "followup", "timestamp": None, "name": "estimate_form"}]


def test_a_rate_of_the_answer_checked_for_whom_gets_the_answer_again_not_counting(tracker, run):
    trk = tracker("退休的最高到百分之九十五对吧", intent="inform", slots={LAST_TOPIC: "inpatient_employee"})
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["custom"]["meta"]["topic"] == "inpatient_employee"
    assert not any(e["event"] == "followup" for e in events)


@pytest.mark.parametrize(
    "said, last",
    [
        ("居民", "e_voucher"),
        ("俺是厂里的职工 在职", "family_mutual_aid"),  # who may authorize: the answer says it
        ("她是在厂里上班的 职工", "maternity_third_child"),
    ],
)
def test_who_one_is_after_an_answer_with_nothing_to_count_gets_that_answer_again(tracker, run, said, last):
    messages, events = run(ActionAnswerFollowUp(), tracker(said, intent="inform", slots={LAST_TOPIC: last}))
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": last}
    assert not any(e["event"] == "followup" for e in events)


def test_a_follow_up_for_a_scheme_the_topic_does_not_cover_is_not_known(tracker, run):
    messages, _ = run(ActionAnswerFollowUp(), tracker("那职工呢", intent="change_fact", slots={LAST_TOPIC: "two_diseases"}))
    assert messages[0]["response"] == "utter_out_of_knowledge"


def test_a_city_follow_up_is_remembered(tracker, run):
    trk = tracker("那乌海那边呢", intent="inform_region", slots={LAST_TOPIC: "offsite_filing"})
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert slot("region", "wuhai") in events
    assert "乌海市的具体规定请向当地医保部门咨询" in messages[0]["text"]


def test_an_item_named_after_an_answer_with_nothing_to_count_is_no_stay_to_count(tracker, run):
    # "支架" tells a hospital stay to the cost reader; after the prices of 集采 devices it names one more item
    trk = tracker("那人工晶体支架呢", intent="change_fact", slots={LAST_TOPIC: "procurement_prices"})
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["response"] == "utter_nothing_more" and messages[0]["title"] == knowledge_base().topics[
        "procurement_prices"].title
    trk = tracker("那要是放支架呢", intent="change_fact", slots={LAST_TOPIC: "inpatient_employee"})
    assert run(ActionAnswerFollowUp(), trk)[1] == [{"event": "followup", "name": "action_change_fact", "timestamp": None}]


@pytest.mark.parametrize(
    "said, intent, slots, passed_on",
    [
        ("那二级医院呢", "change_fact", {LAST_TOPIC: "inpatient_employee"}, "action_change_fact"),
        ("那居民呢", "change_fact", {}, "action_change_fact"),
        ("我是乌海的", "inform_region", {}, "action_set_region"),
    ],
)
def test_anything_else_after_an_answer_goes_where_it_would_have_gone(tracker, run, said, intent, slots, passed_on):
    messages, events = run(ActionAnswerFollowUp(), tracker(said, intent=intent, slots=slots))
    assert messages == [] and events == [{"event": "followup", "timestamp": None, "name": passed_on}]


def test_region_is_set_from_the_users_words(tracker, run):
    _, events = run(ActionSetRegion(), tracker("我是内蒙古乌海的"))
    assert events[0]["value"] == "wuhai"
    _, events = run(ActionSetRegion(), tracker("我在邹平"))
    assert events[0]["value"] == "binzhou"
    _, events = run(ActionSetRegion(), tracker("我说不好"))
    assert events == []


def test_a_region_slot_only_ever_holds_a_region_code(tracker, run):
    both = [{"entity": "region", "value": "乌海"}, {"entity": "region", "value": "滨州"}]
    _, events = run(ActionSetRegion(), tracker("我想去乌海看儿子 从滨州怎么过去", entities=both))
    assert events == []
    _, events = run(ActionSetRegion(), tracker("那边的", entities=[{"entity": "region", "value": "乌海市"}]))
    assert events == [slot("region", "wuhai")]


def test_a_benefit_question_with_a_bill_goes_to_the_estimate_form(tracker, run):
    messages, events = run(ActionAnswerFaq(), tracker("职工医保住院两万五 个人负担多少钱", [("inpatient_employee", 0.9)]))
    assert messages == []
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}
    assert {"event": "slot", "timestamp": None, "name": "total", "value": "25000"} in events


def test_a_bill_told_with_whose_and_what_care_is_counted_whatever_topic_it_names(tracker, run):
    said = "俺老伴 居民医保 在天津住院 花了八万 办过备案了 能报多少"
    messages, events = run(ActionAnswerFaq(), tracker(said, [("offsite_filing", 0.9)]))
    assert messages == [] and events[-1]["name"] == "estimate_form"
    # the amount alone beside the topic's name: its answer
    messages, _ = run(ActionAnswerFaq(), tracker("异地备案了 花了八万 能报多少", [("offsite_filing", 0.9)]))
    assert messages[0]["custom"]["meta"]["topic"] == "offsite_filing"


def test_a_benefit_question_naming_a_figure_is_still_answered(tracker, run):
    messages, _ = run(ActionAnswerFaq(), tracker("居民门诊年度限额400元是吧", [("outpatient_resident", 0.9)]))
    assert messages[0]["text"].startswith(knowledge_base().topics["outpatient_resident"].chat)


def test_a_question_for_a_rule_figure_beside_a_bill_gets_the_rules_and_a_way_to_count_the_bill(tracker, run):
    said = "住院一年最高能报多少？我这回住院花了四万"
    messages, events = run(ActionAnswerFaq(), tracker(said, [("inpatient_employee", 0.9)]))
    assert messages[0]["text"].startswith(knowledge_base().topics["inpatient_employee"].chat)
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/ask_cost"]
    assert not any(e.get("event") == "followup" for e in events)
    messages, _ = run(ActionAnswerFaq(), tracker("住院一年最高能报多少", [("inpatient_employee", 0.9)]))
    assert not messages[0]["buttons"]  # no bill told: nothing to count


def test_a_cost_question_is_counted_even_when_the_benefit_topics_it_names_are_close(tracker, run):
    ranking = [("inpatient_employee", 0.41), ("e_voucher", 0.33)]
    messages, events = run(ActionAnswerFaq(), tracker("退休了 在市医院住了院 花了一万四 能报多少", ranking))
    assert messages == []
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}
    assert {"event": "slot", "timestamp": None, "name": "status", "value": "退休"} in events
    messages, _ = run(ActionAnswerFaq(), tracker("退休了 住院的事想问问", ranking))
    assert messages[0]["response"] == "utter_ask_which_faq"  # no bill: still asked which one


def after_an_answer(trk, topic, action="action_answer_faq"):
    trk.slots[LAST_TOPIC] = topic
    trk.events[0:0] = [{"event": "user", "text": "……", "parse_data": {}}, {"event": "action", "name": action},
                       {"event": "action", "name": "action_listen"}]
    return trk


def test_an_unclear_question_right_after_an_answer_is_taken_as_about_that_topic(tracker, run):
    ranking = [("cross_province_chronic", 0.23), ("family_mutual_aid", 0.2), ("scope", 0.07)]
    said = "绑上以后老人买药刷的是我的钱吗"
    messages, _ = run(ActionAnswerFaq(), after_an_answer(tracker(said, ranking), "family_mutual_aid"))
    assert messages[0]["text"].startswith(knowledge_base().topics["family_mutual_aid"].chat)
    messages, _ = run(ActionAnswerFaq(), tracker(said, ranking))  # asked first: which one
    assert messages[0]["response"] == "utter_ask_which_faq"
    # after a cost estimate, or when the answered topic is not among the readings, no follow-up
    messages, _ = run(ActionAnswerFaq(), after_an_answer(tracker(said, ranking), "family_mutual_aid", "action_estimate_cost"))
    assert messages[0]["response"] == "utter_ask_which_faq"
    messages, _ = run(ActionAnswerFaq(), after_an_answer(tracker(said, ranking), "offsite_filing"))
    assert messages[0]["response"] == "utter_ask_which_faq"


@pytest.mark.parametrize("action, said, topic, sentence", [
    (ActionAnswerFollowUp, "那得带啥材料", "manual_reimbursement", "需要带哪些材料，报道没有列出"),
    (ActionAnswerFaq, "那价格跟医院也一样吗", "procurement_pharmacy", "药店卖的集采药和公立医疗机构是同样的品种"),
])
def test_an_off_topic_looking_follow_up_a_sentence_of_the_answer_says_gets_that_sentence(
    tracker, run, action, said, topic, sentence
):
    # the answer's sentence that says it (the materials are not listed), not its opening again
    messages, events = run(action(), after_an_answer(tracker(said, intent="out_of_scope"), topic))
    assert messages[0]["text"].startswith(sentence)
    assert events == [slot(LAST_TOPIC, topic)]
    # what no sentence of it says is still declined
    messages, events = run(action(), after_an_answer(tracker("那股票买哪只好", intent="out_of_scope"), topic))
    assert messages[0]["response"] == "utter_out_of_scope" and events == [slot(LAST_TOPIC, None)]


def test_after_an_answer_an_off_topic_looking_message_naming_a_topic_gets_it(tracker, run):
    # the NLU's out_of_scope for "你们这是机器吧" right after an answer: its key term names 人工服务
    trk = tracker("你们这是机器吧", [], intent="out_of_scope", slots={LAST_TOPIC: "offsite_filing"},
                  intent_ranking=[("out_of_scope", 0.9), ("faq", 0.05)])
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "hotline_human"}


def test_on_the_hotline_a_question_about_the_answer_just_given_gets_the_whole_answer(tracker, run):
    family = knowledge_base().topics["family_mutual_aid"]
    trk = tracker("外省参保的家属能绑吗", [("family_vs_kinship", 0.25), ("family_mutual_aid", 0.13)], channel="hotline")
    messages, _ = run(ActionAnswerFaq(), after_an_answer(trk, "family_mutual_aid"))
    assert messages[0]["text"].startswith(family.chat) and family.speech not in messages[0]["text"]
    trk = after_an_answer(tracker("那要办啥手续", intent="out_of_scope", channel="hotline"), "family_mutual_aid")
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["text"].startswith(family.chat)


def test_a_how_or_where_question_naming_nothing_after_an_answer_is_about_it_whatever_the_ranking(tracker, run):
    trk = after_an_answer(tracker("那得去哪儿办呀", [("offsite_filing", 0.95)]), "family_mutual_aid")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["text"].startswith("去哪办：在参保地医保部门的掌上办平台绑定")
    messages, _ = run(ActionAnswerFaq(), tracker("那得去哪儿办呀", [("offsite_filing", 0.95)]))  # nothing before
    assert messages[0]["text"].startswith(knowledge_base().topics["offsite_filing"].chat)


def test_a_follow_up_the_whole_answer_already_given_says_no_more_about_is_told_so_not_given_it_again(tracker, run):
    whole = compose_reply(knowledge_base(), "family_mutual_aid", None, spoken=False, detailed=True).text
    trk = after_an_answer(tracker("那还要啥条件", intent="out_of_scope"), "family_mutual_aid", "action_answer_follow_up")
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["text"] == whole  # not said yet in full: the whole answer
    trk.events.insert(1, {"event": "bot", "text": whole})
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["response"] == "utter_nothing_more" and messages[0]["title"] == "个人账户家庭共济"
    assert messages[0]["summary"] == knowledge_base().topics["family_mutual_aid"].speech  # the answer in a few words
    assert [b["title"] for b in messages[0]["buttons"]] == ["完整说明", "转人工"]
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "family_mutual_aid"}
    assert events == [slot(LAST_TOPIC, "family_mutual_aid")]


def test_a_short_unsure_question_leaning_on_the_answer_gets_the_sentence_of_it_that_says_it(tracker, run):
    unsure = dict(intent="out_of_knowledge", intent_ranking=[("out_of_knowledge", 0.5), ("faq", 0.3)])
    trk = after_an_answer(tracker("以前定的多少", [("scope", 0.05)], **unsure), "outpatient_employee")
    messages, events = run(ActionAnswerFaq(), trk)
    assert messages[0]["text"].startswith("此前，2022年6月起的标准是报销65%")
    assert events == [slot(LAST_TOPIC, "outpatient_employee")]
    # none of its sentences says it: that the answer is all there is
    trk = after_an_answer(tracker("那个要交多少手续费呢", [("scope", 0.05)], **unsure), "outpatient_employee")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"] == "utter_nothing_more"


def test_a_second_follow_up_it_says_no_more_about_is_told_so_without_the_summary_again(tracker, run):
    whole = compose_reply(knowledge_base(), "family_mutual_aid", None, spoken=False, detailed=True).text
    trk = after_an_answer(tracker("那还要啥手续", intent="out_of_scope"), "family_mutual_aid", "action_answer_follow_up")
    said = {"event": "bot", "text": "关于“个人账户家庭共济”，我这里的资料就是前面说明里的这些……",
            "metadata": {"utter_action": "utter_nothing_more", "title": "个人账户家庭共济"}}
    trk.events[1:1] = [{"event": "bot", "text": whole}, said]  # the whole answer, then that it is all there is
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["response"] == "utter_nothing_more_again" and messages[0]["title"] == "个人账户家庭共济"
    assert [b["title"] for b in messages[0]["buttons"]] == ["完整说明", "转人工"]
    assert events == [slot(LAST_TOPIC, "family_mutual_aid")]
    # said so on another topic just before: this one's summary is said
    trk.events[2] = {**said, "metadata": {"utter_action": "utter_nothing_more", "title": "异地就医备案"}}
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["response"] == "utter_nothing_more"


def test_how_much_right_after_an_answer_that_counts_no_bill_gets_its_sentence_not_the_cost_form(tracker, run):
    offsite = knowledge_base().topics["offsite_filing"]
    trk = after_an_answer(tracker("备案了在外地头一笔先自个儿付多少", intent="ask_cost"), "offsite_filing")
    messages, events = run(ActionAnswerFaq(), trk)
    sentence = messages[0]["text"].splitlines()[0]
    assert "自付5%" in sentence and sentence in offsite.chat
    assert events == [slot(LAST_TOPIC, "offsite_filing")]


@pytest.mark.parametrize(
    "said, intent_ranking, leans_on_it",
    [
        ("那以前呢", [("out_of_knowledge", 0.55), ("faq", 0.3)], True),  # unsure not known
        ("我们家离城里挺远的", [("out_of_scope", 0.5), ("faq", 0.3)], True),  # unsure off-topic
        ("那以前呢", [("out_of_knowledge", 0.85), ("faq", 0.1)], True),  # sure not known, but its sentences say it
        ("那公积金咋取呢", [("out_of_knowledge", 0.85), ("faq", 0.1)], False),  # sure not known: as asked alone
        ("我想问问今年股票行情咋样 哪一只能涨 您给推荐一个吧 谢谢了啊", [("out_of_knowledge", 0.55)], False),  # long: its own question
    ],
)
def test_a_short_unsure_message_right_after_an_answer_leans_on_it(tracker, run, said, intent_ranking, leans_on_it):
    intent = intent_ranking[0][0]
    trk = after_an_answer(tracker(said, [("scope", 0.05)], intent=intent, intent_ranking=intent_ranking), "large_medical_subsidy")
    messages, _ = run(ActionAnswerFaq(), trk)
    reply = messages[0].get("text") or ""
    # about the answer: that it is all there is, or the sentences of it saying it ("那以前呢": what it was before)
    nothing_more = messages[0].get("response") == "utter_nothing_more"
    assert (nothing_more or bool(reply) and reply.splitlines()[0] in knowledge_base().topics["large_medical_subsidy"].chat) is leans_on_it
    if nothing_more:
        assert messages[0]["custom"]["meta"] == {"kind": "out_of_knowledge"}  # still not known
    messages, _ = run(ActionAnswerFaq(), tracker(said, [("scope", 0.05)], intent=intent, intent_ranking=intent_ranking))
    assert messages[0]["response"] != "utter_nothing_more"  # nothing answered before


def after_an_offer(trk, offered):
    """The bot asked "which one?" with these topics right before the latest message."""
    buttons = [{"title": knowledge_base().topics[t].title, "payload": "/faq" + json.dumps({"faq_topic": t})}
               for t in offered] + [{"title": "都不是，转人工", "payload": "/human_handoff"}]
    trk.events[0:0] = [{"event": "action", "name": "action_answer_faq"},
                       {"event": "bot", "text": "我想确认一下，您问的是下面哪一个？", "data": {"buttons": buttons}},
                       {"event": "action", "name": "action_listen"}]
    return trk


def not_understood_since(trk, *replies):
    """After the offer: the user's answers, each got one of these replies (utter_… names)."""
    at = 3  # after the offer's three events (after_an_offer)
    for reply in replies:
        trk.events[at:at] = [{"event": "user", "text": "……"},
                             {"event": "bot", "text": "……", "metadata": {"utter_action": reply}},
                             {"event": "action", "name": "action_listen"}]
        at += 3
    return trk


def test_an_offer_stands_while_the_answers_to_it_are_not_understood(tracker, run):
    trk = after_an_offer(tracker("俺原先在供销社上班，如今退休了", [("e_voucher", 0.9)], intent="out_of_knowledge"),
                         ["inpatient_resident", "inpatient_employee"])
    messages, _ = run(ActionAnswerFaq(), not_understood_since(trk, "utter_out_of_knowledge", "utter_not_understood"))
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "inpatient_employee"}
    # a reply without custom data (Rasa writes "custom": null) in between ends the offer, without an error
    trk = after_an_offer(tracker("俺原先在供销社上班，如今退休了", [("e_voucher", 0.9)], intent="out_of_knowledge"),
                         ["inpatient_resident", "inpatient_employee"])
    trk.events[3:3] = [{"event": "user", "text": "你好"}, {"event": "bot", "text": "您好！", "data": {"custom": None}}]
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"] != {"kind": "answer", "topic": "inpatient_employee"}
    # three not understood, or an answer in between: the offer is over
    trk = after_an_offer(tracker("俺原先在供销社上班，如今退休了", [("e_voucher", 0.9)], intent="out_of_knowledge"),
                         ["inpatient_resident", "inpatient_employee"])
    trk = not_understood_since(trk, "utter_out_of_knowledge", "utter_not_understood", "utter_out_of_knowledge")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"] != {"kind": "answer", "topic": "inpatient_employee"}


@pytest.mark.parametrize(
    "action, said, intent",
    [
        (ActionOfferHelp(), "第二个", "nlu_fallback"),
        (ActionAnswerFollowUp(), "居民的", "inform"),
        (ActionAnswerFollowUp(), "后面那个吧", "out_of_scope"),
        (ActionAnswerFaq(), "居民住院报销", "faq"),
    ],
)
def test_the_answer_to_which_one_gets_the_topic_picked(tracker, run, action, said, intent):
    trk = after_an_offer(tracker(said, [("e_voucher", 0.9)], intent=intent), ["inpatient_employee", "inpatient_resident"])
    messages, events = run(action, trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "inpatient_resident"}
    assert events[-1] == slot(LAST_TOPIC, "inpatient_resident")


def test_without_an_offer_just_before_a_place_picks_nothing(tracker, run):
    messages, _ = run(ActionOfferHelp(), tracker("第二个", [("e_voucher", 0.2)], intent="nlu_fallback",
                                                 intent_ranking=[("nlu_fallback", 0.45), ("greet", 0.3)]))
    assert messages[0]["response"] == "utter_not_understood"


def test_none_of_them_said_after_which_one_is_the_button_to_a_person(tracker, run):
    trk = after_an_offer(tracker("都不是", [("e_voucher", 0.2)], intent="out_of_scope"), ["inpatient_employee", "inpatient_resident"])
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages == [] and events == [{"event": "followup", "timestamp": None, "name": "action_human_handoff"}]


def test_an_unsure_thanks_or_goodbye_gets_its_answer_not_a_did_not_understand(tracker, run):
    trk = tracker("行了行了 不问了 多谢", intent="nlu_fallback",
                  intent_ranking=[("nlu_fallback", 0.45), ("thank", 0.44), ("goodbye", 0.3)])
    messages, _ = run(ActionOfferHelp(), trk)
    assert [m.get("response") for m in messages] == ["utter_thank"]
    trk = tracker("那就这样 回头见", intent="nlu_fallback",
                  intent_ranking=[("nlu_fallback", 0.45), ("goodbye", 0.4), ("faq", 0.1)])
    assert [m.get("response") for m in run(ActionOfferHelp(), trk)[0]] == ["utter_goodbye"]


def test_every_closing_intent_has_its_response_in_the_domain():
    domain = yaml.safe_load((Path(__file__).parents[2] / "bot/domain/core.yml").read_text(encoding="utf-8"))
    assert all(f"utter_{intent}" in domain["responses"] for intent in CLOSING_INTENTS)


@pytest.mark.parametrize(
    "action, said, intent",
    [
        (ActionAnswerFaq(), "我是居民，自个在村里交的", "out_of_knowledge"),
        (ActionAnswerFaq(), "职工 已经退休好几年了", "faq"),
        (ActionAnswerFaq(), "退下来好几年了 这回住院了", "faq"),  # and the care just answered: theirs
        (ActionOfferHelp(), "还在岗呢 没退", "nlu_fallback"),
    ],
)
def test_who_they_are_right_after_a_benefit_answer_starts_counting_whatever_the_intent(tracker, run, action, said, intent):
    topic = "inpatient_employee" if "居民" not in said else "inpatient_resident"
    trk = after_an_answer(tracker(said, [("scope", 0.5)], intent=intent), topic)
    messages, events = run(action, trk)
    assert messages == [] and events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}


@pytest.mark.parametrize("action, intent", [(ActionAnswerFollowUp(), "inform"), (ActionAnswerFollowUp(), "out_of_scope"),
                                            (ActionAnswerFaq(), "faq")])
def test_who_they_are_asking_how_it_goes_for_them_after_an_answer_that_is_no_benefit_gets_it_again(tracker, run, action, intent):
    trk = after_an_answer(tracker("俺是退休的 俺这咋算", [("scope", 0.5)], intent=intent), "personal_account_change")
    messages, _ = run(action, trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "personal_account_change"}


def test_the_other_scheme_right_after_a_benefit_answer_gets_its_twin_whatever_the_intent(tracker, run):
    trk = after_an_answer(tracker("俺是合作医疗，没单位的", [("scope", 0.5)], intent="out_of_knowledge"), "outpatient_employee")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "outpatient_resident"}


@pytest.mark.parametrize("said", ["我是职工，能报多少", "职工"])
def test_who_they_are_without_an_answer_before_or_with_a_question_is_decided_as_any_question(tracker, run, said):
    trk = tracker(said, [("inpatient_employee", 0.9)])
    if said == "我是职工，能报多少":
        trk = after_an_answer(trk, "e_voucher")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"]["kind"] == "answer"


def test_how_much_right_after_the_same_benefit_answer_counts_the_callers_share(tracker, run):
    ranking = [("chronic_coverage", 0.9)]
    messages, events = run(ActionAnswerFaq(), after_an_answer(tracker("那慢病门诊到底能给报多少钱", ranking), "chronic_coverage"))
    assert messages == [] and events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}
    # a figure of the rules asked again, or how much asked the first time, is answered
    messages, _ = run(ActionAnswerFaq(), after_an_answer(tracker("慢病报销比例是多少", ranking), "chronic_coverage"))
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "chronic_coverage"}
    messages, _ = run(ActionAnswerFaq(), tracker("那慢病门诊到底能给报多少钱", ranking))
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "chronic_coverage"}


def _answered_then_not_known(topic, unsure_replies, reply="utter_out_of_knowledge"):
    """The events of an answer on `topic`, then questions each answered with `reply`."""
    events = [{"event": "user", "text": "家庭共济是什么"}, {"event": "action", "name": "action_answer_faq"},
              {"event": "bot", "text": "……", "metadata": {"utter_action": None}},
              {"event": "slot", "name": LAST_TOPIC, "value": topic}, {"event": "action", "name": "action_listen"}]
    for _ in range(unsure_replies):
        events += [{"event": "user", "text": "那这个要花钱吗"}, {"event": "action", "name": "action_answer_faq"},
                   {"event": "bot", "text": "……", "metadata": {"utter_action": reply}},
                   {"event": "slot", "name": LAST_TOPIC, "value": None}, {"event": "action", "name": "action_listen"}]
    return events


@pytest.mark.parametrize("reply", ["utter_out_of_knowledge", "utter_out_of_scope"])
@pytest.mark.parametrize("unsure_replies, follows_up", [(1, True), (2, True), (3, False)])
def test_an_unclear_question_after_an_answer_and_replies_that_did_not_know_is_still_about_it(
    tracker, run, unsure_replies, follows_up, reply
):
    ranking = [("family_mutual_aid", 0.25), ("kinship_account", 0.2), ("scope", 0.1)]
    trk = tracker("俺娘七十好几了 也能给她弄上不", ranking)
    trk.events[0:0] = _answered_then_not_known("family_mutual_aid", unsure_replies, reply)
    messages, _ = run(ActionAnswerFaq(), trk)
    answered = (messages[0].get("text") or "").startswith(knowledge_base().topics["family_mutual_aid"].chat)
    assert answered is follows_up


@pytest.mark.parametrize("action, intent", [(ActionAnswerFollowUp(), "change_fact"), (ActionAnswerFaq(), "faq")])
def test_the_question_asked_again_for_another_care_gets_that_care_s_benefit_of_the_same_scheme(tracker, run, action, intent):
    trk = after_an_answer(tracker("那门诊呢", [("inpatient_employee", 0.6)], intent=intent), "inpatient_resident")
    messages, _ = run(action, trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "outpatient_resident"}


@pytest.mark.parametrize("action, intent", [(ActionAnswerFollowUp(), "out_of_scope"), (ActionOfferHelp(), "nlu_fallback"),
                                            (ActionAnswerFaq(), "faq")])
def test_cannot_do_it_oneself_after_an_answer_gets_who_helps(tracker, run, action, intent):
    trk = after_an_answer(tracker("俺岁数大了 这些真弄不来", [("e_voucher", 0.5)], intent=intent), "family_mutual_aid")
    messages, events = run(action, trk)
    assert messages[0]["response"] == "utter_help_is_at_hand"
    assert messages[1]["custom"]["meta"] == {"kind": "answer", "topic": "service_stations"}
    assert events[-1] == slot(LAST_TOPIC, "service_stations")
    trk = tracker("俺岁数大了 这些真弄不来", [("e_voucher", 0.5)], intent=intent)  # no answer before it
    messages, _ = run(action, trk)
    assert not messages or messages[0].get("response") != "utter_help_is_at_hand"
    # not reading, or not walking far, is not doing it alone either
    trk = after_an_answer(tracker("俺一个字也不认得", [("using_the_assistant", 0.5)], intent=intent), "manual_reimbursement")
    assert run(action, trk)[0][0]["response"] == "utter_help_is_at_hand"


@pytest.mark.parametrize("action, intent", [(ActionAnswerFollowUp(), "inform"), (ActionOfferHelp(), "nlu_fallback")])
def test_a_place_elsewhere_told_after_how_to_file_for_it_gets_that_answer_again(tracker, run, action, intent):
    trk = after_an_answer(tracker("俺们在天津", [("scope", 0.5)], intent=intent), "offsite_filing")
    messages, _ = run(action, trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "offsite_filing"}
    trk = after_an_answer(tracker("俺们在天津", [("scope", 0.5)], intent=intent), "procurement_pharmacy")
    messages, _ = run(action, trk)
    # not the answer for 滨州 again, which is no answer for 天津
    assert all((m.get("custom") or {}).get("meta", {}).get("topic") != "procurement_pharmacy" for m in messages)


def test_a_place_told_after_an_answer_gets_it_for_that_place_whatever_the_intent(tracker, run):
    trk = after_an_answer(tracker("俺家在阳信", intent="out_of_scope"), "procurement_pharmacy")
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "procurement_pharmacy"}
    trk = after_an_answer(tracker("阳信有啥好玩的", intent="out_of_scope"), "procurement_pharmacy")
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["response"] == "utter_out_of_scope"  # a question of its own
    trk = after_an_answer(tracker("那明儿阳信下不下雪", intent="out_of_scope"), "procurement_pharmacy")
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["response"] == "utter_out_of_scope"


def test_the_cap_asked_right_after_an_estimate_gets_the_benefit_it_was_counted_by(tracker, run):
    said = "那一年到头 最多给报多少"
    estimated = {"scheme": "居民", "care": "住院"}
    trk = after_an_answer(tracker(said, [], intent="out_of_knowledge", slots=estimated), None, "action_estimate_cost")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "inpatient_resident"}
    trk = tracker(said, [], intent="out_of_knowledge", slots=estimated)  # no estimate just given
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"] == "utter_out_of_knowledge"


@pytest.mark.parametrize(
    "said, last",
    [
        ("俺儿子在深圳上班", "offsite_filing"),  # whose place, and what they do there
        ("我是退下来的", "personal_account_change"),  # who, which the answer says it for
        ("冠心病", "chronic_application"),  # a disease alone, after an answer that holds for all
    ],
)
def test_a_fact_told_alone_that_the_answer_covers_gets_it_again_not_counting(tracker, run, said, last):
    trk = after_an_answer(tracker(said, [("scope", 0.5)], intent="inform"), last)
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": last}
    assert {"event": "followup", "timestamp": None, "name": "estimate_form"} not in events


def test_a_message_telling_nothing_to_count_after_an_answer_does_not_start_counting(tracker, run):
    trk = after_an_answer(tracker("俺七十三了", [("scope", 0.5)], intent="inform"), "personal_account_change")
    messages, events = run(ActionAnswerFollowUp(), trk)
    assert messages and {"event": "followup", "timestamp": None, "name": "estimate_form"} not in events


def test_a_bill_told_right_after_a_benefits_answer_is_counted(tracker, run):
    trk = after_an_answer(tracker("前前后后花了二十几万", [("scope", 0.5)], intent="nlu_fallback"), "inpatient_resident")
    messages, events = run(ActionOfferHelp(), trk)
    assert messages == [] and events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}
    assert {"event": "slot", "timestamp": None, "name": "total", "value": "200000"} in events
    # after an answer that is no benefit's, it is decided as any message
    trk = after_an_answer(tracker("前前后后花了二十几万", [("scope", 0.5)], intent="nlu_fallback"), "family_mutual_aid")
    _, events = run(ActionOfferHelp(), trk)
    assert {"event": "followup", "timestamp": None, "name": "estimate_form"} not in events


def test_the_same_question_for_a_scheme_it_does_not_cover_is_not_known_whatever_the_intent(tracker, run):
    trk = after_an_answer(tracker("那城乡居民有没有", [("scope", 0.5)], intent="out_of_scope"), "large_medical_subsidy")
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["response"] == "utter_out_of_knowledge"
    trk = after_an_answer(tracker("退休人员也能报吗", [("scope", 0.5)], intent="out_of_scope"), "outpatient_resident")
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "outpatient_employee"}


def test_two_questions_in_one_message_are_both_answered(tracker, run):
    said = "问你俩事 门诊慢特病咋申请 还有那个集采药品药店导航在哪找"
    messages, events = run(ActionAnswerFaq(), tracker(said, [("chronic_application", 0.8)]))
    assert [m["custom"]["meta"]["topic"] for m in messages] == ["chronic_application", "procurement_pharmacy"]
    assert events[-1] == slot(LAST_TOPIC, "procurement_pharmacy")  # a follow-up is about the last one
    messages, _ = run(ActionAnswerFaq(), tracker("家庭共济和亲情账户有啥不一样", [("family_vs_kinship", 0.9)]))
    assert len(messages) == 1  # one question naming both
    # ranked alike by the classifier ("which one?" before): still each answered
    said = "先说说异地就医备案在哪办，再一个，手工报销几天能到账"
    messages, _ = run(ActionAnswerFaq(), tracker(said, [("manual_reimbursement", 0.3), ("offsite_filing", 0.28)]))
    assert {m["custom"]["meta"].get("topic") for m in messages} == {"manual_reimbursement", "offsite_filing"}


def test_an_operation_and_its_bill_no_topic_answers_well_is_counted_not_unknown(tracker, run):
    # the topics ranked are all far off: "no reliable information" would leave the bill unanswered
    trk = tracker("我家老头做了个阑尾手术 一共一万一 大概报多少", [("procurement_prices", 0.1), ("inpatient_resident", 0.08)])
    messages, events = run(ActionAnswerFaq(), trk)
    assert messages == [] and events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}
    assert {"event": "slot", "timestamp": None, "name": "care", "value": "住院"} in events
    # whether something is covered at all stays not known
    trk = tracker("做近视手术的钱医保管不管", [("procurement_prices", 0.1), ("inpatient_resident", 0.08)])
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"]["kind"] == "out_of_knowledge"


def test_an_assistance_question_with_a_bill_goes_to_the_estimate_form(tracker, run):
    messages, events = run(ActionAnswerFaq(), tracker("俺爸是特困供养的 住院一万三 个人还要掏多少", [("medical_assistance", 0.9)]))
    assert messages == [] and events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}
    messages, _ = run(ActionAnswerFaq(), tracker("低保户看病有啥照顾", [("medical_assistance", 0.9)]))
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "medical_assistance"}


def _not_known_first(question):
    """The events of a question the bot had no reliable information on."""
    return [{"event": "user", "text": question}, {"event": "action", "name": "action_answer_faq"},
            {"event": "bot", "text": "……", "metadata": {"utter_action": "utter_out_of_knowledge"}},
            {"event": "slot", "name": LAST_TOPIC, "value": None}, {"event": "action", "name": "action_listen"}]


def test_a_short_question_right_after_no_reliable_information_is_about_that_and_still_not_known(tracker, run):
    trk = tracker("上哪去问", intent="out_of_scope", intent_ranking=[("out_of_scope", 0.9)])
    trk.events[0:0] = _not_known_first("医保断缴了还能补交吗")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"] == "utter_out_of_knowledge"
    # something of its own is still declined, and so is the same question with nothing said before it
    trk = tracker("今天星期几", intent="out_of_scope", intent_ranking=[("out_of_scope", 0.9)])
    trk.events[0:0] = _not_known_first("医保断缴了还能补交吗")
    assert run(ActionAnswerFaq(), trk)[0][0]["response"] == "utter_out_of_scope"
    trk = tracker("上哪去问", intent="out_of_scope", intent_ranking=[("out_of_scope", 0.9)])
    assert run(ActionAnswerFaq(), trk)[0][0]["response"] == "utter_out_of_scope"


def test_not_following_an_answer_is_told_it_is_all_there_is_not_thanked(tracker, run):
    said = "看不懂 简单点说"
    trk = after_an_answer(tracker(said, intent="nlu_fallback", intent_ranking=[("nlu_fallback", 0.45), ("thank", 0.4)]),
                          "offsite_filing")
    messages, events = run(ActionOfferHelp(), trk)
    assert messages[0]["response"] == "utter_answer_was_whole"
    assert [b["title"] for b in messages[0]["buttons"]] == ["转人工"]
    assert events[-1] == slot(LAST_TOPIC, "offsite_filing")  # what follows is still about it


def test_a_what_if_with_nothing_of_a_bill_right_after_an_answer_is_not_known(tracker, run):
    trk = tracker("那要是双胞胎呢", intent="change_fact", slots={LAST_TOPIC: "maternity_third_child"})
    messages, events = run(ActionAnswerFollowUp(), trk)
    # that answer is all there is on it, and where to ask; what follows is still about it
    assert messages[0]["response"] == "utter_nothing_more" and messages[0]["custom"]["meta"] == {"kind": "out_of_knowledge"}
    assert slot(LAST_TOPIC, "maternity_third_child") in events


def test_a_question_of_the_answers_own_words_no_topic_answers_gets_that_answer_again(tracker, run):
    aid = knowledge_base().topics["medical_assistance"]
    trk = after_an_answer(tracker("三重保障是啥意思", intent="out_of_knowledge"), "medical_assistance")
    messages, events = run(ActionAnswerFaq(), trk)
    assert messages[0]["text"].startswith(aid.chat) and events == [slot(LAST_TOPIC, "medical_assistance")]
    # a topic the question names is answered, not the last one again
    trk = after_an_answer(tracker("手工报销去哪交是吧", [("manual_reimbursement", 0.9)]), "online_services")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"]["topic"] == "manual_reimbursement"


def test_a_benefit_question_naming_no_scheme_right_after_a_benefit_is_of_that_scheme(tracker, run):
    trk = after_an_answer(tracker("三级医院报几成", [("inpatient_employee", 0.9)]), "inpatient_resident")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"]["topic"] == "inpatient_resident"


def test_only_taking_an_answer_in_is_heard_and_the_next_question_is_still_about_it(tracker, run):
    trk = after_an_answer(tracker("行 俺记一下", intent="out_of_scope"), "manual_reimbursement")
    messages, events = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"] == "utter_noted" and events == []
    trk.events.insert(2, slot(LAST_TOPIC, "manual_reimbursement"))  # the answer's, as Rasa records it
    trk.events += [{"event": "action", "name": "action_answer_faq"},
                   {"event": "bot", "text": "好的。", "metadata": {"utter_action": "utter_noted"}},
                   {"event": "action", "name": "action_listen"},
                   {"event": "user", "text": "那得带啥材料", "parse_data": {}}]
    assert topic_just_answered(trk) == "manual_reimbursement"


def test_a_greeting_is_returned_but_taking_it_in_is_only_heard(tracker, run):
    messages, _ = run(ActionGreet(), tracker("喂 你好", intent="greet"))
    assert messages[0]["response"] == "utter_greet"
    messages, _ = run(ActionGreet(), tracker("好好好", intent="greet"))
    assert messages[0]["response"] == "utter_noted"


def test_a_figure_of_the_answer_said_back_is_no_bill(tracker, run):
    employee = knowledge_base().topics["outpatient_employee"]
    messages, events = run(ActionAnswerFollowUp(), tracker("四千五是吧", intent="inform", slots={LAST_TOPIC: "outpatient_employee"}))
    # a check of that cap: the sentence giving it, no bill started
    said = messages[0]["text"]
    assert "年度最高支付限额4500元" in said and not said.startswith(employee.chat) and "不一样" not in said
    assert not any(e.get("name") == "estimate_form" for e in events)
    # one's own bill of the same amount is counted
    _, events = run(ActionAnswerFollowUp(), tracker("我看病花了四千五", intent="inform", slots={LAST_TOPIC: "outpatient_employee"}))
    assert {"event": "followup", "timestamp": None, "name": "estimate_form"} in events


def test_a_figure_of_the_answer_said_back_with_whom_it_is_for_gets_that_answer_again(tracker, run):
    employee = knowledge_base().topics["outpatient_employee"]
    trk = after_an_answer(tracker("退休的一年5500？", intent="faq"), "outpatient_employee")
    messages, events = run(ActionAnswerFaq(), trk)
    retirees = next(line for line in employee.chat.splitlines() if "5500" in line)
    assert messages[0]["text"].startswith(retirees.removeprefix("2. "))
    assert not any(e["event"] == "followup" for e in events)


def test_in_the_form_a_figure_of_the_rules_is_answered_for_the_benefit_being_counted(tracker, run):
    slots = {"scheme": "居民", "care": "两病", "requested_slot": "total"}
    trk = tracker("那一年顶多给报多少钱", [], slots=slots, intent="out_of_scope", active_loop="estimate_form",
                  intent_ranking=[("out_of_scope", 0.8), ("faq", 0.1)])
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "two_diseases"}


def test_the_answers_words_said_back_and_taken_in_are_heard_not_asked_about(tracker, run):
    trk = after_an_answer(tracker("百分之八十 中", intent="out_of_knowledge"), "serious_illness")
    messages, events = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"] == "utter_noted" and events == []
    messages, _ = run(ActionAnswerFollowUp(), tracker("十个工作日 好", intent="inform", slots={LAST_TOPIC: "manual_reimbursement"}))
    assert messages[0]["response"] == "utter_noted"


def test_small_talk_that_asks_a_question_is_answered_and_a_goodbye_saying_none_is_not_one(tracker, run):
    trk = tracker("俺在村里住 必须跑到县里窗口办吗", [("manual_reimbursement", 0.8)], intent="greet")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"]["topic"] == "manual_reimbursement"
    trk = tracker("就这一个病", intent="goodbye", intent_ranking=[("goodbye", 0.6), ("inform", 0.2)])
    assert run(ActionAnswerFaq(), trk)[0][0]["response"] == "utter_not_understood"


def test_a_question_of_how_or_who_right_after_an_answer_is_not_off_topic_but_not_known(tracker, run):
    trk = after_an_answer(tracker("俺单位也想弄一个 这得找谁", intent="out_of_scope"), "enterprise_station")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"].startswith("utter_out_of_knowledge")
    messages, _ = run(ActionAnswerFaq(), tracker("俺单位也想弄一个 这得找谁", intent="out_of_scope"))
    assert messages[0]["response"] == "utter_out_of_scope"


def test_a_bill_asked_about_is_counted_whatever_topic_its_other_words_are_near(tracker, run):
    said = "在交费窗口排着呢 单子出来了一万二 医保能给报多少"
    _, events = run(ActionAnswerFaq(), tracker(said, [("e_voucher", 0.7)]))
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}
    # naming the topic, it is that topic's question ("大病保险" with a bill: its rules)
    messages, _ = run(ActionAnswerFaq(), tracker("大病保险 花了二十万 能报多少", [("serious_illness", 0.9)]))
    assert messages[0]["custom"]["meta"]["topic"] == "serious_illness"
    # right after that topic's answer, a figure of it said back with "报多少" is no bill of one's own
    trk = after_an_answer(tracker("一万五啊 那能报多少", [("serious_illness", 0.5)]), "serious_illness")
    assert not any(e["event"] == "followup" for e in run(ActionAnswerFaq(), trk)[1])


def test_where_an_answer_comes_from_gets_its_article_and_date(tracker, run):
    kb = knowledge_base()
    topic = kb.topics["two_diseases"]
    trk = after_an_answer(tracker("你说的这些有啥依据 哪年的报道", intent="out_of_scope"), "two_diseases")
    messages, events = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"] == "utter_answer_source"
    assert messages[0]["title"] == topic.source.title and messages[0]["when"] == topic.source.shown_date == "约2022年12月"
    assert {"event": "slot", "name": LAST_TOPIC, "value": "two_diseases", "timestamp": None} in events
    # the service's own description has no article
    trk = after_an_answer(tracker("这是哪个文件说的", intent="faq"), "hotline_human")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"] == "utter_answer_is_the_services_own"


@pytest.mark.parametrize("said", ["麻烦再说一遍", "完整说明", "个人账户家庭共济"])
def test_asking_to_hear_it_again_gets_the_answer_again(tracker, run, said):
    """Asked again, or by the widget's button typed, or by the topic's own title: the whole answer again."""
    trk = after_an_answer(tracker(said, [("scope", 0.3)], intent="greet"), "family_mutual_aid")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "family_mutual_aid"}
    assert messages[0]["text"].startswith(knowledge_base().topics["family_mutual_aid"].chat)


def test_a_moment_asked_for_is_given_and_the_topic_stays(tracker, run):
    trk = after_an_answer(tracker("等一下 等一下 我拿个笔", [("scope", 0.3)], intent="out_of_scope"), "offsite_filing")
    messages, events = run(ActionAnswerFaq(), trk)
    assert messages[0]["response"] == "utter_take_your_time" and events == []


def test_a_caller_checking_they_are_heard_is_greeted_not_told_it_is_off_topic(tracker, run):
    messages, _ = run(ActionAnswerFaq(), tracker("喂 喂 能听到吗", [("scope", 0.3)], intent="out_of_scope", channel="hotline"))
    assert messages[0]["response"] == "utter_greet"


def test_a_narrow_follow_up_on_the_hotline_gets_the_sentence_that_answers_it_and_the_rest_on_request(tracker, run):
    trk = after_an_answer(tracker("那有效期里头能看几回病", [("offsite_filing", 0.9)], channel="hotline"), "offsite_filing")
    messages, events = run(ActionAnswerFaq(), trk)
    assert messages[0]["text"] == "备案有效期内看病不再限制次数。\n" + SPOKEN_DETAILS_OFFER
    assert events == [slot(LAST_TOPIC, "offsite_filing")]


def test_a_narrow_follow_up_in_the_chat_gets_the_sentence_its_source_and_a_button_for_the_whole(tracker, run):
    trk = after_an_answer(tracker("那有效期里头能看几回病", [("offsite_filing", 0.9)]), "offsite_filing")
    messages, _ = run(ActionAnswerFaq(), trk)
    topic = knowledge_base().topics["offsite_filing"]
    assert messages[0]["text"].startswith("备案有效期内看病不再限制次数。\n")
    assert topic.citation() in messages[0]["text"] and topic.chat not in messages[0]["text"]
    [whole] = messages[0]["buttons"]
    assert json.loads(whole["payload"].removeprefix("/faq")) == {"faq_topic": "offsite_filing"}
    # that button is no "which one?": a vague message next is not taken as picking it
    bot_said = {"event": "bot", "text": messages[0]["text"], "data": {"buttons": messages[0]["buttons"]}}
    trk = after_an_answer(tracker("那个高额预警是怎么回事", intent="out_of_scope"), "offsite_filing")
    trk.events.insert(2, bot_said)
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0].get("custom", {}).get("meta", {}).get("topic") != "offsite_filing"


def test_a_question_naming_no_topic_that_a_sentence_of_the_answer_says_is_not_sent_to_another_topic(tracker, run):
    trk = after_an_answer(tracker("能不能托乡村医生帮着代办", [("scope", 0.9)]), "manual_reimbursement")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["text"].startswith("也可以请乡村医生或网格员帮办代办。")
    # a question naming another topic gets that topic
    trk = after_an_answer(tracker("那亲情账户能绑几个人", [("kinship_account", 0.9)]), "family_mutual_aid")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["custom"]["meta"]["topic"] == "kinship_account"


def test_who_one_is_after_an_answer_gets_the_whole_answer_not_a_sentence_of_it(tracker, run):
    trk = after_an_answer(tracker("她是我外孙女 居民医保", intent="inform"), "family_mutual_aid")
    messages, _ = run(ActionAnswerFollowUp(), trk)
    assert messages[0]["text"].startswith(knowledge_base().topics["family_mutual_aid"].chat)


def test_a_figure_checked_of_the_topic_the_message_names_gets_that_topic_s_sentence(tracker, run):
    trk = after_an_answer(tracker("那个大额补助一年最多给到八十万是吗", [("large_medical_subsidy", 0.9)]), "inpatient_employee")
    messages, events = run(ActionAnswerFaq(), trk)
    assert messages[0]["text"].startswith("年度限额由50万元增至80万元。")
    assert events == [slot(LAST_TOPIC, "large_medical_subsidy")]


def test_one_schemes_benefit_asked_without_saying_whose_says_the_other_differs(tracker, run):
    ranking = [("inpatient_employee", 0.85), ("inpatient_resident", 0.08)]
    messages, _ = run(ActionAnswerFaq(), tracker("三级医院超过一万的那块是不是多报点", ranking))
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "inpatient_employee"}
    assert messages[1]["text"] == "以上是职工医保的；居民医保的不一样。"
    [button] = messages[1]["buttons"]
    assert button["title"] == "居民医保的" and '"inpatient_resident"' in button["payload"]
    # whose it is said, now or to the cost form: no note
    said, _ = run(ActionAnswerFaq(), tracker("俺是上班的 三级医院超过一万的那块是不是多报点", ranking))
    assert len(said) == 1
    told, _ = run(ActionAnswerFaq(), tracker("三级医院超过一万的那块是不是多报点", ranking, slots={"scheme": "职工"}))
    assert len(told) == 1
    # picked from a list by its button: no note
    picked, _ = run(ActionAnswerFaq(), tracker('/faq{"faq_topic": "inpatient_employee"}', [],
                                               entities=[{"entity": "faq_topic", "value": "inpatient_employee"}]))
    assert len(picked) == 1
    # a topic of no one scheme: no note
    other, _ = run(ActionAnswerFaq(), tracker("异地备案在哪办", [("offsite_filing", 0.9)]))
    assert len(other) == 1


def test_both_schemes_compared_get_the_benefit_for_each(tracker, run):
    ranking = [("inpatient_resident", 0.7), ("inpatient_employee", 0.2)]
    messages, _ = run(ActionAnswerFaq(), tracker("住院的话 上班的职工跟农村居民 谁报得多", ranking))
    assert [m["custom"]["meta"]["topic"] for m in messages] == ["inpatient_resident", "inpatient_employee"]
    assert not any("不一样" in m["text"] for m in messages)  # both given: no note of the other
    unsure = [("outpatient_employee", 0.41), ("outpatient_resident", 0.39)]
    messages, _ = run(ActionAnswerFaq(), tracker("职工和居民看门诊报销有啥区别", unsure))
    assert sorted(m["custom"]["meta"]["topic"] for m in messages) == ["outpatient_employee", "outpatient_resident"]


def test_what_about_something_of_the_answer_asked_with_ne_gets_its_sentence(tracker, run):
    # "…呢" is no question word, but asks about the item named: the sentence of the answer saying it
    unsure = dict(intent="out_of_knowledge", intent_ranking=[("out_of_knowledge", 0.5), ("faq", 0.3)])
    trk = after_an_answer(tracker("那导丝呢", [("scope", 0.05)], **unsure), "procurement_prices")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert "导丝从950元降到447元" in messages[0]["text"] and "人工关节" not in messages[0]["text"]


def test_a_relative_asked_about_with_ne_not_understood_alone_is_about_the_answer_just_given(tracker, run):
    trk = after_an_answer(tracker("那俺丈母娘呢", intent="nlu_fallback", intent_ranking=[("nlu_fallback", 0.45)]), "family_mutual_aid")
    messages, _ = run(ActionAnswerFaq(), trk)
    assert messages[0]["text"].startswith("能绑谁：在山东，可以绑定配偶、父母、子女。")


@pytest.mark.parametrize("intent", ["out_of_knowledge", "out_of_scope"])
def test_what_a_word_of_the_estimate_means_is_said_with_no_estimate_to_point_at(tracker, run, intent):
    messages, events = run(ActionAnswerFaq(), tracker("门槛费指的是啥", [("scope", 0.5)], intent=intent))
    assert messages[0]["text"].startswith("起付线，就是报销前先由自己负担的那一段费用")
    assert messages[0]["custom"]["meta"] == {"kind": "answer"}
    # what it came to is no meaning: with no estimate, not known
    messages, _ = run(ActionAnswerFaq(), tracker("门槛费是多少", [("scope", 0.5)], intent="out_of_knowledge"))
    assert "起付线，就是" not in (messages[0].get("text") or "")


def test_a_follow_up_from_someone_who_said_they_retired_gets_the_retirees_rates_too(tracker, run):
    def asked(earlier):
        trk = after_an_answer(tracker("去二级医院看门诊报销几成啊", [("outpatient_employee", 0.9)]), "outpatient_employee")
        trk.events[0]["text"] = earlier
        return run(ActionAnswerFaq(), trk)[0][0]["text"]

    said = asked("俺从厂里退下来了 职工医保 看门诊能报多少")
    assert said.startswith("在职职工：") and "\n退休人员：报销比例各提高5%" in said
    # nobody said so: the rates the question finds alone
    assert "退休人员" not in asked("职工医保看门诊能报多少")
    # a bill counted as a retiree's says so too
    trk = after_an_answer(tracker("去二级医院看门诊报销几成啊", [("outpatient_employee", 0.9)],
                                  slots={"status": "退休"}), "outpatient_employee")
    assert "\n退休人员：" in run(ActionAnswerFaq(), trk)[0][0]["text"]


@pytest.mark.parametrize(
    "action, said, of_binzhou, intent",
    [
        (ActionAnswerFaq(), "那德州的住院报销比例是多少", "那咱滨州的住院报销比例是多少", "out_of_knowledge"),
        (ActionAnswerFollowUp(), "俺是潍坊的居民医保", "俺是居民医保", "inform"),  # no pick of the 居民 twin offered
        (ActionAnswerFollowUp(), "那烟台的起付线呢", "那滨州的起付线呢", "change_fact"),
    ],
)
def test_another_citys_insurance_right_after_a_benefit_answer_is_told_whose_rules_apply(
    tracker, run, action, said, of_binzhou, intent
):
    messages, events = run(action, after_an_answer(tracker(said, intent=intent), "inpatient_employee"))
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "insured_elsewhere"}
    assert "参保地的医保部门" in messages[0]["text"]
    assert not any(e["event"] == "followup" for e in events)
    # the same words of 滨州 are the follow-up they were
    messages, _ = run(action, after_an_answer(tracker(of_binzhou, intent=intent), "inpatient_employee"))
    assert all(m.get("custom", {}).get("meta", {}).get("topic") != "insured_elsewhere" for m in messages)

"""The cost form's validation, its questions and the estimate actions, with real Tracker and CollectingDispatcher."""
from decimal import Decimal

import pytest

from actions.cost_slots import fact_events
from actions.estimate import ActionChangeFact, ActionEstimateCost, ActionExplainEstimate, ActionResetCost
from actions.estimate_ask import AskCareDate, AskFact, AskLevel, AskScheme, AskTotal
from actions.estimate_form import ValidateEstimateForm
from knowledge.cost.card import estimate_card
from knowledge.cost.engine import estimate
from knowledge.cost.glossary import explain_term, term_asked
from knowledge.cost.numbers import format_money
from knowledge.cost.render import render_chat, render_details
from knowledge.cost.request import EstimateInput
from knowledge.faq.answer import compose_reply
from knowledge.faq.model import knowledge_base
from knowledge.speech.numbers import say_amount

EMPLOYEE_AT_LEVEL_3 = {"scheme": "职工", "status": "在职", "care": "住院", "level": "3", "total": "16000"}


def slot_changes(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def validate(run, trk):
    return run(ValidateEstimateForm(), trk)


# ---- reading answers

def test_one_message_fills_several_slots_and_asks_the_next_missing(form_tracker, run):
    _, events = validate(run, form_tracker("我是退休职工，在市人民医院住院花了一万六", starting=True, intent="ask_cost"))
    changes = slot_changes(events)
    assert changes["scheme"] == "职工" and changes["status"] == "退休" and changes["care"] == "住院"
    assert changes["total"] == "16000" and changes["requested_slot"] == "level"


def test_a_two_fact_answer_is_read_whatever_its_intent(form_tracker, run):
    slots = {"care": "住院", "requested_slot": "scheme"}
    _, events = validate(run, form_tracker("职工，在职", slots, intent="faq"))
    assert slot_changes(events)["scheme"] == "职工" and slot_changes(events)["status"] == "在职"
    assert slot_changes(events)["requested_slot"] == "level"


@pytest.mark.parametrize(
    "text, intent", [("异地就医怎么备案", "faq"), ("算了 不算了", "cancel"), ("好的谢谢", "thank"), ("再见", "goodbye")]
)
def test_a_stop_or_a_confident_faq_question_is_rejected_for_the_rules(form_tracker, run, text, intent):
    slots = {"scheme": "居民", "care": "住院", "requested_slot": "level"}
    messages, events = validate(run, form_tracker(text, slots, intent=intent, confidence=0.95))
    assert messages == [] and events == []  # Rasa rejects the form: the FAQ, cancel or goodbye rule answers


def test_an_unsure_faq_guess_in_the_form_is_an_unclear_answer(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "requested_slot": "level"}
    messages, events = validate(run, form_tracker("就是城东那个大的", slots, intent="faq", confidence=0.4))
    assert messages[0]["response"] == "utter_level_unknown" and slot_changes(events)["answer_misses"] == 1


def test_an_unsure_cancel_that_asks_in_the_form_is_rejected_for_the_question_rule(form_tracker, run):
    slots = {"scheme": "职工", "care": "住院", "requested_slot": "level"}
    ranked = [("nlu_fallback", 0.45), ("cancel", 0.4), ("faq", 0.2)]
    asks = form_tracker("有人讲门诊统筹不搞了取消了 真的吗", slots, intent="nlu_fallback", confidence=0.45,
                        intent_ranking=ranked)
    assert validate(run, asks) == ([], [])  # Rasa rejects the form: action_offer_help answers, the form resumes
    stops = form_tracker("那就这样吧不弄了", slots, intent="nlu_fallback", confidence=0.45, intent_ranking=ranked)
    messages, _ = validate(run, stops)
    assert messages[0]["response"] == "utter_level_unknown"  # an unsure stop: asked again, nothing lost


def test_facts_said_before_the_form_started_are_kept(form_tracker, run):
    earlier = ["我是退休职工，住院报销比例是多少", "在三级医院住的"]
    _, events = validate(run, form_tracker("花了一万六 帮我算算自己出多少", starting=True, earlier=earlier, intent="ask_cost"))
    changes = slot_changes(events)
    assert changes["scheme"] == "职工" and changes["status"] == "退休" and changes["level"] == "3"
    assert changes["total"] == "16000" and changes["requested_slot"] is None


def test_the_care_of_an_faq_topic_answered_before_is_kept(form_tracker, run):
    trk = form_tracker("我是退休职工 三级医院 花了一万六", starting=True, earlier=["报销比例是多少"])
    faq_answer = {"event": "bot", "text": "……", "data": {"custom": {"meta": {"kind": "answer", "topic": "inpatient_employee"}}}}
    trk.events.insert(3, faq_answer)  # after the earlier question and its action
    _, events = validate(run, trk)
    assert slot_changes(events)["care"] == "住院" and slot_changes(events)["requested_slot"] is None


def test_the_care_the_user_said_outranks_the_care_of_a_later_faq_answer(form_tracker, run):
    trk = form_tracker("一百八十五块", starting=True, earlier=["看门诊", "居民", "在镇上卫生院看的"])
    inpatient = {"event": "bot", "text": "……", "data": {"custom": {"meta": {"kind": "answer", "topic": "inpatient_resident"}}}}
    trk.events.insert(9, inpatient)  # the reply to the third earlier message, taken for a question about stays
    assert trk.events[8] == {"event": "action", "name": "action_answer_faq"}
    changes = slot_changes(validate(run, trk)[1])
    assert changes["care"] == "普通门诊" and changes["scheme"] == "居民" and changes["level"] == "1"


@pytest.mark.parametrize(
    "offered, care",
    [
        (["large_medical_subsidy", "inpatient_employee"], "住院"),  # either topic means a hospital stay
        (["inpatient_employee", "outpatient_employee"], None),  # the choices disagree: asked
    ],
)
def test_after_a_which_one_the_care_all_offered_topics_agree_on_is_kept(form_tracker, run, offered, care):
    trk = form_tracker("我是退休职工 三级医院 花了三十万", starting=True, earlier=["大病花了几十万 职工能报多少"])
    clarify = {"event": "bot", "text": "……", "data": {"custom": {"meta": {"kind": "clarify", "offered": offered}}}}
    trk.events.insert(3, clarify)  # after the earlier question and its action
    changes = slot_changes(validate(run, trk)[1])
    assert changes.get("care") == care
    assert changes["requested_slot"] == (None if care else "care")


def ranked(trk, *ranking: tuple[str, float]) -> None:
    """The response selector's topic ranking of the latest message."""
    trk.latest_message["response_selector"] = {
        "faq": {"ranking": [{"intent_response_key": f"faq/{topic}", "confidence": c} for topic, c in ranking]}
    }


def test_a_cost_question_taken_for_an_faq_topic_takes_the_topics_care_unless_said(form_tracker, run):
    trk = form_tracker("退休职工 花了三十万 我自己出多少", starting=True, intent="faq")
    ranked(trk, ("inpatient_employee", 0.8), ("outpatient_employee", 0.1))
    _, events = validate(run, trk)
    assert slot_changes(events)["care"] == "住院" and slot_changes(events)["requested_slot"] == "level"
    trk = form_tracker("退休职工 看门诊花了三百 我自己出多少", starting=True, intent="faq")
    ranked(trk, ("inpatient_employee", 0.8), ("outpatient_employee", 0.1))
    assert slot_changes(validate(run, trk)[1])["care"] == "普通门诊"
    trk = form_tracker("三级医院 花了一千三", starting=True, intent="faq", earlier=["退休职工 慢病门诊怎么报"])
    ranked(trk, ("inpatient_employee", 0.8), ("outpatient_employee", 0.1))
    assert slot_changes(validate(run, trk)[1])["care"] == "门诊慢特病"  # said before: the hint gives way


def test_a_cost_question_the_topic_ranking_is_unclear_about_takes_no_care_from_it(form_tracker, run):
    trk = form_tracker("那我老伴呢 她是居民 也在那家医院 花了三万", starting=True, intent="faq")
    ranked(trk, ("chronic_coverage", 0.12), ("family_mutual_aid", 0.1), ("two_diseases", 0.09))
    assert "care" not in slot_changes(validate(run, trk)[1])
    ranked(trk, ("chronic_coverage", 0.45), ("two_diseases", 0.2))  # far enough ahead: its care
    assert slot_changes(validate(run, trk)[1])["care"] == "门诊慢特病"


def test_facts_of_an_earlier_bill_are_not_read_again(form_tracker, run):
    trk = form_tracker("帮我再算一个", starting=True, intent="ask_cost")
    trk.events[0:0] = [{"event": "user", "text": "二级医院", "parse_data": {}},
                       {"event": "action", "name": "action_estimate_cost"}]
    _, events = validate(run, trk)
    assert "level" not in slot_changes(events)


def test_a_correction_overrides_a_filled_slot(form_tracker, run):
    slots = {"scheme": "职工", "status": "在职", "care": "住院", "level": "2", "requested_slot": "total"}
    _, events = validate(run, form_tracker("不对，是三甲医院", slots, intent="change_fact"))
    assert slot_changes(events)["level"] == "3"
    assert slot_changes(events)["requested_slot"] == "total"


def test_an_faq_question_is_not_read_when_the_form_resumes_after_it(form_tracker, run):
    slots = {"scheme": "居民", "requested_slot": "care"}
    messages, events = validate(run, form_tracker("住院报销比例是多少", slots, intent="faq", after="action_answer_faq"))
    assert messages == [] and "care" not in slot_changes(events)
    assert slot_changes(events)["requested_slot"] == "care"


def test_the_optional_inputs_are_kept_for_the_estimate(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "level": "2", "requested_slot": "total"}
    _, events = validate(run, form_tracker("一共九千，其中自费药一千，今年第三次住院了", slots))
    changes = slot_changes(events)
    assert changes["total"] == "9000" and changes["self_paid"] == "1000" and changes["admission"] == 3
    assert changes["requested_slot"] is None


def test_off_site_care_asks_whether_it_was_filed(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "level": "2", "requested_slot": "total"}
    _, events = validate(run, form_tracker("在天津住的院 花了一万", slots))
    assert slot_changes(events)["requested_slot"] == "filed"
    _, events = validate(run, form_tracker("没办", {**slots, "offsite": True, "total": "10000", "requested_slot": "filed"}))
    assert slot_changes(events)["filed"] is False
    assert slot_changes(events)["requested_slot"] is None  # declined: action_estimate_cost says why


def test_a_city_named_in_the_question_ends_the_form_for_a_region_without_parameters(form_tracker, run):
    _, events = validate(run, form_tracker("乌海住院花了一万", starting=True, intent="ask_cost"))
    assert slot_changes(events)["region"] == "wuhai" and slot_changes(events)["requested_slot"] is None


def test_wuhai_ends_the_form_at_once(form_tracker, run):
    _, events = validate(run, form_tracker("住院花了一万", {"region": "wuhai"}, starting=True, intent="ask_cost"))
    assert slot_changes(events)["requested_slot"] is None


def test_negative_and_huge_totals_are_refused_politely(form_tracker, run):
    slots = {"scheme": "居民", "care": "普通门诊", "requested_slot": "total"}
    for said, response in (("负五千", "utter_total_not_positive"), ("一万亿", "utter_total_too_large")):
        messages, events = validate(run, form_tracker(said, slots))
        assert messages[0]["response"] == response
        assert slot_changes(events)["requested_slot"] == "total" and slot_changes(events).get("total") is None


def test_care_before_june_2022_is_refused_and_the_date_asked_again(form_tracker, run):
    messages, events = validate(run, form_tracker("2021年3月住院了 职工在职", starting=True, intent="ask_cost"))
    assert "2022年6月1日以前" in messages[0]["text"]
    assert messages[0]["custom"] == {"meta": {"kind": "refusal"}}
    assert slot_changes(events)["requested_slot"] == "care_date"


def test_the_date_question_is_not_asked_again_in_the_turn_the_refusal_asked_for_it(form_tracker, run):
    refused = form_tracker("前年住的 二零年", {"requested_slot": "care_date"}, starting=True, intent="ask_cost")
    refused.events.insert(-1, {"event": "slot", "name": "date_invalid", "value": True})
    assert run(AskCareDate(), refused)[0] == []  # neither "好的，帮您估算一下" nor the question twice
    later = form_tracker("我是居民医保", {"requested_slot": "care_date", "date_invalid": True})
    assert [m["response"] for m in run(AskCareDate(), later)[0]] == ["utter_ask_care_date"]


# ---- never a loop

def test_an_unusable_answer_is_explained_and_counted(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "requested_slot": "level"}
    messages, events = validate(run, form_tracker("县医院", slots))
    assert messages[0]["response"] == "utter_level_unknown"
    assert slot_changes(events)["answer_misses"] == 1 and slot_changes(events)["requested_slot"] == "level"


def test_the_third_time_the_question_is_replaced_by_examples_and_a_way_out(tracker, run):
    first, _ = run(AskLevel(), tracker("", slots={"answer_misses": 0}))
    second, _ = run(AskLevel(), tracker("", slots={"answer_misses": 1}))
    third, _ = run(AskLevel(), tracker("", slots={"answer_misses": 2}))
    assert first[0]["response"] == second[0]["response"] == "utter_ask_level"
    assert third[0]["response"] == "utter_examples_level"


@pytest.mark.parametrize("ask, fact", [(AskScheme(), "scheme"), (AskLevel(), "level"), (AskTotal(), "total")])
def test_the_first_question_opens_the_estimate_only_in_the_turn_that_starts_it(form_tracker, run, ask, fact):
    starting = form_tracker("在镇上卫生院住的", {"requested_slot": fact}, starting=True, intent="faq")
    again = form_tracker("一万二", {"requested_slot": fact, "total": "12000"})  # a new fact, not the one asked
    opened = [m["response"] for m in run(ask, starting)[0]]
    assert opened == ["utter_estimate_opening", f"utter_ask_{fact}"]
    assert [m["response"] for m in run(ask, again)[0]] == [f"utter_ask_{fact}"]
    missed_twice = form_tracker("嗯", {"requested_slot": fact, "answer_misses": 2})
    assert [m["response"] for m in run(ask, missed_twice)[0]] == [f"utter_examples_{fact}"]


def test_no_opening_after_a_refusal_of_what_the_starting_message_said(form_tracker, run):
    starting = form_tracker("住院花了零元", {"requested_slot": "total"}, starting=True, intent="faq")
    refusal = {"event": "bot", "text": "费用应该是大于零的金额…", "data": {"custom": {"meta": {"kind": "refusal"}}}}
    starting.events.insert(-2, refusal)  # the validation's reply, before the form's question
    assert [m["response"] for m in run(AskTotal(), starting)[0]] == ["utter_ask_total"]


def test_after_three_misses_in_a_row_the_form_ends_and_a_person_is_offered(form_tracker, tracker, run):
    slots = {"scheme": "居民", "care": "住院", "requested_slot": "level", "answer_misses": 2}
    _, events = validate(run, form_tracker("啊？", slots))
    assert slot_changes(events)["answer_misses"] == 3 and slot_changes(events)["requested_slot"] is None
    messages, events = run(ActionEstimateCost(), tracker("", slots={**slots, "answer_misses": 3}))
    assert messages[0]["response"] == "utter_cost_gave_up"
    assert slot_changes(events)["answer_misses"] == 0


def test_a_question_that_comes_back_after_a_detour_counts_up_to_the_examples(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "requested_slot": "level", "answer_misses": 1}
    _, events = validate(run, form_tracker("家庭共济怎么开通", slots, intent="faq", after="action_answer_faq"))
    assert slot_changes(events)["answer_misses"] == 2 and slot_changes(events)["requested_slot"] == "level"
    _, events = validate(run, form_tracker("家庭共济怎么开通", {**slots, "answer_misses": 2}, intent="faq",
                                           after="action_answer_faq"))
    assert slot_changes(events)["answer_misses"] == 2  # detours alone never hand off


def test_an_answer_with_a_new_fact_is_progress_not_a_miss(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "requested_slot": "level", "answer_misses": 2}
    messages, events = validate(run, form_tracker("花了八千", slots))
    changes = slot_changes(events)
    assert changes["answer_misses"] == 2 and changes["total"] == "8000"
    assert changes["requested_slot"] == "level"  # still asked, not handed to a person
    # and said back, so that the question that comes again does not sound as if nothing was heard
    assert [m["text"] for m in messages] == ["好的，记下了：总费用8,000.00元。"]
    assert messages[0]["custom"]["meta"] == {"kind": "ask"}


def test_facts_told_instead_of_the_one_asked_are_said_back_and_an_answer_is_not(form_tracker, run):
    asked_care = {"scheme": "职工", "status": "在职", "requested_slot": "care"}
    messages, _ = validate(run, form_tracker("三甲 那回自费的药一千多", asked_care))
    assert [m["text"] for m in messages] == ["好的，记下了：三级医院、自费1,000.00元。"]
    messages, events = validate(run, form_tracker("住院 三甲", asked_care))
    assert slot_changes(events)["requested_slot"] == "total" and messages == []


def test_a_fact_told_again_is_no_unclear_answer_but_counts(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "total": "8000", "requested_slot": "level", "answer_misses": 1}
    messages, events = validate(run, form_tracker("花了八千", slots))
    assert messages == [] and slot_changes(events)["answer_misses"] == 2


def test_a_new_question_starts_its_own_count(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "requested_slot": "level", "answer_misses": 1}
    _, events = validate(run, form_tracker("二级", slots))
    assert slot_changes(events)["answer_misses"] == 0 and slot_changes(events)["requested_slot"] == "total"


def test_every_asked_fact_has_an_ask_action():
    from knowledge.cost.facts import FACTS
    asked = {cls().fact for cls in AskFact.__subclasses__()}
    assert set(FACTS) | {"care_date"} == asked


# ---- the answer

def test_the_answer_is_the_readable_reply_with_the_card_and_a_details_button(tracker, run):
    messages, _ = run(ActionEstimateCost(), tracker("三级", intent="inform", slots=EMPLOYEE_AT_LEVEL_3))
    expected = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000)))
    assert messages[0]["text"] == render_chat(expected, ["policy", "offsite"])
    assert messages[0]["buttons"] == [{"title": "查看明细", "payload": "/ask_details"}]
    assert messages[0]["custom"]["meta"] == {"kind": "estimate", "amount": "2780.00"}
    assert messages[0]["custom"]["estimate"] == estimate_card(expected, ["policy", "offsite"])


def test_the_optional_facts_reach_the_engine(tracker, run):
    slots = {"scheme": "居民", "care": "住院", "level": "2", "total": "9000", "self_paid": "1000", "admission": 3.0}
    messages, _ = run(ActionEstimateCost(), tracker("", slots=slots))
    expected = estimate(EstimateInput(scheme="居民", care="住院", level=2, total=Decimal(9000), policy=Decimal(8000),
                                      admission=3))
    assert messages[0]["custom"]["meta"]["amount"] == f"{expected.personal_pay:.2f}"
    assert "今年第一次住院" not in messages[0]["text"] and "在本地就医" in messages[0]["text"]


def test_off_site_without_filing_is_declined_not_estimated(tracker, run):
    slots = {**EMPLOYEE_AT_LEVEL_3, "offsite": True, "filed": False}
    messages, _ = run(ActionEstimateCost(), tracker("", slots=slots))
    assert messages[0]["response"] == "utter_offsite_not_filed"


@pytest.mark.parametrize("fact", ["childbirth", "insured_elsewhere"])
def test_a_birth_or_insurance_in_another_city_is_declined_not_estimated(tracker, run, fact):
    messages, _ = run(ActionEstimateCost(), tracker("", slots={**EMPLOYEE_AT_LEVEL_3, fact: True}))
    assert messages[0]["response"] == f"utter_{fact}_not_estimated"
    assert "amount" not in (messages[0].get("custom") or {}).get("meta", {})
    # before a filing not made, which is that city's ("我老公在淄博参保 … 没备案")
    messages, _ = run(ActionEstimateCost(), tracker("", slots={**EMPLOYEE_AT_LEVEL_3, fact: True, "offsite": True, "filed": False}))
    assert messages[0]["response"] == f"utter_{fact}_not_estimated"


@pytest.mark.parametrize(
    "text, fact",
    [("我是女职工 生三胎在医院花了八千 自己掏多少", "childbirth"), ("俺是在东营参保的居民 在滨州住院花了五千", "insured_elsewhere")],
)
def test_the_form_stops_asking_at_a_bill_it_does_not_estimate(form_tracker, run, text, fact):
    messages, events = validate(run, form_tracker(text, {"requested_slot": "scheme"}, starting=True))
    changes = slot_changes(events)
    assert changes[fact] is True and changes["requested_slot"] is None


def test_off_site_without_filing_told_more_gets_the_short_refusal_not_the_whole_one_again(tracker, run):
    slots = {**EMPLOYEE_AT_LEVEL_3, "offsite": True, "filed": False}
    later = tracker("花了三万二", slots=slots)
    refused = {"event": "bot", "text": "没有办异地就医备案的外地看病费用……", "metadata": {"utter_action": "utter_offsite_not_filed"}}
    later.events[:0] = [{"event": "user", "text": "在济南住的院 没备案"}, refused]
    messages, _ = run(ActionEstimateCost(), later)
    assert messages[0]["response"] == "utter_offsite_not_filed_again"
    # something else said in between: the whole refusal
    later.events[2:2] = [{"event": "bot", "text": "好的", "metadata": {"utter_action": "utter_noted"}}]
    messages, _ = run(ActionEstimateCost(), later)
    assert messages[0]["response"] == "utter_offsite_not_filed"


def test_wuhai_gets_a_plain_refusal_not_a_number(tracker, run):
    messages, _ = run(ActionEstimateCost(), tracker("", intent="inform", slots={**EMPLOYEE_AT_LEVEL_3, "region": "wuhai"}))
    assert "乌海" in messages[0]["text"] and "元" not in messages[0]["text"]


def test_a_what_if_at_a_hospital_its_name_tells_no_level_of_gets_each_levels_estimate(tracker, run):
    messages, events = run(ActionChangeFact(), tracker("那要换到县中医院呢", intent="change_fact", slots=EMPLOYEE_AT_LEVEL_3))
    assert slot_changes(events) == {"level": "unknown"}
    assert messages[0]["text"].startswith("不清楚医院级别也没关系")


def test_a_what_if_comparing_both_statuses_gets_each_ones_pay_and_the_next_one_a_single_estimate(tracker, run):
    messages, events = run(ActionChangeFact(), tracker("那在职的和退休的差多少", intent="change_fact", slots=EMPLOYEE_AT_LEVEL_3))
    assert slot_changes(events) == {"status": "each"}
    pays = [estimate(EstimateInput(scheme="职工", status=s, care="住院", level=3, total=Decimal(16000))).personal_pay
            for s in ("在职", "退休")]
    assert f"· 职工在职：您自己大约要付{format_money(pays[0])}" in messages[0]["text"]
    assert f"· 职工退休：您自己大约要付{format_money(pays[1])}" in messages[0]["text"]
    assert "buttons" not in messages[0] or not messages[0]["buttons"]  # no one estimate to itemize
    both = {**EMPLOYEE_AT_LEVEL_3, "status": "each"}
    messages, events = run(ActionChangeFact(), tracker("就按退休的算", intent="change_fact", slots=both))
    assert slot_changes(events) == {"status": "退休"} and messages[0]["custom"]["meta"]["amount"] == f"{pays[1]:.2f}"


def test_what_if_recomputes_with_the_one_change(tracker, run):
    messages, events = run(ActionChangeFact(), tracker("那如果是退休的呢", intent="change_fact", slots=EMPLOYEE_AT_LEVEL_3))
    expected = estimate(EstimateInput(scheme="职工", status="退休", care="住院", level=3, total=Decimal(16000)))
    assert messages[0]["custom"]["meta"]["amount"] == f"{expected.personal_pay:.2f}"
    assert slot_changes(events) == {"status": "退休"}
    # and how it differs from the estimate before it (在职), in the text and on the card
    before = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000)))
    saved = f"比刚才的估算少付{format_money(before.personal_pay - expected.personal_pay)}。"
    assert before.personal_pay > expected.personal_pay
    assert saved in messages[0]["text"] and messages[0]["custom"]["estimate"]["compared"] == saved


def test_a_what_if_on_the_hotline_says_the_difference_in_words(tracker, run):
    trk = tracker("要是两万呢", intent="change_fact", slots=EMPLOYEE_AT_LEVEL_3, channel="hotline")
    messages, _ = run(ActionChangeFact(), trk)
    assert "比刚才的估算多付" in messages[0]["text"] and not any(ch.isdigit() for ch in messages[0]["text"])


def test_another_persons_estimate_in_the_same_hospital_is_not_compared_with_the_callers(tracker, run):
    trk = tracker("还有我爸 他退休了 同一家医院住的", intent="change_fact", slots=EMPLOYEE_AT_LEVEL_3)
    messages, events = run(ActionChangeFact(), trk)
    expected = estimate(EstimateInput(scheme="职工", status="退休", care="住院", level=3, total=Decimal(16000)))
    assert slot_changes(events) == {"status": "退休"}
    assert messages[0]["custom"]["meta"]["amount"] == f"{expected.personal_pay:.2f}"
    assert "比刚才" not in messages[0]["text"] and messages[0]["custom"]["estimate"]["compared"] == ""


def test_someone_in_the_same_case_hears_that_it_holds_if_all_is_the_same_then_the_estimate(tracker, run):
    messages, _ = run(ActionEstimateCost(), tracker("俺兄弟也是这种情况", intent="inform", slots=EMPLOYEE_AT_LEVEL_3))
    expected = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000)))
    assert messages[0]["response"] == "utter_estimate_for_the_same_case"
    assert messages[1]["custom"]["meta"]["amount"] == f"{expected.personal_pay:.2f}"


def test_a_first_estimate_compares_with_nothing(tracker, run):
    messages, _ = run(ActionEstimateCost(), tracker("一万六", intent="inform", slots=EMPLOYEE_AT_LEVEL_3))
    assert "比刚才" not in messages[0]["text"] and messages[0]["custom"]["estimate"]["compared"] == ""


@pytest.mark.parametrize(
    "said, change",
    [("不对，是二级的", {"level": 2}), ("那要是两万呢", {"total": Decimal(20000)}), ("要是在乡镇卫生院呢", {"level": 1})],
)
def test_corrections_and_what_ifs_change_one_fact(tracker, run, said, change):
    messages, _ = run(ActionChangeFact(), tracker(said, intent="faq", slots=EMPLOYEE_AT_LEVEL_3))
    facts = {"scheme": "职工", "status": "在职", "care": "住院", "level": 3, "total": Decimal(16000)} | change
    assert messages[0]["custom"]["meta"]["amount"] == f"{estimate(EstimateInput(**facts)).personal_pay:.2f}"


def test_a_what_if_before_the_first_policy_is_refused_without_an_amount(tracker, run):
    messages, events = run(ActionChangeFact(), tracker("要是2021年住的院呢", intent="change_fact", slots=EMPLOYEE_AT_LEVEL_3))
    assert [m["custom"]["meta"] for m in messages] == [{"kind": "refusal"}] and events == []


def test_a_change_that_leaves_something_missing_goes_back_to_the_form(tracker, run):
    slots = {"scheme": "居民", "care": "普通门诊", "total": "300"}
    messages, events = run(ActionChangeFact(), tracker("换成住院呢", intent="change_fact", slots=slots))
    assert messages == []
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}


def test_a_change_with_nothing_to_change_says_how_to_start(tracker, run):
    messages, _ = run(ActionChangeFact(), tracker("那如果是那样呢", intent="change_fact"))
    assert messages[0]["response"] == "utter_nothing_to_change"


def details_after(tracker, said, channel="hotline"):
    """ "详细" right after the bot said `said` in answer to two_diseases."""
    trk = tracker("详细", intent="ask_details", slots={"faq_last_topic": "two_diseases"}, channel=channel)
    trk.events.insert(0, {"event": "bot", "text": said})
    return trk


def test_details_after_a_policy_answer_said_in_full_say_it_was_whole(tracker, run):
    whole = compose_reply(knowledge_base(), "two_diseases", None, spoken=True, detailed=True).text
    messages, events = run(ActionExplainEstimate(), details_after(tracker, whole))
    assert messages[0]["response"] == "utter_answer_was_whole"
    # the answer stays the one just given, for a follow-up such as "多长时间能办好"
    assert events == [{"event": "slot", "timestamp": None, "name": "faq_last_topic", "value": "two_diseases"}]
    # ... also with a note said after it (the other scheme's benefit differs)
    trk = details_after(tracker, whole)
    trk.events.insert(1, {"event": "bot", "text": "以上是居民医保的；职工医保的不一样。"})
    messages, _ = run(ActionExplainEstimate(), trk)
    assert messages[0]["response"] == "utter_answer_was_whole"


@pytest.mark.parametrize("channel", ["hotline", "rest"])
def test_details_after_a_short_spoken_answer_or_one_sentence_of_it_give_all_of_it(tracker, run, channel):
    topic = knowledge_base().topics["two_diseases"]
    for said in (topic.speech, "不设起付线。"):
        messages, events = run(ActionExplainEstimate(), details_after(tracker, said, channel))
        assert messages[0]["text"].startswith(topic.chat)
        assert events == [{"event": "slot", "timestamp": None, "name": "faq_last_topic", "value": "two_diseases"}]


def test_hotline_estimate_is_spoken(tracker, run):
    messages, _ = run(ActionEstimateCost(), tracker("", intent="inform", slots=EMPLOYEE_AT_LEVEL_3, channel="hotline"))
    assert "两千七百八十元" in messages[0]["text"]
    assert not any(ch.isdigit() for ch in messages[0]["text"])
    assert "estimate" not in messages[0]["custom"] and not messages[0]["buttons"]


def test_reset_forgets_every_fact(tracker, run):
    _, events = run(ActionResetCost(), tracker("算了", intent="cancel", slots=EMPLOYEE_AT_LEVEL_3))
    changes = slot_changes(events)
    assert all(value in (None, 0) for value in changes.values())
    assert {"scheme", "total", "self_paid", "filed", "requested_slot"} <= set(changes)


def test_details_in_the_chat_are_the_steps(tracker, run):
    messages, _ = run(ActionExplainEstimate(), tracker("查看明细", intent="ask_details", slots=EMPLOYEE_AT_LEVEL_3))
    expected = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000)))
    # an employee's stay: the defaults that could change it are the policy part and care at home
    assert messages[0]["text"] == render_details(expected, ["policy", "offsite"])
    assert "没说到的按常见情况算：费用都在医保政策范围内、在本地就医。" in messages[0]["text"]


def test_a_word_of_the_estimate_asked_about_gets_its_meaning_and_what_it_came_to(tracker, run):
    expected = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000)))
    messages, _ = run(ActionExplainEstimate(), tracker("统筹基金是干啥的", intent="ask_details", slots=EMPLOYEE_AT_LEVEL_3))
    assert messages[0]["text"] == explain_term(term_asked("统筹基金"+"是啥"), expected)
    assert "统筹基金支付13,220.00元" in messages[0]["text"]
    assert messages[0]["custom"]["meta"] == {"kind": "estimate", "amount": "2780.00"}
    # a figure of it asked what it is: the word it stands for, not an estimate of a bill of that figure
    messages, events = run(ActionExplainEstimate(), tracker("那个八百块是啥钱", intent="inform", slots=EMPLOYEE_AT_LEVEL_3))
    assert messages[0]["text"].startswith("起付线，就是") and events == []
    # each level's estimate, none to point at: the steps as before
    unknown = {**EMPLOYEE_AT_LEVEL_3, "level": "unknown"}
    messages, _ = run(ActionExplainEstimate(), tracker("统筹基金是干啥的", intent="ask_details", slots=unknown))
    assert "统筹基金，就是" not in messages[0]["text"]


def test_another_persons_bill_beside_the_estimate_gets_why_they_differ_then_the_steps(tracker, run):
    trk = tracker("俺邻居一样的病才掏了一千", intent="inform", slots=EMPLOYEE_AT_LEVEL_3)
    messages, _ = run(ActionExplainEstimate(), trk)
    expected = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000)))
    assert messages[0]["response"] == "utter_estimate_differs_by_person"
    assert messages[1]["text"] == render_details(expected, ["policy", "offsite"])


def test_a_check_naming_what_the_estimate_did_not_count_with_is_answered_no_and_the_estimate_stands(tracker, run):
    pay = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000))).personal_pay
    messages, events = run(ActionExplainEstimate(), tracker("你这是当退休的算的吧", intent="faq", slots=EMPLOYEE_AT_LEVEL_3))
    assert messages[0]["text"] == f"不是，刚才是按在职算的，您自己大约要付{format_money(pay)}。如果是退休，请直接告诉我，我按退休重新算。"
    assert events == []  # no fact changed
    spoken, _ = run(ActionExplainEstimate(), tracker("是当成二级医院算的吗", intent="faq", slots=EMPLOYEE_AT_LEVEL_3,
                                                     channel="hotline"))
    assert spoken[0]["text"] == (f"不是，刚才是按三级医院算的，您自己大约要付{say_amount(pay)}。"
                                 "如果是二级医院，请直接告诉我，我按二级医院重新算。")
    # a fact nothing stood for (no group counted), and one with no words to say back (a date): no crash
    poor, _ = run(ActionExplainEstimate(), tracker("你是按低保户算的吧", intent="faq", slots=EMPLOYEE_AT_LEVEL_3))
    assert poor[0]["text"].startswith("不是，刚才没有按低保算，您自己大约要付")
    dated, _ = run(ActionExplainEstimate(), tracker("是按前年的政策算的吗", intent="faq", slots=EMPLOYEE_AT_LEVEL_3))
    assert dated[0]["text"].startswith("计算明细")  # the breakdown, which names the policy version


def test_details_on_the_hotline_speak_every_step(tracker, run):
    trk = tracker("详细", intent="ask_details", slots=EMPLOYEE_AT_LEVEL_3, channel="hotline")
    messages, _ = run(ActionExplainEstimate(), trk)
    assert messages[0]["text"].startswith("明细是这样的")
    assert "起付线八百元" in messages[0]["text"]
    assert "。没说到的按常见情况算：费用都在医保政策范围内、在本地就医。" in messages[0]["text"]


def test_asked_why_after_a_bill_of_a_city_without_cost_rules_the_refusal_is_said_again(tracker, run):
    # "为啥算不了" after 乌海's bill was refused: why, again, not "nothing was counted yet"
    slots = {"care": "住院", "total": "20000", "region": "wuhai"}
    messages, _ = run(ActionExplainEstimate(), tracker("为啥算不了", intent="nlu_fallback", slots=slots))
    assert "乌海" in messages[0]["text"] and messages[0]["custom"]["meta"]["kind"] == "refusal"


def test_details_before_any_estimate_say_how_to_start(tracker, run):
    messages, _ = run(ActionExplainEstimate(), tracker("详细", intent="ask_details"))
    assert messages[0]["response"] == "utter_nothing_to_change"


def test_fact_values_are_stored_by_what_they_are():
    events = fact_events({"level": 3, "admission": 3, "total": Decimal("16000"), "offsite": True, "region": "wuhai"})
    assert slot_changes(events) == {"level": "3", "admission": 3, "total": "16000", "offsite": True, "region": "wuhai"}


# ---- the level not known

def test_not_knowing_the_level_is_an_answer_and_the_form_goes_on(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "requested_slot": "level"}
    messages, events = validate(run, form_tracker("这个真不清楚", slots))
    changes = slot_changes(events)
    assert messages == [] and changes["level"] == "unknown" and changes["requested_slot"] == "total"


def test_without_the_level_the_answer_gives_the_personal_pay_at_each_level(tracker, run):
    slots = {"scheme": "居民", "care": "住院", "level": "unknown", "total": "12000"}
    messages, _ = run(ActionEstimateCost(), tracker("一万二", intent="inform", slots=slots))
    text = messages[0]["text"]
    for level, name in ((1, "一级"), (2, "二级"), (3, "三级")):
        pay = estimate(EstimateInput(scheme="居民", care="住院", level=level, total=Decimal(12000))).personal_pay
        assert f"{name}医院：您自己大约要付{format_money(pay)}" in text
    assert "资料未公布" in text  # the residents' deductibles are assumed figures
    assert messages[0]["custom"]["meta"] == {"kind": "estimate"}  # no one amount to report


def test_the_level_said_after_the_estimates_per_level_gives_that_one(tracker, run):
    slots = {"scheme": "居民", "care": "住院", "level": "unknown", "total": "12000"}
    messages, events = run(ActionChangeFact(), tracker("是二级医院", intent="change_fact", slots=slots))
    expected = estimate(EstimateInput(scheme="居民", care="住院", level=2, total=Decimal(12000)))
    assert messages[0]["custom"]["meta"]["amount"] == f"{expected.personal_pay:.2f}"
    assert slot_changes(events)["level"] == "2"


def test_the_estimates_per_level_are_spoken_without_digits(tracker, run):
    slots = {"scheme": "职工", "status": "退休", "care": "住院", "level": "unknown", "total": "30000"}
    messages, _ = run(ActionEstimateCost(), tracker("三万", intent="inform", slots=slots, channel="hotline"))
    speech = messages[0]["text"]
    assert speech.count("级医院") == 4 and not any(ch.isdigit() for ch in speech)


def test_not_knowing_the_amount_is_told_a_rough_one_will_do(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "level": "2", "requested_slot": "total"}
    messages, events = validate(run, form_tracker("俺记不清了", slots))
    assert messages[0]["response"] == "utter_total_not_known"
    assert slot_changes(events)["requested_slot"] == "total"
    # an amount said without a figure gets the same
    messages, _ = validate(run, form_tracker("得有好几万吧", slots))
    assert messages[0]["response"] == "utter_total_not_known"


def test_a_bill_not_settled_yet_is_told_a_rough_one_will_do_beside_a_fact_told_again(form_tracker, run):
    slots = {"scheme": "职工", "status": "在职", "care": "住院", "level": "3", "requested_slot": "total"}
    for text in ("俺这才住上院 还不晓得呢", "人还在医院躺着呢 没出院"):  # 住院 known: no new fact, no silent question
        messages, events = validate(run, form_tracker(text, slots))
        assert messages[0]["response"] == "utter_total_not_known", text
        assert slot_changes(events)["requested_slot"] == "total"


def test_not_knowing_the_scheme_is_told_how_to_tell_them_apart(form_tracker, run):
    slots = {"care": "住院", "requested_slot": "scheme"}
    messages, events = validate(run, form_tracker("我也不知道是啥医保", slots))
    assert messages[0]["response"] == "utter_scheme_not_known"
    assert slot_changes(events)["answer_misses"] == 1 and slot_changes(events)["requested_slot"] == "scheme"
    other, _ = validate(run, form_tracker("嗯嗯", slots))
    assert other[0]["response"] == "utter_answer_unclear"


def test_not_knowing_whether_retired_is_told_how_to_tell(form_tracker, run):
    slots = {"scheme": "职工", "care": "住院", "requested_slot": "status"}
    messages, events = validate(run, form_tracker("这个俺真说不上来", slots))
    assert messages[0]["response"] == "utter_status_not_known"
    assert slot_changes(events)["requested_slot"] == "status"


def test_a_hospital_named_again_for_the_level_gets_every_level_not_a_third_question(form_tracker, run):
    slots = {"scheme": "居民", "care": "住院", "total": "9000", "requested_slot": "level"}
    messages, events = validate(run, form_tracker("就是我们县里那个人民医院", {**slots, "answer_misses": 0}))
    assert slot_changes(events)["requested_slot"] == "level"  # the first time: where to find it
    assert messages[0]["response"] == "utter_level_unknown"
    messages, events = validate(run, form_tracker("俺娘一直在县中医院看", {**slots, "answer_misses": 1}))
    changes = slot_changes(events)
    assert changes["level"] == "unknown" and changes["requested_slot"] is None and messages == []
    # a county of 滨州 named with it tells no level either
    _, events = validate(run, form_tracker("不对 是县人民医院 在邹平那个", {**slots, "answer_misses": 1}))
    assert slot_changes(events)["level"] == "unknown"
    # an answer naming no hospital is still a miss, on the way to a person
    _, events = validate(run, form_tracker("嗯？", {**slots, "answer_misses": 1}))
    assert slot_changes(events)["answer_misses"] == 2


@pytest.mark.parametrize("channel", ["rest", "hotline"])
def test_what_one_pays_asked_again_right_after_the_estimate_is_said_alone(tracker, run, channel):
    def after_the_estimate(text):
        trk = tracker(text, intent="out_of_knowledge", slots=EMPLOYEE_AT_LEVEL_3, channel=channel)
        trk.events.insert(0, {"event": "bot", "text": "……", "data": {"custom": {"meta": {"kind": "estimate"}}}})
        return trk

    messages, _ = run(ActionEstimateCost(), after_the_estimate("慢点说 到底我自个儿得掏多少"))
    assert len(messages) == 1 and messages[0]["custom"]["meta"] == {"kind": "estimate", "amount": "2780.00"}
    assert messages[0]["text"].startswith("按刚才的估算，")
    assert ("两千七百八十元" if channel == "hotline" else "2,780.00元") in messages[0]["text"]
    # with a fact of the bill, or not right after an estimate, the whole estimate
    messages, _ = run(ActionEstimateCost(), after_the_estimate("要是二级医院 自个儿得掏多少"))
    assert not messages[0]["text"].startswith("按刚才的估算")
    messages, _ = run(ActionEstimateCost(), tracker("到底我自个儿得掏多少", slots=EMPLOYEE_AT_LEVEL_3, channel=channel))
    assert not messages[0]["text"].startswith("按刚才的估算")

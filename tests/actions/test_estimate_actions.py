"""The cost form's validation and the estimate actions, with real Tracker and CollectingDispatcher."""
from decimal import Decimal

from actions.cost_slots import fact_events
from actions.estimate import ActionChangeFact, ActionEstimateCost, ActionExplainEstimate, ActionResetCost
from actions.estimate_form import ValidateEstimateForm
from knowledge.cost.engine import estimate
from knowledge.cost.numbers import format_money
from knowledge.cost.render import render_chat
from knowledge.cost.request import EstimateInput

DOMAIN = {"forms": {"estimate_form": {"required_slots": ["scheme", "status", "care", "level", "disease", "total"]}}}
EMPLOYEE_AT_LEVEL_3 = {"scheme": "职工", "status": "在职", "care": "住院", "level": "3", "total": "16000"}


def slot_changes(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_one_message_fills_several_slots_and_asks_the_next_missing(tracker, run):
    trk = tracker("我是退休职工，在市人民医院住院花了一万六", intent="ask_cost", active_loop="estimate_form")
    _, events = run(ValidateEstimateForm(), trk, DOMAIN)
    changes = slot_changes(events)
    assert changes["scheme"] == "职工" and changes["status"] == "退休" and changes["care"] == "住院"
    assert changes["total"] == "16000" and changes["requested_slot"] == "level"


def test_a_correction_overrides_a_filled_slot(tracker, run):
    slots = {"scheme": "职工", "status": "在职", "care": "住院", "level": "2", "requested_slot": "total"}
    trk = tracker("不对，是三甲医院", intent="change_fact", slots=slots, active_loop="estimate_form")
    _, events = run(ValidateEstimateForm(), trk, DOMAIN)
    assert slot_changes(events)["level"] == "3"
    assert slot_changes(events)["requested_slot"] == "total"


def test_an_unusable_answer_is_explained_and_asked_again(tracker, run):
    slots = {"scheme": "居民", "care": "住院", "requested_slot": "level"}
    trk = tracker("县医院", intent="inform", slots=slots, active_loop="estimate_form")
    messages, events = run(ValidateEstimateForm(), trk, DOMAIN)
    assert messages[0]["response"] == "utter_level_unknown"
    assert slot_changes(events)["requested_slot"] == "level"


def test_a_question_mid_form_is_not_read_as_an_answer(tracker, run):
    slots = {"scheme": "居民", "requested_slot": "care"}
    trk = tracker("住院报销比例是多少", intent="faq", slots=slots, active_loop="estimate_form")
    messages, events = run(ValidateEstimateForm(), trk, DOMAIN)
    assert messages == [] and "care" not in slot_changes(events)


def test_negative_and_huge_totals_are_refused_politely(tracker, run):
    slots = {"scheme": "居民", "care": "普通门诊", "requested_slot": "total"}
    for said, response in (("负五千", "utter_total_not_positive"), ("一万亿", "utter_total_too_large")):
        messages, events = run(ValidateEstimateForm(), tracker(said, intent="inform", slots=slots), DOMAIN)
        assert messages[0]["response"] == response
        assert slot_changes(events)["total"] is None and slot_changes(events)["requested_slot"] == "total"


def test_care_before_june_2022_is_refused_and_the_date_asked_again(tracker, run):
    trk = tracker("2021年3月住院了 职工在职", intent="ask_cost", active_loop="estimate_form")
    messages, events = run(ValidateEstimateForm(), trk, DOMAIN)
    assert "2022年6月1日以前" in messages[0]["text"]
    assert slot_changes(events)["requested_slot"] == "care_date"


def test_wuhai_ends_the_form_at_once(tracker, run):
    trk = tracker("住院花了一万", intent="ask_cost", slots={"region": "wuhai"}, active_loop="estimate_form")
    _, events = run(ValidateEstimateForm(), trk, DOMAIN)
    assert slot_changes(events)["requested_slot"] is None


def test_the_answer_is_the_engines_rendering(tracker, run):
    messages, _ = run(ActionEstimateCost(), tracker("三级", intent="inform", slots=EMPLOYEE_AT_LEVEL_3))
    expected = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000)))
    assert messages[0]["text"] == render_chat(expected)
    assert format_money(Decimal("2780")) in messages[0]["text"]


def test_wuhai_gets_a_plain_refusal_not_a_number(tracker, run):
    messages, _ = run(ActionEstimateCost(), tracker("", intent="inform", slots={**EMPLOYEE_AT_LEVEL_3, "region": "wuhai"}))
    assert "乌海" in messages[0]["text"] and "元" not in messages[0]["text"]


def test_what_if_recomputes_with_the_one_change(tracker, run):
    messages, events = run(ActionChangeFact(), tracker("那如果是退休的呢", intent="change_fact", slots=EMPLOYEE_AT_LEVEL_3))
    expected = estimate(EstimateInput(scheme="职工", status="退休", care="住院", level=3, total=Decimal(16000)))
    assert messages[0]["text"] == render_chat(expected)
    assert slot_changes(events) == {"status": "退休", "scheme": "职工"}


def test_a_change_that_leaves_something_missing_goes_back_to_the_form(tracker, run):
    slots = {"scheme": "居民", "care": "普通门诊", "total": "300"}
    messages, events = run(ActionChangeFact(), tracker("换成住院呢", intent="change_fact", slots=slots))
    assert messages == []
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "estimate_form"}


def test_a_change_with_nothing_to_change_says_how_to_start(tracker, run):
    messages, _ = run(ActionChangeFact(), tracker("那如果是那样呢", intent="change_fact"))
    assert messages[0]["response"] == "utter_nothing_to_change"


def test_hotline_estimate_is_spoken(tracker, run):
    messages, _ = run(ActionEstimateCost(), tracker("", intent="inform", slots=EMPLOYEE_AT_LEVEL_3, channel="hotline"))
    assert "两千七百八十元" in messages[0]["text"]
    assert not any(ch.isdigit() for ch in messages[0]["text"])


def test_reset_forgets_every_fact(tracker, run):
    _, events = run(ActionResetCost(), tracker("算了", intent="cancel", slots=EMPLOYEE_AT_LEVEL_3))
    assert all(value is None for value in slot_changes(events).values())
    assert {"scheme", "total", "requested_slot"} <= set(slot_changes(events))


def test_details_on_the_hotline_speak_every_step(tracker, run):
    trk = tracker("详细", intent="ask_details", slots=EMPLOYEE_AT_LEVEL_3, channel="hotline")
    messages, _ = run(ActionExplainEstimate(), trk)
    assert messages[0]["text"].startswith("明细是这样的")
    assert "起付线八百元" in messages[0]["text"]


def test_details_before_any_estimate_say_how_to_start(tracker, run):
    messages, _ = run(ActionExplainEstimate(), tracker("详细", intent="ask_details"))
    assert messages[0]["response"] == "utter_nothing_to_change"


def test_fact_values_are_stored_by_what_they_are():
    events = fact_events({"level": 3, "admission": 3, "total": Decimal("16000"), "offsite": True})
    assert slot_changes(events) == {"level": "3", "admission": 3, "total": "16000", "offsite": True}

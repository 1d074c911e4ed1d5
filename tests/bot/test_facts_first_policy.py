"""FactsFirstPolicy's decision outside the form: after an estimate a message with a fact is a what-if;
a question about the user's own bill starts the estimate even when taken for something else."""
import datetime

import pytest
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.facts_first_policy import (
    CHANGE,
    EXPLAIN,
    FAQ_ANSWER,
    RESET,
    RESTATE,
    earlier_messages,
    estimate_stands,
    last_topic_action,
    next_action,
)
from knowledge.cost.facts import counted_facts
from knowledge.cost.turns import Message
from knowledge.faq.model import knowledge_base

TODAY = datetime.date(2026, 11, 23)


def decide(text, intent="inform", confidence=0.95, in_form=False, last_topic=None, earlier=(), estimable=True):
    return next_action(Message(text, intent, confidence), in_form=in_form, last_topic=last_topic,
                       earlier=earlier, estimable=estimable, today=TODAY)


def test_a_city_with_cost_parameters_named_after_another_citys_bill_was_declined_counts_it_there():
    def after_wuhai(text, intent):
        return next_action(Message(text, intent, 0.95), in_form=False, last_topic="action_estimate_cost",
                           estimable=True, today=TODAY, declined_for_region=True)
    assert after_wuhai("要是按滨州的算呢 情况一样", "inform_region") == CHANGE
    assert after_wuhai("那在沾化呢", "inform_region") == CHANGE  # a county of 滨州
    # no city named, or after a bill counted here: as before
    assert after_wuhai("好的谢谢", "thank") is None
    assert decide("那滨州的呢", "inform_region", last_topic="action_estimate_cost") != CHANGE


def test_in_the_form_the_forms_validation_decides():
    assert decide("职工，在职", "faq", in_form=True) is None


def test_after_an_estimate_a_message_with_a_fact_is_a_what_if():
    assert decide("不对是二级的", "faq", last_topic="action_estimate_cost") == CHANGE
    assert decide("那要是两万呢", "ask_cost", last_topic="action_change_fact") == CHANGE


def test_after_an_estimate_and_thanks_a_question_with_a_fact_is_a_new_one():
    events = [*_said("职工在职 二级医院住院一万 帮我算算", "ask_cost"), ActionExecuted("estimate_form"),
              ActionExecuted("action_estimate_cost"), *_said("多谢了", "thank"), ActionExecuted("utter_thank"),
              *_said("俺是特困户 住院报完了还能再报点吗", "faq")]
    last = last_topic_action(DialogueStateTracker.from_events("t", events))
    assert last == "utter_thank"
    assert decide("俺是特困户 住院报完了还能再报点吗", "faq", last_topic=last) is None  # the FAQ answers it
    assert decide("俺是特困户 住院报完了还能再报点吗", "faq", last_topic="action_estimate_cost") == CHANGE


def test_after_an_estimate_other_messages_are_left_to_the_rules():
    assert decide("好的谢谢 再见", "goodbye", last_topic="action_estimate_cost") is None
    assert decide("详细", "ask_details", last_topic="action_estimate_cost") is None


def test_a_complete_cost_question_taken_for_an_faq_question_forgets_the_last_bill_and_starts():
    assert decide("我是在职职工 三级医院住院花了一万二 自己要出多少", "faq") == RESET
    assert decide("谢谢 我爸是退休职工 住院花了两万 自己出多少", "thank") == RESET
    assert decide("给俺算个钱", "nlu_fallback") == RESET  # asking to count, in two words


def test_an_incomplete_one_gets_the_faq_answer_first_and_the_next_fact_goes_on_with_the_estimate():
    question = Message("我是职工 住院花了一万多 能报多少", "faq", 0.99)
    assert decide(question.text, "faq") is None  # the FAQ rule answers it
    assert decide("三级医院 花了一万二", "faq", last_topic="action_answer_faq", earlier=[question]) == RESET
    other = Message("家庭共济怎么开通", "faq", 0.99)
    assert decide("三级医院 花了一万二", "faq", last_topic="action_answer_faq", earlier=[other]) is None


def test_facts_told_earlier_make_a_later_cost_question_the_users_own():
    told = Message("我是退休职工 在三级医院住的院 报销比例是多少", "faq", 0.99)
    assert decide("谢谢 住院花了一万二 自己出多少", "thank", last_topic="action_answer_faq", earlier=[told]) == RESET


def test_in_a_region_without_cost_parameters_a_cost_question_is_answered_at_once():
    assert decide("我是职工 住院花了一万二 能报多少", "faq", estimable=False) == RESET  # says it cannot
    assert decide("我是职工 住院花了一万二 能报多少", "faq") is None  # incomplete here: the FAQ first


def test_other_messages_are_left_to_the_rules():
    assert decide("职工住院报销比例是多少", "faq") is None
    assert decide("住院花了两万 能报多少", "faq") is None  # nothing about the person: the FAQ answers
    assert decide("住院花了两万 自己出多少", "faq") == RESET  # the user's own pay: the estimate asks
    assert decide("帮我算算住院自己出多少", "ask_cost") is None  # its own rule resets and starts the form


def _said(text, intent):
    return [ActionExecuted("action_listen"), UserUttered(text, intent={"name": intent, "confidence": 0.9})]


def test_facts_of_a_cost_question_cancelled_in_the_form_are_not_the_next_questions():
    events = [*_said("想知道住院报完还得掏多少", "ask_cost"), ActionExecuted("estimate_form"),
              *_said("居民", "inform"), ActionExecuted("estimate_form"),
              *_said("那先不算了吧", "cancel"), ActionExecuted("action_cancel_in_form"),
              *_said("上班的职工住院了，医保给报多大比例", "faq")]
    assert earlier_messages(DialogueStateTracker.from_events("t", events)) == []
    # a question answered in the middle of the form is no ending: outside it, what came before still counts
    events = [*_said("我是居民 前些天住了院", "faq"), ActionExecuted("action_answer_faq"),
              *_said("听说个人账户取消了吗", "cancel"), ActionExecuted("action_cancel_outside_form"),
              *_said("花了八千", "inform")]
    assert [m.text for m in earlier_messages(DialogueStateTracker.from_events("t", events))] == [
        "我是居民 前些天住了院", "听说个人账户取消了吗"]


def test_coming_back_to_the_last_estimate_after_other_questions_changes_it():
    events = [*_said("在职职工 二级医院住院花了六千 能报多少", "faq"), ActionExecuted("action_reset_cost"),
              ActionExecuted("estimate_form"), ActionExecuted("action_estimate_cost"),
              *_said("家庭共济能给我爸用吗", "faq"), ActionExecuted("action_answer_faq"),
              *_said("行 接着刚才那笔 这是今年头一回住院", "faq")]
    tracker = DialogueStateTracker.from_events("t", events)
    assert estimate_stands(tracker)
    came_back = dict(last_topic=last_topic_action(tracker), earlier=earlier_messages(tracker))
    assert decide("行 接着刚才那笔 这是今年头一回住院", "faq", **came_back) is None  # as before: nothing stands
    assert next_action(Message("行 接着刚才那笔 这是今年头一回住院", "faq", 0.9), today=TODAY, in_form=False,
                       estimate_stands=True, **came_back) == CHANGE
    # the same bill for another status ("同样的费用") comes back to it too
    assert next_action(Message("等我退休了 同样的费用能报多少", "faq", 0.9), today=TODAY, in_form=False,
                       estimate_stands=True, **came_back) == CHANGE
    # facts said without coming back are a question of their own, as before
    assert next_action(Message("我老伴是居民 住院能报多少", "faq", 0.9), today=TODAY, in_form=False,
                       estimate_stands=True, **came_back) != CHANGE
    # after a thanks, or a new cost question started, no estimate stands
    thanked = [*events[:-2], *_said("谢谢", "thank"), ActionExecuted("utter_thank")]
    assert not estimate_stands(DialogueStateTracker.from_events("t", thanked))
    assert not estimate_stands(DialogueStateTracker.from_events("t", events[:3]))


def test_right_after_an_estimate_a_question_about_how_it_was_reached_gets_its_breakdown():
    after = dict(last_topic="action_estimate_cost")
    assert decide("咋一上来就扣了六百 这个是定死的吗", "faq", **after) == EXPLAIN
    assert decide("别说那么多 俺到底自己得掏多少", "faq", **after) == RESTATE  # the short answer again
    assert decide("啊 俺得掏这么多钱呐", "out_of_knowledge", **after) == EXPLAIN  # found high: how it was reached
    assert decide("那个起付线你按多少算的", "faq", **after) == EXPLAIN  # a figure it used: the breakdown names it
    assert decide("那超出的那部分咋弄", "faq", **after) == EXPLAIN  # each part as counted
    # what it came to this time, for the stay counted (大额补助 pays for a stay)
    stay = counted_facts({"scheme": "职工", "status": "在职", "care": "住院", "level": "3", "total": "50000"})
    assert next_action(Message("俺今年这回大额补助能报不", "faq", 0.9), last_topic="action_estimate_cost", in_form=False,
                       today=TODAY, counted=stay) == EXPLAIN
    assert decide("那你就按滨州的帮我算算吧", "faq", **after) is None  # a request to count: a new cost question
    assert decide("不对吧 要是二级医院呢", "faq", **after) == CHANGE  # a fact: the what-if
    assert decide("为什么异地就医还要备案", "faq", **after) is None  # names a topic: the FAQ answers
    assert decide("为什么先扣了800", "faq", last_topic="action_answer_faq") is None  # no estimate just given
    # a place elsewhere said of someone else, in a question naming a topic of no care elsewhere: the FAQ's
    assert decide("俺闺女在外地 她的卡能给俺用不 是叫家庭共济吧", "faq", **after) is None
    assert decide("那要是在外省住的院呢", "faq", **after) == CHANGE  # a what-if of the bill
    # a group of medical assistance told, asking to pay less: the estimate for it, not the topic's answer
    assert decide("俺家是特困户 能不能少掏点", "faq", **after) == CHANGE
    assert decide("俺家是特困户 救助去哪申请", "faq", **after) is None


def test_right_after_an_estimate_what_it_counted_with_asked_back_gets_its_breakdown():
    counted = counted_facts({"scheme": "居民", "care": "住院", "level": "2", "total": "20000"})
    after = dict(last_topic="action_estimate_cost", in_form=False, today=TODAY, counted=counted)
    assert next_action(Message("俺这是按第一回住院算的吗", "faq", 0.97), **after) == EXPLAIN  # the default
    assert next_action(Message("二级医院是吧 是不是按这个算的", "faq", 0.9), **after) == EXPLAIN  # told
    assert next_action(Message("为啥要先扣五百", "out_of_knowledge", 0.8), **after) == EXPLAIN  # its deductible
    assert next_action(Message("俺这是第二回住院了", "faq", 0.9), **after) == CHANGE  # not what it counted with
    assert next_action(Message("你是当成三级医院算的吗", "out_of_knowledge", 0.9), **after) == EXPLAIN  # a check
    assert next_action(Message("那俺媳妇也是这种情况呢", "change_fact", 0.8), **after) == RESTATE  # another, the same


def test_right_after_an_estimate_an_amount_asked_back_is_no_new_bill():
    after = dict(last_topic="action_estimate_cost")
    assert decide("俺自己出3150 没错吧", "change_fact", **after) == EXPLAIN
    assert decide("四千二是吧", "inform", **after) == EXPLAIN
    assert decide("个人出一千三百多 你确定", "faq", **after) == EXPLAIN
    assert decide("住院花的是两万五 对吧", "inform", **after) == CHANGE  # paid in its own clause: the bill told again
    assert decide("那要是两万五呢", "change_fact", **after) == CHANGE  # a what-if
    assert decide("要是按退休的算是多少", "faq", **after) == CHANGE  # counted another way, not a rule asked
    # a "不对" before the amount takes the bill back: a correction, whatever 对不对 it holds
    assert decide("不对不对 俺说差了 是两万三", "inform", **after) == CHANGE


def test_right_after_an_estimate_another_persons_bill_beside_it_gets_its_breakdown_not_a_what_if():
    after = dict(last_topic="action_estimate_cost")
    assert decide("俺邻居跟俺一样的病 住院才花了两千来块", "inform", **after) == EXPLAIN
    assert decide("俺邻居住院才花了两千来块", "inform", **after) == CHANGE  # no comparison: a what-if, as before
    assert decide("人家情况差不多 也就掏了一千", "inform", last_topic="action_answer_faq") is None  # no estimate


def test_after_an_unsure_message_answered_the_next_fact_goes_on_with_the_estimate_too():
    earlier = [Message("俺老伴住院了 能报多少", "faq", 0.9), Message("他是居民 村里交的", "nlu_fallback", 0.4)]
    assert decide("在县医院 二级的", "faq", last_topic="action_offer_help", earlier=earlier) == RESET


def test_after_an_estimate_the_whole_bill_said_inside_the_rules_is_a_what_if():
    # the estimate took the whole bill as inside the rules; said so, it is counted again the same way
    for text in ("全是医保范围的", "估计都在政策范围内吧"):
        assert decide(text, "out_of_knowledge", last_topic="action_estimate_cost") == CHANGE


def test_after_an_estimate_what_it_paid_found_little_is_a_question_about_it_not_a_new_bill():
    assert decide("怎么只有两千八", "out_of_knowledge", last_topic="action_estimate_cost") == EXPLAIN
    assert decide("咋才报这么一点", "out_of_knowledge", last_topic="action_estimate_cost") == EXPLAIN
    assert decide("那统共还能报多少", "out_of_scope", last_topic="action_change_fact") == RESTATE
    assert decide("那她自己还用掏钱吗", "faq", last_topic="action_change_fact") == RESTATE  # a bill paid in full
    # the most the rules pay is the rules' answer, not this estimate again
    assert decide("那一年顶多能报多少", "faq", last_topic="action_estimate_cost") is None


def test_a_care_and_its_bill_told_without_a_question_taken_for_an_unknown_one_starts_the_estimate():
    assert decide("老娘做了个白内障手术 花了七千出头", "out_of_knowledge") == RESET
    assert decide("做完手术回来了", "out_of_knowledge") is None  # no bill
    assert decide("住院时候的伙食费三百 医保管不管", "out_of_knowledge") is None  # whether it is covered


def test_a_bill_from_a_city_without_cost_rules_starts_the_estimate_which_says_so_whatever_the_intent():
    said = "俺在乌海参的保 在那边住院花了四万 能报多少"
    assert decide(said, "inform_region", estimable=False) == RESET
    assert decide("乌海那边住院怎么报", "inform_region", estimable=False) is None  # no bill: the rules answer


def test_asked_whether_it_can_count_at_all_with_the_bill_starts_the_estimate():
    assert decide("你会不会算啊 住院九千 农合 镇医院", "out_of_knowledge") == RESET
    # whether a cost counts as covered is no request to count
    assert decide("住院那些天的药费发票能不能算到大病保险里", "out_of_knowledge") is None


def test_asking_what_one_pays_after_other_questions_gets_the_estimate_that_stands():
    after_faq = dict(last_topic="action_answer_faq", today=TODAY, in_form=False)
    asked = Message("那报完了我到底自己出多少", "ask_cost", 0.9)
    assert next_action(asked, estimate_stands=True, **after_faq) == RESTATE
    # nothing stands (a thanks, or no estimate yet): a new cost question, left to its rule
    assert next_action(asked, estimate_stands=False, **after_faq) is None
    # a fact of another bill, or a topic named, is not the estimate that stands
    assert next_action(Message("住门诊的话自己出多少", "ask_cost", 0.9), estimate_stands=True, **after_faq) != RESTATE
    assert next_action(Message("大病保险自己出多少", "faq", 0.9), estimate_stands=True, **after_faq) != RESTATE


def test_right_after_an_estimate_only_not_knowing_leaves_it_as_it_is():
    assert decide("这个俺也说不上来", "out_of_scope", last_topic="action_estimate_cost") == RESTATE
    assert decide("不清楚 第二回住院了", "inform", last_topic="action_estimate_cost") == CHANGE
    assert decide("不知道该找谁", "faq", last_topic="action_estimate_cost") is None


def test_small_talk_that_asks_a_question_or_a_goodbye_saying_none_is_decided_as_any_message():
    assert decide("我在村里 离县城远 必须跑医保局吗", "greet") == FAQ_ANSWER
    assert decide("那俺闺女就是用不上呗 真够呛hhh", "greet", last_topic="family_mutual_aid") == FAQ_ANSWER
    assert decide("剩下那五千多有没有别的办法，我卡里没钱", "goodbye") == FAQ_ANSWER
    assert decide("就这一个病", "goodbye") == FAQ_ANSWER
    assert decide("就这一个病", "goodbye", last_topic="action_estimate_cost") == FAQ_ANSWER  # right after an estimate too


@pytest.mark.parametrize(("text", "intent"), [("喂 是医保局吗", "greet"), ("你好 能听见吗", "greet"),
                                              ("好的谢谢 再见", "goodbye"), ("我想问个医保的事 在吗", "greet"),
                                              ("行 那我再去问问别人", "goodbye"), ("真是帮大忙了", "thank"),
                                              ("收到 了解", "thank"), ("感恩感恩", "thank"), ("👋", "greet"),
                                              ("哈罗 有人不", "greet")])
def test_small_talk_that_asks_nothing_of_medical_insurance_is_left_to_the_rules(text, intent):
    assert decide(text, intent) is None


def test_after_an_estimate_the_next_persons_own_bill_is_a_new_estimate_not_a_what_if():
    after = dict(last_topic="action_estimate_cost")
    assert decide("那俺娘呢 她是居民 在镇上住院花了六千五", "inform", **after) == RESET
    assert decide("那我爸呢", "inform", **after) is None  # nothing of his told yet
    assert decide("我妈是退休的 花了六千五", "inform", **after) == CHANGE  # a correction of the one counted
    # the same hospital, the same care said: a what-if of the estimate for them, its care and level kept
    assert decide("那我老伴呢 她是居民 也在这个医院 住院花了九千", "inform", **after) == CHANGE


def test_a_word_of_the_estimate_asked_about_is_the_estimates_even_where_it_names_a_topic():
    after = dict(last_topic="action_estimate_cost")
    assert decide("那大病保险算进去了没", "faq", **after) == EXPLAIN
    assert decide("大病保险怎么申请", "faq", **after) is None  # no word's meaning or figure asked: the topic's


def test_a_figure_the_estimate_went_by_asked_about_is_no_new_bill():
    # the cap it assumed, checked: not an estimate of a bill of that figure
    assert decide("统筹封顶你是按三十万算的？准不准", "faq", last_topic="action_estimate_cost") == EXPLAIN
    assert decide("要是五万算的话呢", "faq", last_topic="action_estimate_cost") == CHANGE


def test_a_figure_of_the_faq_answer_said_back_is_no_bill_to_count():
    employee = knowledge_base().topics["outpatient_employee"]
    said_back = Message("退休的 一年5500？", "faq", 0.95)
    after_it = dict(in_form=False, last_topic="action_answer_faq", today=TODAY)
    assert next_action(said_back, answered=employee, **after_it) == FAQ_ANSWER  # which answers it again
    own_bill = Message("退休职工 社区医院看门诊花了5500 自己掏多少", "faq", 0.95)
    assert next_action(own_bill, answered=employee, **after_it) == RESET
    # a rate, or a cap asked to be confirmed, with the hospital it is for: still the answer's
    for checked in ("三级医院就是百分之六十五", "在职的最多报4500对不对 一级医院八成"):
        assert next_action(Message(checked, "faq", 0.9), answered=employee, **after_it) == FAQ_ANSWER


def test_how_much_right_after_an_answer_counting_no_bill_is_that_answer_s_whatever_the_intent():
    after_it = dict(in_form=False, last_topic="action_answer_faq", today=TODAY)
    offsite = knowledge_base().topics["offsite_filing"]
    # its sentence says what one pays first off-site: that, not the cost form ask_cost's rule starts
    assert next_action(Message("到外地先自个儿付多少", "ask_cost", 0.6), answered=offsite, **after_it) == FAQ_ANSWER
    # a bill told is counted
    assert next_action(Message("在外地住院花了两万 先自个儿付多少", "ask_cost", 0.9), answered=offsite, **after_it) is None
    # after a benefit's answer, how much is counted by the rules
    employee = knowledge_base().topics["inpatient_employee"]
    assert next_action(Message("那得先自个儿付多少", "ask_cost", 0.6), answered=employee, **after_it) is None

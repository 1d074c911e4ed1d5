"""What a message is to the cost conversation: facts first, the intent only for messages without one."""
import datetime

import pytest

from knowledge.cost.facts import counted_facts, is_question, read_facts
from knowledge.cost.turns import (
    Message,
    answers_the_form,
    asks_about_own_bill,
    asks_for_the_same_case,
    asks_how_the_estimate_was_reached,
    changes_the_estimate,
    checks_an_uncounted_fact,
    continues_a_cost_question,
    leaves_it_to_the_estimate,
    starts_an_estimate,
    tells_a_bill_of_whom,
    tells_only_a_bill,
    tells_only_who,
    tells_what_the_care_cost,
)

TODAY = datetime.date(2026, 11, 23)
# What an estimate for an employee's 16,000 stay at a level-3 hospital counted with (slots hold strings).
COUNTED = counted_facts({"scheme": "职工", "status": "在职", "care": "住院", "level": "3", "total": "16000"})


def msg(text, intent="inform", confidence=0.95):
    return Message(text, intent, confidence)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("职工，在职", "faq"),  # two facts read as an FAQ question by the classifier
        ("三级的医院", "faq"),
        ("一共花了一万五", "ask_cost"),
        ("搞错了，我住的是二级医院", "change_fact"),
        ("其中自费的有一千", "nlu_fallback"),
        ("今年门诊起付线已经够了", "faq"),
        ("谢谢 是二级医院", "thank"),  # a fact outweighs the thanks around it
    ],
)
def test_in_the_form_a_message_with_a_fact_is_an_answer_whatever_its_intent(text, intent):
    assert answers_the_form(msg(text, intent), "level", TODAY)


def test_not_knowing_the_fact_asked_with_the_question_said_back_is_an_answer_unless_it_names_a_topic():
    assert answers_the_form(msg("啥级别的医院 这俺哪知道 就是县人民医院", "faq", 0.97), "level", TODAY)
    assert not answers_the_form(msg("级别不清楚 那个异地就医备案咋办", "faq", 0.97), "level", TODAY)


def test_in_the_form_a_rate_checked_is_no_answer_unless_it_tells_the_fact_asked():
    # the amount asked: a rate of the rules checked, whatever the NLU took it for, and the level it names no answer
    assert not answers_the_form(msg("要是上市里三甲也能报七成 是吧", "inform"), "total", TODAY)
    # the level asked and told beside the rate asked: an answer
    assert answers_the_form(msg("三甲的 报几成啊", "inform"), "level", TODAY)


def test_in_the_form_a_bare_rate_checked_is_no_bill():
    # the amount asked: "报九十" is 90% checked, not a bill of 90 yuan; with its unit or spending, a bill
    assert not answers_the_form(msg("县医院那种是不是也报九十啊", "inform"), "total", TODAY)
    assert answers_the_form(msg("就花了九十块 能报吗", "inform"), "total", TODAY)
    assert answers_the_form(msg("九十", "inform"), "total", TODAY)  # no question: the amount told


def test_in_the_form_a_topic_asked_about_by_name_is_no_answer():
    assert not answers_the_form(msg("那医疗救助呢", "faq"), "level", TODAY)
    assert answers_the_form(msg("那二级呢", "faq"), "level", TODAY)  # a level: an answer


def test_in_the_form_a_stop_is_one_whatever_fact_it_names():
    assert not answers_the_form(msg("不想算了，反正也出院了", "cancel"), "level", TODAY)


def test_a_bare_answer_counts_for_the_question_just_asked():
    assert answers_the_form(msg("3", "faq"), "level", TODAY)
    assert answers_the_form(msg("办了", "faq"), "filed", TODAY)
    assert answers_the_form(msg("办了", "faq"), "level", TODAY)  # no question: an unclear answer


def test_in_the_form_an_faq_looking_message_that_asks_nothing_is_an_unclear_answer():
    assert answers_the_form(msg("这个我真说不好", "faq"), "level", TODAY)
    assert not answers_the_form(msg("家庭共济又是啥", "faq"), "level", TODAY)  # a question: the FAQ answers


def test_a_question_only_reported_as_not_known_is_an_answer():
    assert answers_the_form(msg("俺也不知道是啥保险 是村里统一收的钱", "out_of_knowledge"), "scheme", TODAY)
    assert not answers_the_form(msg("居民医保是啥", "faq"), "scheme", TODAY)  # asked: the FAQ's


@pytest.mark.parametrize("text", ["级别不太清楚，可能是二级？", "二级吧？"])
def test_the_level_asked_for_said_unsure_with_a_question_mark_is_an_answer(text):
    assert answers_the_form(msg(text, "faq"), "level", TODAY)
    assert not answers_the_form(msg("二级医院报销比例多少？", "faq"), "level", TODAY)  # a question word: a question


def test_the_policy_part_not_known_is_told_not_asked_and_the_level_stays_unknown_to_ask():
    told = msg("政策内的钱是多少 我也不清楚 票子丢了", "faq")
    assert answers_the_form(told, "level", TODAY)
    assert "level" not in read_facts(told.text, TODAY, "level")


@pytest.mark.parametrize("text", ["异地就医怎么备案", "家庭共济是什么意思", "住院报销比例是多少"])
def test_a_confident_question_about_the_rules_is_left_to_the_faq_rule(text):
    assert not answers_the_form(msg(text, "faq"), "level", TODAY)


@pytest.mark.parametrize("text", ["医保断交了还能补上不", "听说职工个人账户要取消了 真的假的"])
def test_a_confident_question_no_topic_answers_is_left_to_the_rules_too(text):
    assert not answers_the_form(msg(text, "out_of_knowledge"), "level", TODAY)


def test_an_unsure_faq_guess_without_facts_is_an_unclear_answer():
    assert answers_the_form(msg("就是我们那边那个大的", "faq", 0.4), "level", TODAY)


def unsure(text, best_guess):
    return Message(text, "nlu_fallback", 0.45, best_guess)


@pytest.mark.parametrize("text", ["听人讲门诊统筹取消了 真的吗", "据说个人账户以后没有了"])
def test_an_unsure_cancel_that_asks_is_left_to_the_rules_as_a_question(text):
    assert not answers_the_form(unsure(text, "cancel"), "level", TODAY)
    assert not answers_the_form(Message(text, "cancel", 0.5, "cancel"), "level", TODAY)  # over the fallback


@pytest.mark.parametrize(
    "message",
    [
        unsure("那就不弄了吧", "cancel"),  # a stop the NLU was unsure of: the form asks again, nothing is lost
        unsure("这个医院算几级呢", "faq"),  # unsure of a question: an unclear answer, as before
        Message("算了吧 这个不弄了", "cancel", 0.5, "cancel"),  # an unsure stop that asks nothing: asked again
    ],
)
def test_other_unsure_messages_stay_with_the_form(message):
    assert answers_the_form(message, "level", TODAY)


@pytest.mark.parametrize("text, intent", [("算了不弄了", "cancel"), ("好的谢谢", "thank"), ("再见", "goodbye"),
                                          ("给我转人工", "human_handoff")])
def test_stops_are_left_to_the_rules(text, intent):
    assert not answers_the_form(msg(text, intent), "total", TODAY)


@pytest.mark.parametrize(
    "text, intent",
    [("不对是二级的", "faq"), ("要是退休呢", "inform"), ("那要是两万呢", "ask_cost"), ("那居民呢", "faq"),
     ("要是今年第三次住院呢", "faq"), ("如果自费药有两千呢", "inform")],
)
def test_after_an_estimate_a_message_with_a_fact_is_a_what_if(text, intent):
    assert changes_the_estimate(msg(text, intent), TODAY, COUNTED)


def test_after_an_estimate_thanks_details_questions_and_a_city_are_not_what_ifs():
    assert not changes_the_estimate(msg("好的谢谢 再见", "goodbye"), TODAY, COUNTED)
    assert not changes_the_estimate(msg("详细", "ask_details"), TODAY, COUNTED)
    assert not changes_the_estimate(msg("异地就医要备案吗", "faq"), TODAY, COUNTED)
    assert not changes_the_estimate(msg("那要是都在社区医院看 一年最多能报多少", "faq"), TODAY, COUNTED)  # the cap
    assert not changes_the_estimate(msg("我是乌海的", "inform_region"), TODAY, COUNTED)


def test_a_complete_cost_question_taken_for_an_faq_question_starts_an_estimate():
    assert starts_an_estimate(msg("我是退休职工 三级医院住院花了一万六 自己要出多少", "faq"), TODAY)
    assert starts_an_estimate(msg("在职职工 三级医院住院三万 报销比例是怎样的", "faq"), TODAY)  # enough facts
    assert starts_an_estimate(msg("好的谢谢 我爸是职工 花了两万 自己出多少", "thank"), TODAY)
    assert starts_an_estimate(msg("职工 退休 三级医院", "nlu_fallback", 0.3), TODAY)


def test_a_question_about_ones_own_pay_starts_the_estimate_whatever_the_intent():
    for intent in ("faq", "out_of_knowledge", "nlu_fallback", "ask_cost"):
        assert starts_an_estimate(msg("住院报完了自个儿还得出多少钱", intent, 0.9), TODAY)
    for intent in ("out_of_knowledge", "nlu_fallback", "out_of_scope"):
        assert starts_an_estimate(msg("帮我估一下看病花的钱", intent, 0.9), TODAY)
    assert not starts_an_estimate(msg("谢谢 帮我算算", "thank", 0.95), TODAY)  # no fact: thanks first


@pytest.mark.parametrize(
    "text",
    [
        "俺自个儿弄不明白亲情账户跟共济是不是一回事",
        "家庭共济授权以后 我自己得去医保站办个手续吗",
        "给老人加了亲情账户 能替他自己出示医保码吗",
        "居民医保自己拿药的钱 门诊能报吗",
        "大病保险报完还有别的能报吗",
        "办慢病还要交材料吗",
    ],
)
def test_an_faq_question_in_words_near_own_pay_is_not_an_estimate(text):
    # 自个儿, 自己得, 自己出(示), 自己拿(药), 报完还, 还要交: words of FAQ questions too, not of one's own pay
    for intent in ("faq", "out_of_knowledge"):
        assert not starts_an_estimate(msg(text, intent, 0.9), TODAY)


def test_an_incomplete_one_is_answered_first_and_continued_by_the_next_fact():
    question = msg("我是退休职工 住院花了一万六 能报多少", "faq")
    assert asks_about_own_bill(question, TODAY) and not starts_an_estimate(question, TODAY)
    assert continues_a_cost_question(msg("三级医院 花了一万六", "faq"), [question], TODAY)
    assert not continues_a_cost_question(msg("好的谢谢", "thank"), [question], TODAY)
    assert not continues_a_cost_question(msg("三级医院 花了一万六", "faq"), [msg("家庭共济怎么开通", "faq")], TODAY)
    # a rate of the answer checked with who it is for asks the rules again, it tells nothing of the bill
    assert not continues_a_cost_question(msg("那退休的能到95%是吧", "inform"), [question], TODAY)


def test_the_bill_after_facts_told_without_a_question_goes_on_with_the_estimate():
    told = msg("俺是职工 早就退休了 前些天在市里二级医院住的院", "faq")
    assert continues_a_cost_question(msg("一共花了八千三", "nlu_fallback", 0.3), [told], TODAY)
    assert not continues_a_cost_question(msg("那在职的呢", "faq"), [told], TODAY)  # the FAQ's follow-up
    assert not continues_a_cost_question(msg("花了八千三", "faq"), [msg("职工医保是怎么报销的", "faq")], TODAY)
    detour = msg("异地就医要怎么备案", "faq")
    assert continues_a_cost_question(msg("一共花了八千三", "nlu_fallback", 0.3), [told, detour], TODAY)


def test_a_caller_telling_their_care_bit_by_bit_goes_on_with_the_estimate():
    earlier = [msg("我想打听下我爹住院的事", "faq"), msg("他是居民医保", "faq")]
    assert continues_a_cost_question(msg("在乡里卫生院住了二十来天", "faq"), earlier, TODAY)
    # who they are alone, or a question about the rules, is the FAQ's
    assert not continues_a_cost_question(msg("他是居民医保", "faq"), earlier[:1], TODAY)
    assert not continues_a_cost_question(msg("在卫生院住院能报几成", "faq"), earlier, TODAY)
    # nobody said whose care it is: a fact alone stays with the FAQ
    assert not continues_a_cost_question(msg("在乡里卫生院住了二十来天", "faq"), earlier[:1], TODAY)
    # a whole situation told anew, with a question the readers do not see as one: the FAQ first
    assert not continues_a_cost_question(msg("上班的职工住院了，医保给报多大比例", "faq"), earlier, TODAY)
    # a stop that names a fact of this care is a stop
    assert not continues_a_cost_question(msg("先不算了 等他出了院回头再说", "cancel"), earlier, TODAY)
    # the question asked again for another care ("那门诊呢" after 居民住院) is a question
    assert not continues_a_cost_question(msg("那门诊呢", "change_fact"), earlier, TODAY)


@pytest.mark.parametrize(
    "text, only_who",
    [("他是居民，自个交的", True), ("职工 退下来好几年了", True), ("俺们是新农合", True),
     ("职工，住院了", False), ("我是职工，能报多少", False), ("居民医保怎么交", False), ("住院了", False), ("嗯", False)],
)
def test_who_they_are_and_nothing_else(text, only_who):
    assert tells_only_who(text, TODAY) is only_who


@pytest.mark.parametrize(
    "text, care, only_who",
    [("俺住院了，是退休职工", "住院", True), ("俺住院了，是退休职工", "普通门诊", False),
     ("单位交的 住院了 能报多少", "住院", False), ("住院了", "住院", False)],
)
def test_who_they_are_with_the_care_just_answered(text, care, only_who):
    assert tells_only_who(text, TODAY, care) is only_who


def test_a_city_named_with_who_makes_it_a_follow_up_for_that_city():
    assert not tells_only_who("那乌海那边呢 我妹在乌海上班", TODAY)


def test_the_bill_after_who_and_the_care_were_told_bit_by_bit_goes_on_with_the_estimate():
    earlier = [msg("我家老头在镇卫生院住院呢", "faq"), msg("他是在厂里退下来的", "out_of_knowledge")]
    assert continues_a_cost_question(msg("一共八千多", "nlu_fallback", 0.3), earlier, TODAY)
    assert not continues_a_cost_question(msg("一共八千多", "nlu_fallback", 0.3), earlier[:1], TODAY)  # whose?


def test_who_told_with_the_bill_after_the_care_goes_on_with_the_estimate():
    asked = [msg("想问一下住院给报多少", "faq")]
    assert continues_a_cost_question(msg("俺是居民 乡里卫生院 花了五千", "inform"), asked, TODAY)
    assert not continues_a_cost_question(msg("俺是居民 花了五千", "inform"), [msg("家庭共济怎么办", "faq")], TODAY)


def test_the_bill_after_asking_what_the_care_pays_goes_on_with_the_estimate():
    asked = [msg("嗯 我想问问 住院 能给报多少钱", "faq")]
    assert continues_a_cost_question(msg("花了 三万来块 在市里", "faq"), asked, TODAY)
    # the care told without asking how much, or asked about with no bill now, stays with the FAQ
    assert not continues_a_cost_question(msg("花了 三万来块", "faq"), [msg("我爹住院了", "faq")], TODAY)
    assert not continues_a_cost_question(msg("那得去哪办", "faq"), asked, TODAY)


def test_an_unclear_bill_counts_the_facts_told_before_it():
    told = msg("在职职工 去看门诊", "faq")
    assert starts_an_estimate(msg("晓得了。一级医院，花了四百八", "nlu_fallback", 0.3), TODAY, [told])
    assert not starts_an_estimate(msg("晓得了。花了四百八", "nlu_fallback", 0.3), TODAY)  # whose bill, what care?


def test_an_amount_after_facts_told_earlier_is_the_users_bill():
    told = msg("我是退休职工 有慢性病 门诊慢特病怎么报", "faq")
    assert not starts_an_estimate(told, TODAY)  # a question about the rules: the FAQ answers
    assert starts_an_estimate(msg("三级医院 这个月花了一千三", "faq"), TODAY, [told])
    assert not starts_an_estimate(msg("三级医院 这个月花了一千三", "faq"), TODAY)


def test_a_bill_and_how_much_it_gets_taken_for_an_unknown_question_starts_the_estimate():
    # no FAQ answer comes first for a message taken for one no topic answers: counting it is the answer
    assert starts_an_estimate(msg("老头子心脏搭了桥 在医院躺了二十来天 一共六万出头 能给报多少", "out_of_knowledge"), TODAY)
    # taken for an FAQ question it is answered first, as before
    assert not starts_an_estimate(msg("老头子心脏搭了桥 在医院躺了二十来天 一共六万出头 能给报多少", "faq"), TODAY)
    assert starts_an_estimate(msg("前前后后一共花了三万来块", "out_of_knowledge"), TODAY)  # a bill alone
    # whether a cost is covered at all stays a question no topic answers
    assert not starts_an_estimate(msg("住院期间请的护工一天两百 这个能报吗", "out_of_knowledge"), TODAY)
    assert not starts_an_estimate(msg("出院时医院又收了三百块钱的饭费 医保给不给报", "out_of_knowledge"), TODAY)


def test_a_question_about_the_rules_with_an_example_amount_stays_an_faq_question():
    assert not asks_about_own_bill(msg("住院花了一万六能报多少", "faq"), TODAY)  # nothing about the person
    assert not asks_about_own_bill(msg("职工 住院报销比例是多少", "faq"), TODAY)  # no amount, no own pay
    assert not asks_about_own_bill(msg("居民门诊年度限额是400元吧", "faq"), TODAY)  # a figure of the rules
    # a figure of the rules asked beside a complete bill: the rules answer first
    assert not starts_an_estimate(msg("在职职工 二级医院住院一万五 一万以上那部分比例是多少", "faq"), TODAY)
    assert starts_an_estimate(msg("在职职工 二级医院住院一万五 是怎么报的", "faq"), TODAY)
    assert not starts_an_estimate(msg("那居民呢", "faq"), TODAY)  # after an FAQ answer: its follow-up
    assert not starts_an_estimate(msg("三级医院", "nlu_fallback", 0.3), TODAY)


def test_thanks_repeating_a_figure_just_heard_is_no_bill():
    asked = [msg("那个 居民 普通门诊 一年 最多 报多少", "faq")]
    assert not continues_a_cost_question(msg("噢 五百 行 多谢啊", "thank"), asked, TODAY)
    assert not changes_the_estimate(msg("好嘞 一千七 谢谢", "thank"), TODAY, COUNTED)
    assert continues_a_cost_question(msg("谢谢 俺是居民 门诊花了八百", "thank"), asked, TODAY)  # a bill, with thanks
    assert changes_the_estimate(msg("那要是两万呢", "faq"), TODAY, COUNTED)


@pytest.mark.parametrize(
    "text, only_a_bill",
    [("前后一共花了六万多", True), ("去年花了五千 能报多少", True), ("封顶是四千五吧", False), ("嗯 四千五 好的", False),
     ("住院花了两万", False), ("退休的 花了两万", False), ("拔了颗牙花了八百 能报吗", False), ("12k", False),
     ("一共1.2w", True)],
)
def test_only_the_amount_of_ones_bill(text, only_a_bill):
    assert tells_only_a_bill(text, TODAY) is only_a_bill


def test_the_working_of_an_estimate_asked_for_is_how_it_was_reached():
    assert asks_how_the_estimate_was_reached(Message("能把计算过程给我看看吗", "faq", 0.9), TODAY, COUNTED)
    assert asks_how_the_estimate_was_reached(Message("用的啥公式", "out_of_scope", 0.9), TODAY, COUNTED)
    # what a word of it means, whatever the NLU took it for
    assert asks_how_the_estimate_was_reached(Message("大额补助指的是啥", "out_of_knowledge", 0.8), TODAY, COUNTED)


@pytest.mark.parametrize(
    "text, intent",
    [("您这是按头一回住院给算的吧", "faq"), ("是不是当成在本地看的病算的", "faq"), ("三级医院是按的多少起付线", "faq"),
     ("起付线按职工的扣的？", "out_of_knowledge"), ("这一万六是按全在政策内算的吗", "faq"),
     ("在职职工的封顶是按30万给我算的吧", "faq")],  # 职工 told: no new fact (stop 40 left it "not known")
)
def test_what_the_estimate_counted_with_asked_back_is_how_it_was_reached_not_a_what_if(text, intent):
    # told (职工, 三级, 一万六) or taken by default (the first stay, care at home, all inside the rules)
    assert asks_how_the_estimate_was_reached(msg(text, intent), TODAY, COUNTED)
    assert not changes_the_estimate(msg(text, intent), TODAY, COUNTED)


@pytest.mark.parametrize("text", ["那要是按二级医院算呢", "换成二级医院呢"])
def test_a_fact_the_estimate_did_not_count_with_is_a_what_if(text):
    assert changes_the_estimate(msg(text, "faq"), TODAY, COUNTED)
    assert not asks_how_the_estimate_was_reached(msg(text, "faq"), TODAY, COUNTED)


@pytest.mark.parametrize(
    "text, intent, told",
    [("俺这是按退休的算的么", "out_of_knowledge", {"status": "退休"}),
     ("是不是当成二级医院扣的啊", "faq", {"level": 2}), ("你算的是居民医保吗", "faq", {"scheme": "居民"}),
     ("您这是按头一回住院给算的吧", "faq", {})],  # the first stay was counted (by default): no fact not counted
)
def test_a_check_naming_a_fact_the_estimate_did_not_count_with_is_a_check_not_a_what_if(text, intent, told):
    # counted: 职工 在职 三级, the first stay; strangers expect "no, it was 在职", the amount unchanged
    message = msg(text, intent, 0.9)
    assert checks_an_uncounted_fact(message, TODAY, COUNTED) == told
    assert asks_how_the_estimate_was_reached(message, TODAY, COUNTED)
    assert not changes_the_estimate(message, TODAY, COUNTED)


def test_a_rule_asked_with_the_words_of_a_check_is_still_the_rules():
    assert not changes_the_estimate(msg("门诊是按五成报销的吗", "faq", 0.9), TODAY, COUNTED)
    assert not changes_the_estimate(msg("算了 按退休的算的吗都无所谓了", "cancel", 0.9), TODAY, COUNTED)


@pytest.mark.parametrize("text, intent", [("那换个二级医院住 能省下多少钱", "out_of_knowledge"), ("转到社区医院的话少掏多少", "faq")])
def test_after_an_estimate_what_another_choice_would_save_is_a_what_if(text, intent):
    assert changes_the_estimate(msg(text, intent, 0.62), TODAY, COUNTED)


@pytest.mark.parametrize("text, intent", [("俺闺女也是这种情况 她能报多少", "faq"), ("我家老头也这样", "inform")])
def test_after_an_estimate_someone_in_the_same_case_gets_it_again(text, intent):
    assert asks_for_the_same_case(msg(text, intent), TODAY, COUNTED)
    assert not changes_the_estimate(msg(text, intent), TODAY, COUNTED)


@pytest.mark.parametrize(
    "text, intent",
    [("我爱人也是这情况 但她是退休的", "inform"),  # a fact of hers: a what-if
     ("那去济南住也是这样吗", "faq"),  # another place asked about
     ("那算了 我兄弟也是这样 不问了", "cancel")],
)
def test_the_same_case_with_a_fact_of_its_own_or_a_stop_is_not_the_same_estimate(text, intent):
    assert not asks_for_the_same_case(msg(text, intent), TODAY, COUNTED)


def test_an_amount_said_to_be_deducted_is_no_bill():
    # "为啥要扣500" right after an estimate whose deductible was 500: a figure of it, not a what-if of a 500 bill
    for text in ("为啥要扣500", "凭什么得扣八百块"):
        assert "total" not in read_facts(text, TODAY)
    assert read_facts("扣掉自费的两千 剩下的能报多少", TODAY) == {"self_paid": 2000}


def test_a_bill_told_with_how_much_of_it_not_known_is_counted():
    assert tells_what_the_care_cost("在镇医院住的院 花了九千多 发票找不着了 也不清楚多少是自费", TODAY)
    assert not is_question("我也记不清多少")


@pytest.mark.parametrize("text, counted", [("俺娘做手术住院一共两万二 这个咋报销", True),
                                           ("住了一礼拜院 四千来块 医保能出多少", True),
                                           ("异地住院怎么报销", False)])  # no bill: the rules
def test_a_stay_and_its_bill_asked_how_it_is_paid_is_counted(text, counted):
    assert tells_what_the_care_cost(text, TODAY) is counted


@pytest.mark.parametrize("text, intent", [("那一年顶多给报多少钱", "out_of_scope"), ("要先花够多少才能报", "nlu_fallback")])
def test_in_the_form_a_figure_of_the_rules_asked_is_left_to_the_rules_whatever_the_nlu_thought(text, intent):
    assert not answers_the_form(Message(text, intent, 0.8 if intent == "out_of_scope" else 0.45), "total", TODAY)


def test_in_the_form_an_off_topic_looking_message_asking_no_figure_stays_with_the_form():
    assert answers_the_form(msg("今天天气咋样", "out_of_scope"), "total", TODAY)


@pytest.mark.parametrize(
    "text, handed_over",
    [
        ("职工退休 三级 4w2", True),
        ("低保 居民 一级 六千", True),
        ("俺是职工 做手术住院花了三万", True),
        ("职工在职 二级 2万 能报多少", False),  # asked: the cost question's own rules
        ("居民门诊限额是400还是600", False),  # which figure of the rules
        ("三级 4w2", False),  # whose bill is not told
    ],
)
def test_a_bill_handed_over_with_who_it_is_of(text, handed_over):
    assert tells_a_bill_of_whom(text, TODAY) is handed_over


def test_a_bill_handed_over_starts_the_estimate_whatever_topic_it_looks_like():
    assert starts_an_estimate(msg("职工退休 三级 4w2", "faq"), TODAY)


def test_a_county_with_a_care_and_its_bill_starts_the_estimate_not_only_the_city():
    assert starts_an_estimate(msg("俺是惠民的 俺爹住院 花了一万出头", "inform_region"), TODAY)


@pytest.mark.parametrize("text, leaves", [("不知道 清单上没写", True), ("清单没细看", True), ("俺也不清楚 没注意看", True),
                                          ("没看病", False), ("不知道找谁", False), ("全都是", True),
                                          ("应该都是医保内的", True), ("都是自费的", False),
                                          ("俺那都是能报的 没自费药", True), ("没有自费的吗", False)])
def test_right_after_an_estimate_not_knowing_or_not_having_looked_or_all_as_taken_leaves_it(text, leaves):
    assert leaves_it_to_the_estimate(msg(text)) is leaves


def test_a_figure_of_the_estimate_asked_what_it_is_is_no_bill_to_count():
    said = Message("那个八百块是啥钱", "inform", 0.9)
    assert not changes_the_estimate(said, TODAY, COUNTED)
    assert asks_how_the_estimate_was_reached(said, TODAY, COUNTED)


@pytest.mark.parametrize("text", ["这13220是什么意思呀", "一万三千二百二是统筹给的吗", "为啥不是报九成的一万四"])
def test_a_figure_of_the_estimate_asked_about_or_another_expected_is_no_new_bill(text):
    said = Message(text, "out_of_knowledge", 0.6)
    assert not changes_the_estimate(said, TODAY, COUNTED)
    assert asks_how_the_estimate_was_reached(said, TODAY, COUNTED)


def test_whether_the_insurance_works_for_a_stay_elsewhere_starts_no_estimate():
    assert not starts_an_estimate(msg("要去北京的医院做手术 咱滨州的医保到那还认吗", "nlu_fallback", 0.45), TODAY)
    assert starts_an_estimate(msg("在北京的医院做的手术 职工退休", "nlu_fallback", 0.45), TODAY)

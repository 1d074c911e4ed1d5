"""The "how much will I pay?" conversation end to end: real Rasa, real action server, real engine.

Expected numbers come from the engine itself (knowledge.cost.engine): the test checks that the bot
states exactly the engine's figure, and asks only for what is missing.
"""
from decimal import Decimal

from knowledge.cost.engine import estimate
from knowledge.cost.render import format_money
from knowledge.cost.request import EstimateInput
from knowledge.speech.numbers import say_amount


def personal_pay(**facts) -> str:
    return format_money(estimate(EstimateInput(**facts)).personal_pay)


def test_facts_in_one_message_then_only_the_missing_level_is_asked(chat):
    first = chat.texts("我是退了休的职工，住院一共花了一万六，自己得掏多少")
    assert "几级医院" in first
    answer = chat.texts("三级")
    expected = personal_pay(scheme="职工", status="退休", care="住院", level=3, total=Decimal(16000))
    assert f"您自己大约要付{expected}" in answer
    assert "估算" in answer and "依据：《" in answer


def test_bit_by_bit_with_buttons_for_closed_choices(chat):
    shown = [m for m in chat.say("帮我估一下看病自己出多少钱") if "text" in m]  # not the custom signals
    assert [b["title"] for b in shown[-1]["buttons"]] == ["职工医保", "居民医保"]
    assert "住院" in chat.texts("居民医保")
    assert "几级医院" in chat.texts("住的院")
    assert "花了多少钱" in chat.texts("在乡镇卫生院")
    answer = chat.texts("八千块")
    assert personal_pay(scheme="居民", care="住院", level=1, total=Decimal(8000)) in answer


def test_a_correction_mid_form_changes_that_slot(chat):
    chat.say("职工在职住院了 想算算能报多少")
    chat.say("二级")
    assert chat.slots()["level"] == "2"
    assert "花了多少钱" in chat.texts("不对不对，是三甲")
    assert chat.slots()["level"] == "3"


def test_what_if_after_an_answer_recomputes_with_one_change(chat):
    chat.say("在职职工 三级医院住院 花了两万 个人掏多少")
    answer = chat.texts("那要是换到二级医院呢")
    expected = personal_pay(scheme="职工", status="在职", care="住院", level=2, total=Decimal(20000))
    assert f"您自己大约要付{expected}" in answer
    answer = chat.texts("如果我已经退休了呢")
    expected = personal_pay(scheme="职工", status="退休", care="住院", level=2, total=Decimal(20000))
    assert f"您自己大约要付{expected}" in answer


def test_an_faq_question_mid_form_is_answered_and_the_form_resumes(chat):
    chat.say("帮我算算住院自己出多少")
    chat.say("城乡居民医保")
    replies = chat.texts("对了 去外省看病要先办什么备案")
    assert "备案" in replies and "几级医院" in replies


def test_hearsay_of_a_cancelled_policy_mid_form_is_answered_and_the_form_resumes(chat):
    # the NLU is unsure of it (best guess `cancel`): a question, not the end of the estimate
    chat.say("职工 在职 住院了 帮我算算")
    replies = chat.texts("听说账户取消了 是真的假的")
    assert "没有取消" in replies and "几级医院" in replies
    assert chat.slots()["requested_slot"] == "level" and chat.slots()["scheme"] == "职工"


def test_hearsay_read_as_cancel_mid_form_is_answered_and_the_facts_are_kept(chat):
    chat.say("退休职工 住院了 想算算自己出多少")
    # the NLU reads it as `cancel`: whatever the question gets, the form is not stopped but asks again
    replies = chat.texts("听说取消起付线了")
    assert "几级医院" in replies and "不算了" not in replies
    answer = chat.texts("二级 花了八千")
    expected = personal_pay(scheme="职工", status="退休", care="住院", level=2, total=Decimal(8000))
    assert f"您自己大约要付{expected}" in answer


def test_cancel_ends_the_form_cleanly(chat):
    chat.say("想算下报销完自己付多少")
    assert "不算了" in chat.texts("算了 不弄了")
    assert chat.slots()["requested_slot"] is None
    assert "您好" in chat.texts("你好")


def test_negative_and_huge_amounts_are_asked_again(chat):
    chat.say("居民 普通门诊 帮我算算自付多少")
    assert "大于零" in chat.texts("负五千")
    assert "一千万元以内" in chat.texts("一万亿")
    answer = chat.texts("两百块")
    assert personal_pay(scheme="居民", care="普通门诊", total=Decimal(200)) in answer


def test_care_before_june_2022_is_refused_not_guessed(chat):
    replies = chat.texts("2021年3月在三级医院住院花了一万 职工在职 能报多少")
    assert "2022年6月1日以前" in replies
    assert "您自己大约要付" not in replies


def test_wuhai_cost_question_says_the_calculation_is_not_available(chat):
    chat.say("我是内蒙古乌海的")
    replies = chat.texts("住院花了一万块 自己掏多少")
    assert "乌海" in replies and "您自己大约要付" not in replies


def test_hotline_gets_a_spoken_estimate_without_digits(call):
    speech = call.texts("我是退休职工 三级医院住院 花了一万六 自己要出多少钱")
    result = estimate(EstimateInput(scheme="职工", status="退休", care="住院", level=3, total=Decimal(16000)))
    assert say_amount(result.personal_pay) in speech
    assert not any(ch.isdigit() for ch in speech)


def test_hotline_caller_can_ask_for_the_details(call):
    call.say("在职职工 三级医院住院 花了一万六 自己要出多少")
    details = call.texts("详细说一说")
    assert details.startswith("明细是这样的") and "起付线八百元" in details
    assert not any(ch.isdigit() for ch in details)


def test_a_benefit_question_with_a_bill_is_answered_with_an_estimate(chat):
    first = chat.texts("我是职工医保 住院两万五 个人负担多少钱")
    assert "在职还是已经退休" in first
    assert "几级医院" in chat.texts("还在上班")
    answer = chat.texts("二级医院")
    expected = personal_pay(scheme="职工", status="在职", care="住院", level=2, total=Decimal(25000))
    assert f"您自己大约要付{expected}" in answer


def test_a_question_for_a_rule_figure_told_with_a_bill_gets_the_rules_then_counts_that_bill(chat):
    first = chat.say("我是退休的职工，这回在二级医院住了院，花了一万八，住院报销最高能报几成？")
    assert meta_of(first)[-1] == {"kind": "answer", "topic": "inpatient_employee"}
    shown = [m for m in first if "text" in m]
    assert [b["payload"] for b in shown[-1]["buttons"]] == ["/ask_cost"]
    answer = chat.texts("/ask_cost")  # the button: every fact was told, so the estimate comes at once
    expected = personal_pay(scheme="职工", status="退休", care="住院", level=2, total=Decimal(18000))
    assert f"您自己大约要付{expected}" in answer


def meta_of(messages: list[dict]) -> list[dict]:
    return [m["custom"]["meta"] for m in messages if "meta" in (m.get("custom") or {})]


def test_the_same_question_is_never_asked_three_times_in_a_row(chat):
    chat.say("居民医保 住院了 帮我算算自己出多少")
    asked = chat.texts("让我想一想啊")  # the level, unanswered once: explained, asked again
    assert "看不出医院的级别" in asked and "几级医院" in asked
    third = chat.texts("嗯……这个嘛")
    assert "几级医院" not in third and "算了" in third and "转人工" in third  # examples and a way out
    handed = chat.say("唉")
    assert any((m.get("custom") or {}).get("handoff") for m in handed)


def test_facts_the_bot_never_asks_for_reach_the_engine(chat):
    answer = chat.say("居民医保 二级医院 今年第三次住院 一共九千 其中自费药一千")
    expected = estimate(EstimateInput(scheme="居民", care="住院", level=2, total=Decimal(9000), policy=Decimal(8000),
                                      admission=3))
    assert {"kind": "estimate", "amount": f"{expected.personal_pay:.2f}"} in meta_of(answer)


def test_the_whole_bill_told_inside_the_rules_is_not_named_among_what_was_not_said(chat):
    told = chat.texts("退休职工 在县医院住的院 二级 一共一万二 单子上写着都是政策范围内的")
    assert "您自己大约要付" in told and "费用都在医保政策范围内" not in told
    details = chat.texts("查看明细")
    assert "您提供的政策范围内费用" in details and "不清楚政策范围内费用" not in details


def test_the_whole_bill_told_inside_the_rules_while_another_fact_is_asked_is_said_back(chat):
    chat.say("住院那块能报多少")
    chat.say("职工")  # the form asks working or retired
    assert "记下了：费用都在政策范围内" in chat.texts("全是医保内的")
    for fact in ("退休了", "县医院 二级"):
        chat.say(fact)
    told = chat.texts("一万二")  # the first total keeps what was told of the bill before it
    assert "您自己大约要付" in told and "费用都在医保政策范围内" not in told


def test_off_site_care_without_filing_is_declined_with_a_way_on(chat):
    chat.say("职工在职 在北京三级医院住院 花了两万 自己出多少")
    declined = chat.say("没备案")
    assert {"kind": "refusal"} in meta_of(declined)
    assert "不在这个估算的范围内" in "".join(m.get("text", "") for m in declined)
    # care already had elsewhere is reimbursed by hand: the way offered first
    titles = [b["title"] for m in declined for b in m.get("buttons") or []]
    assert titles[:2] == ["手工报销怎么办", "异地就医怎么备案"]


def test_thanks_on_the_hotline_end_the_form_politely(call):
    call.say("住院报销完自己要出多少")
    thanks = call.say("好的 谢谢你")
    assert {"kind": "cancelled"} in meta_of(thanks)
    assert call.slots()["requested_slot"] is None


def test_a_caller_who_does_not_know_the_level_gets_each_level_then_the_one_said(chat):
    assert "几级医院" in chat.texts("居民医保，住院花了一万二，我得自己拿多少")
    per_level = chat.texts("这个真不晓得")
    for level, name in ((1, "一级"), (2, "二级"), (3, "三级")):
        pay = personal_pay(scheme="居民", care="住院", level=level, total=Decimal(12000))
        assert f"{name}医院：您自己大约要付{pay}" in per_level
    chosen = chat.texts("问了一下，是二级的")
    assert f"您自己大约要付{personal_pay(scheme='居民', care='住院', level=2, total=Decimal(12000))}" in chosen


def test_facts_told_in_the_callers_own_order_are_kept_and_never_hand_the_caller_over(chat):
    chat.texts("我想算算住院能报多少")
    for other_fact in ("一万二", "在三级医院", "花了一万二"):  # the last one again: known already
        again = chat.texts(other_fact)
        assert "职工医保还是居民医保" in again and "好的，帮您估算一下" not in again and "人工" not in again
    answer = chat.texts("居民")
    assert f"您自己大约要付{personal_pay(scheme='居民', care='住院', level=3, total=Decimal(12000))}" in answer


def test_not_knowing_the_scheme_is_explained_and_the_question_comes_again_without_its_opening(chat):
    assert chat.texts("帮我算算住院自己掏多少").startswith("好的，帮您估算一下")
    again = chat.texts("我也搞不清是哪种医保")
    assert "单位给交的是职工医保" in again and "职工医保还是居民医保" in again
    assert "好的，帮您估算一下" not in again


def test_a_fact_told_instead_of_the_one_asked_is_said_back_before_the_question_on_the_hotline(call):
    call.say("你好 我想算算医保能给报多少钱")
    call.say("我是在职的职工")
    again = call.texts("人民医院三甲的")  # the care was asked: the level is kept and said back
    assert again.startswith("好的，记下了：三级医院。") and "住院，还是看门诊" in again
    told_again = call.texts("三甲")  # nothing new: no "记下了" for it
    assert "记下了" not in told_again and "住院，还是看门诊" in told_again


def test_who_they_are_told_after_a_benefit_answer_goes_on_with_the_estimate(chat):
    assert "两病" in chat.texts("俺有高血压 常年吃降压药 这药钱医保管不管")
    going_on = chat.texts("俺们是村里交的那种医保，没单位")
    assert going_on.startswith("好的，帮您估算一下") and "花了多少钱" in going_on
    answer = chat.texts("一年七百来块")
    expected = personal_pay(scheme="居民", care="两病", disease="高血压", total=Decimal(700))
    assert f"您自己大约要付{expected}" in answer


def test_the_bill_after_who_and_the_care_were_told_bit_by_bit_is_estimated(chat):
    chat.texts("俺老伴在乡里卫生院住着院呢")
    chat.texts("俺们是村里交的那种医保，没单位")
    answer = chat.texts("七千出头")
    assert f"您自己大约要付{personal_pay(scheme='居民', care='住院', level=1, total=Decimal(7000))}" in answer


def test_a_stop_that_names_the_care_still_stops(chat):
    chat.texts("住院的报销是咋回事")
    chat.texts("居民")
    stopped = chat.texts("先不算了，等出了院回头再说")
    assert "不算了" in stopped and "帮您估算" not in stopped


def test_a_two_disease_caller_saying_outpatient_keeps_the_two_disease_benefit(chat):
    chat.texts("村里交的医保 有糖尿病 开药能报多少")
    chat.texts("都是门诊开的药 没住过院")
    answer = chat.texts("一年九百块")
    expected = personal_pay(scheme="居民", care="两病", disease="糖尿病", total=Decimal(900))
    assert f"您自己大约要付{expected}" in answer


def test_after_an_estimate_what_another_hospital_would_save_is_counted_and_compared(chat):
    chat.say("城乡居民 三级医院住院 一共三万 我得自己出多少")
    answer = chat.texts("要是当初去二级医院住 能省多少钱")
    before = estimate(EstimateInput(scheme="居民", care="住院", level=3, total=Decimal(30000))).personal_pay
    after = estimate(EstimateInput(scheme="居民", care="住院", level=2, total=Decimal(30000))).personal_pay
    assert f"您自己大约要付{format_money(after)}" in answer
    assert f"比刚才的估算少付{format_money(before - after)}" in answer


def test_after_an_estimate_a_check_of_what_it_assumed_gets_the_breakdown_or_the_figure_naming_it(chat):
    chat.say("我是村里交的居民医保 在县医院住院 二级的 花了一万八")
    answer = chat.texts("那你这个是按我今年头一回住院来算的吧")
    assert "计算明细" in answer and "今年第一次住院" in answer
    answer = chat.texts("起付线为啥要扣五百")
    # what the figure is and how this estimate came to it, no bill of 500
    assert "起付线500.00元（居民二级医院住院起付线500元（估算））" in answer and "您自己大约要付" not in answer


def test_after_an_estimate_someone_in_the_same_case_gets_it_again_with_what_must_be_the_same(chat):
    chat.say("退休职工 在市里三级医院住院 总共两万四 个人要掏多少")
    answer = chat.texts("俺老伴也是这个情况呢")
    expected = personal_pay(scheme="职工", status="退休", care="住院", level=3, total=Decimal(24000))
    assert "如果情况都一样" in answer and f"您自己大约要付{expected}" in answer


def test_a_check_naming_a_fact_the_estimate_did_not_count_with_is_answered_no_and_the_estimate_stands(chat):
    chat.say("在职职工 二级医院住的院 一共一万二 自己出多少")
    answer = chat.texts("你这是当成退休人员算的吗")
    pay = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=2, total=Decimal(12000))).personal_pay
    assert f"不是，刚才是按在职算的，您自己大约要付{format_money(pay)}" in answer
    assert chat.slots()["status"] == "在职"


def test_a_birth_is_declined_with_why_not_estimated_as_a_stay(chat):
    answer = chat.texts("儿媳妇在县医院剖腹产 她是职工医保在职的 花了六千 自己掏多少")
    assert "生育" in answer and "没法估算" in answer and "您自己大约要付" not in answer


def test_insurance_in_another_city_is_declined_with_why_not_estimated_by_binzhous_rules(chat):
    answer = chat.texts("俺们是在德州参保的居民 在滨州二级医院住院花了七千 能报多少")
    assert "外地参保" in answer and "您自己大约要付" not in answer


def test_what_a_stay_will_cost_asked_starts_the_estimate_and_a_bill_not_settled_yet_is_told_a_rough_one_will_do(chat):
    assert "职工医保还是居民医保" in chat.texts("俺老伴住院了 想打听打听大概得花多少钱")
    chat.say("居民")
    chat.say("县医院 二级")
    assert "说个大概就行" in chat.texts("人还在医院呢 还没出院 不知道")


def test_two_peoples_schemes_in_one_message_ask_whose_bill_it_is(chat):
    asked = chat.texts("我是在职职工 我老伴是居民 她在二级医院住院花了一万 她自己掏多少")
    assert "职工医保还是居民医保" in asked
    answer = chat.texts("居民")
    pay = personal_pay(scheme="居民", care="住院", level=2, total=Decimal(10000))
    assert f"您自己大约要付{pay}" in answer


def test_after_an_estimate_a_figure_of_it_asked_what_it_is_is_the_word_it_stands_for(chat):
    chat.say("单位交的医保 还在上班 三甲医院住了院 花了一万五")
    answer = chat.texts("刚才那个八百是啥钱啊")
    assert answer.startswith("起付线，就是") and "您自己大约要付" not in answer  # not a bill of 800
    answer = chat.texts("统筹是干什么的")
    assert answer.startswith("统筹基金，就是") and "统筹基金支付" in answer


def test_a_level_and_a_bill_told_after_the_stay_benefit_start_the_estimate_not_the_other_schemes_answer(chat):
    chat.say("在医院住院的话医保报多少")  # the 职工 benefit, with a button for 居民's
    asked = chat.texts("我们在县里的二级医院")
    assert "居民医保住院报销" not in asked and "职工医保还是居民医保" in asked
    chat.say("居民的")
    answer = chat.texts("一共花了九千")
    assert f"您自己大约要付{personal_pay(scheme='居民', care='住院', level=2, total=Decimal(9000))}" in answer


def test_a_bill_typed_in_traditional_characters_is_read(chat):
    answer = chat.texts("退休職工 在二級醫院住院 花了兩萬 自己付多少")
    pay = personal_pay(scheme="职工", status="退休", care="住院", level=2, total=Decimal(20000))
    assert f"您自己大约要付{pay}" in answer


def test_after_an_estimate_a_figure_of_it_asked_whose_it_is_is_explained_not_counted(chat):
    chat.say("在职职工 二级医院住院 花了一万二")
    answer = chat.texts("那一万零三百五是统筹给的吗")
    assert answer.startswith("统筹基金，就是") and "您自己大约要付" not in answer

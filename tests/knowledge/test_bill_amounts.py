"""Which part of a bill each amount in a message is: total, policy-scope part, self-paid part, fund used."""
from decimal import Decimal

import pytest

from knowledge.cost.bill_amounts import read_bill_amounts


@pytest.mark.parametrize(
    "text, expected",
    [
        # the total alone, however it is said
        ("三级医院住院花了16000元", {"total": "16000"}),
        ("一万六", {"total": "16000"}),
        # policy-scope part, before or after its amount
        ("能报销的部分是一万八", {"policy": "18000"}),
        ("医保范围内的有一万二，一共一万五", {"policy": "12000", "total": "15000"}),
        ("总共两万，其中一万七是政策范围内的", {"total": "20000", "policy": "17000"}),
        ("政策范围内 两万五", {"policy": "25000"}),
        # self-paid part, in its common forms
        ("其中有八百块自费药", {"self_paid": "800"}),
        ("总共三万，自费的进口药五千", {"total": "30000", "self_paid": "5000"}),
        ("一共两万 自费三千", {"total": "20000", "self_paid": "3000"}),
        ("有两千是自费的，总共花了一万二", {"self_paid": "2000", "total": "12000"}),
        ("医保不报的有一千五 一共九千", {"self_paid": "1500", "total": "9000"}),
        ("不在报销范围内的三千多", {"self_paid": "3000"}),
        ("目录外的材料费四千", {"self_paid": "4000"}),
        # a month's spending beside the year's: the year's is the bill; alone, it is
        ("每个月得三百来块 一年下来四千左右", {"total": "4000"}),
        ("一个月五百", {"total": "6000", "monthly": "500"}),  # a month alone: the year, twelve of them
        # a figure of the rules asked about beside the bill is none of the bill's
        ("住院花了三万 一万以上那块是不是报得多", {"total": "30000"}),
        ("超出两万元的部分还能报吗", {}),
        # the fund already used this year
        ("今年统筹基金已经支付了两千三", {"used": "2300"}),
        ("门诊今年已经报销了三千块", {"used": "3000"}),
        ("额度已经用了一千二 这回又看了六百", {"used": "1200", "total": "600"}),
        ("已经用掉两千的额度了", {"used": "2000"}),
        ("今年门诊报过三百了 这次又花了两百", {"used": "300", "total": "200"}),
        ("这回住院四万 今年统筹已经给俺报了二十八万了", {"total": "40000", "used": "280000"}),  # said of whom
        # ... said of the fund by its name, as a what-if too
        ("统筹基金报了二十六万了 这回三甲又要花四万", {"used": "260000", "total": "40000"}),
        ("假如统筹已经用了十九万呢", {"used": "190000"}),
        # why a figure is what it is; a price heard of, checked; what one bore of another stay
        ("年度限额咋就是四千五呢", {}),
        ("支架不是才七百吗 咋花了三万", {"total": "30000"}),
        ("上回自个负担了八千 这次二级医院花了一万", {"total": "10000"}),
        # a transcript's pause lost before 里面: the total still read
        ("住院总共花了一万八里头自费药两千", {"total": "18000", "self_paid": "2000"}),
        # what one pays in a year to be insured is no bill
        ("俺是种地的 一年交四百来块那种医保", {}),
        ("每年缴三百五十块的居民医保 住院花了九千", {"total": "9000"}),
        # the policy-scope part said short
        ("一共5万 范围内4万2", {"total": "50000", "policy": "42000"}),
        ("三千八在范围内", {"policy": "3800"}),
        ("范围外的有一千二", {"self_paid": "1200"}),
        # a limit said back right before its figure is the rules'; further back it is not
        ("年度限额五百是一个病的吗", {}),
        ("封顶三十万对吗", {}),
        # a part of the bill told after it sums its items with 一共: no second total
        ("花费合计五万二，其中自费的材料和进口药一共六千", {"total": "52000", "self_paid": "6000"}),
        # a figure the estimate went by, asked about; and a bill supposed
        ("那个限额你是按二十万算的吗", {}),
        ("要是四万算的话呢", {"total": "40000"}),
        ("门诊限额还剩多少 这回又花了九百", {"total": "900"}),
    ],
)
def test_each_amount_gets_its_role(text, expected):
    assert read_bill_amounts(text) == {role: Decimal(value) for role, value in expected.items()}


def test_what_this_bill_was_reimbursed_is_not_the_fund_used_before():
    # "报了" without 已经 is about this bill: not a cap already used, not a total either
    assert read_bill_amounts("花了三万 报了两万多") == {"total": Decimal("30000")}
    assert read_bill_amounts("上回报了八百多") == {}
    # what the earlier stays got, all told, is the fund used this year
    assert read_bill_amounts("前两次住院一共报了六万多") == {"used": Decimal("60000")}


def test_a_yearly_cap_said_back_is_no_bill():
    assert read_bill_amounts("每年最多四千五 那我是不是早就用完了") == {}
    assert read_bill_amounts("门诊一年报满五千五 后面的就全自己掏了？") == {}


def test_a_bare_number_is_money_only_when_it_answers_how_much():
    assert read_bill_amounts("8", whole_answer=True) == {"total": Decimal("8")}
    assert read_bill_amounts("8") == {}


def test_numbers_that_are_not_money_have_no_role():
    assert read_bill_amounts("今年第三次住院 二级医院 2023年5月") == {}


@pytest.mark.parametrize(
    "text, total",
    [("不是八千，是八千三", "8300"), ("说错了 花了九千二 不是九千", "9200"), ("一万二，不对，一万三", "13000"),
     ("一万出头，就按一万一算吧", "11000"), ("刚才记错了 总共是两万一", "21000")],
)
def test_in_a_correction_the_amount_meant_is_the_total(text, total):
    assert read_bill_amounts(text) == {"total": Decimal(total)}


@pytest.mark.parametrize(
    "text, total",
    [("两万一 啊不 两万四", "24000"), ("花了七千 哦 七千六百五", "7650"), ("四千多块 准数四千三", "4300"),
     ("两万来块 我翻翻发票 两万零九百", "20900")],
)
def test_a_correction_said_by_a_slip_word_or_by_saying_it_more_exactly_is_the_total(text, total):
    assert read_bill_amounts(text, whole_answer=True) == {"total": Decimal(total)}


def test_a_part_said_again_more_exactly_or_corrected_keeps_its_role_and_is_no_total():
    assert read_bill_amounts("单子上自费的两千多 就算两千四吧", whole_answer=True) == {"self_paid": Decimal("2400")}
    assert read_bill_amounts("总共两万 自费三千 不对 自费三千五") == {"total": Decimal("20000"), "self_paid": Decimal("3500")}
    assert read_bill_amounts("花了一万七千多 按两万算") == {"total": Decimal("20000")}


def test_what_is_not_reimbursed_in_other_words_is_self_paid():
    assert read_bill_amounts("医保不给报的四千多 就按四千三吧") == {"self_paid": Decimal("4300")}
    assert read_bill_amounts("不报的两千") == {"self_paid": Decimal("2000")}
    assert read_bill_amounts("丙类的药一千五") == {"self_paid": Decimal("1500")}


def test_a_deposit_is_no_bill():
    assert read_bill_amounts("收费处让先交五千押金") == {}
    assert read_bill_amounts("押金交八千够不够") == {}


def test_two_amounts_neither_saying_the_other_more_exactly_keep_the_first():
    # no correction: "一万二 … 两万" are two stays, the first told is read (as before)
    assert read_bill_amounts("前一回一万二 后一回两万", whole_answer=True) == {"total": Decimal("12000")}


@pytest.mark.parametrize(
    "text",
    ["为啥一上来就扣了800", "起付线600是你估的还是真的", "怎么才报三百", "自付5%为什么还要多扣这一块"],
)
def test_a_figure_of_the_estimate_asked_about_is_no_bill(text):
    assert read_bill_amounts(text) == {}


def test_a_bill_told_with_the_deductible_keeps_its_total():
    assert read_bill_amounts("住院花了一万六 起付线800") == {"total": Decimal("16000")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # unpunctuated, as a transcript comes: the part's name leads to its own figure
        ("住院花了六万自费的药八千", {"total": Decimal(60000), "self_paid": Decimal(8000)}),
        ("一共三万二自费药差不多四千", {"total": Decimal(32000), "self_paid": Decimal(4000)}),
        # the name right after a figure with none after it: that figure's
        ("花了三万 七千自费的药", {"total": Decimal(30000), "self_paid": Decimal(7000)}),
        ("八千自费的药", {"self_paid": Decimal(8000)}),
    ],
)
def test_a_parts_name_between_two_amounts_belongs_to_the_one_it_leads_to(text, expected):
    assert read_bill_amounts(text) == expected

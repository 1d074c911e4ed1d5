"""The facts a "how much will I pay?" conversation gathers: read from messages, merged, asked for in order.

Every message is read for every fact, so "我是退休职工，住院花了一万六" fills four at once,
"不对，是二级医院" corrects one and "其中自费药一千，今年第三次住院" adds two the bot never asks
for. What is still needed is asked one question at a time (`needed_facts`); what is never
asked takes the spec's default, and `unstated_defaults` names the defaults a reply relied on.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import cn2an
import yaml

from knowledge.cost.bill_amounts import name_right_before, read_bill_amounts
from knowledge.cost.errors import InvalidAmount
from knowledge.cost.numbers import format_yuan
from knowledge.cost.params import load_region
from knowledge.cost.request import EstimateInput
from knowledge.reading.amounts import amount_mentions, normalize_for_amounts
from knowledge.reading.choices import (
    adds_a_disease,
    asks_each_level,
    both_diseases,
    care_kinds_said,
    compares_both,
    insured_elsewhere,
    insured_here,
    letters,
    names_both_schemes,
    normalize,
    nothing_but,
    parse_care,
    parse_childbirth,
    parse_disease,
    parse_filing,
    parse_group,
    parse_level,
    parse_offsite,
    parse_region,
    parse_scheme,
    parse_status,
    parse_yes_no,
    says_level_not_known,
    says_not_known,
    typed_clauses,
    value_words,
)
from knowledge.reading.dates import parse_care_date
from knowledge.reading.rates import rate_mentions
from knowledge.reading.record_request import asks_to_look_up_a_record
from knowledge.reading.script import simplified
from knowledge.reading.vocabulary import alternation
from knowledge.reading.vocabulary import read as read_lexicon
from knowledge.shared_facts import DEFAULT_REGION, LEVELS, SCHEMES, STATUSES

# The facts asked for when the table needs them, in the order they are asked.
FACTS = ("scheme", "status", "care", "level", "disease", "filed", "total")
# Facts read when said but never asked for: without them the spec's defaults apply.
OPTIONAL_FACTS = ("policy", "self_paid", "used", "deductible_met", "admission", "offsite", "group", "care_date",
                  "childbirth", "insured_elsewhere", "monthly", "chronic_count")
# Facts that put a bill outside what the estimate covers: a birth (生育保险, of which the articles give no
# figures) and insurance in another city (its rules are not these); actions/estimate.py says why.
NOT_ESTIMATED = ("childbirth", "insured_elsewhere")
# Every fact of a bill, each kept in the tracker's slot of that name.
FACT_SLOTS = FACTS + OPTIONAL_FACTS
# The level when the caller answered the level question with "不知道": the estimate is given for each level.
LEVEL_NOT_KNOWN = "unknown"
# The scheme or status when both are asked at once ("在职跟退休各付多少", "职工和居民各自要掏多少"): the estimate is
# given each way; an employee's status not told beside both schemes, for both statuses.
EACH = "each"
_EACH_WAY = ("scheme", "status")
# The policy part when the caller said the whole bill is inside it ("都是政策内的"): told, not a default.
ALL_INSIDE = "all"
# Set beside care 普通门诊 when the words name it as such (care.yml `named_plainly`); no slot, `merge` drops it.
NAMED_PLAINLY = "care_named_plainly"
# A disease said as one more ("我还有糖尿病"): merged with the one known, not in its place.
DISEASE_ADDED = "disease_added"
# Kinds of outpatient care a plain "门诊" does not change (`merge`).
_OUTPATIENT_KINDS = ("两病", "门诊慢特病")
# A bare "3"/"三" only means a level when the level was just asked.
_BARE_LEVEL = re.compile(r"^\s*([一二三123])\s*[级]?\s*$")
_COUNT = r"([一二两三四五六七八九十\d]+)"
# "住了10天院", "住了一个星期的院", "住了十来天": a stay of some length is inpatient care.
_STAY = re.compile(r"住了?\s*[\d一二两俩仨三四五六七八九十半几多个来]+\s*(?:天|日|晚|周|星期|礼拜|个?月)(?:的)?(?:院|医院)?")
_NTH_ADMISSION = re.compile(
    rf"第\s*{_COUNT}\s*[次回]\s*[住入]|今年\s*(?:已经)?\s*住[了过]?\s*{_COUNT}\s*[次回]|住院?\s*第\s*{_COUNT}\s*[次回]"
)
# "头一回住院", "头回住院", "就这一回" (the only stay); or the ordinal alone, "第三次" / "这是第三回了", the
# answer to an estimate that assumed the year's first stay (only a stay is counted in the cost dialogue)
_FIRST_ADMISSION = re.compile(
    r"头一?[次回]\s*住|[就只]\s*(?:住[了过]?)?\s*这一[次回]"
    # "头一回" alone, the answer to an estimate that assumed it or to the question of which stay
    r"|^\s*(?:这是|这次是|是)?\s*(?:今年)?\s*头一?[次回](?:了|吧|啊)?\s*[。.!！]?\s*$"
)
# ... or asked as a what-if ("第三次呢", "那要是第三回呢"), or said as a correction, run together in a transcript
# ("不对俺说错了这是第三回了")
_CORRECTED = alternation(read_lexicon("matching")["corrections"])
_BARE_ORDINAL = re.compile(
    rf"^\s*(?:哎呀|哎|嗯|哦|噢|啊)?[，,\s]*(?:(?:俺|我)?(?:{_CORRECTED})[了啊呀的]*[，,\s]*)*"
    rf"(?:那|那要是|要是|那如果是|如果是|那如果|如果)?\s*(?:这次|这回|这)?(?:是|算)?\s*(?:今年)?\s*第\s*{_COUNT}\s*[次回]"
    r"\s*(?:了|吧|啊|呀|呢)?\s*[。.!！?？]?\s*$"
)
_QUESTION = read_lexicon("cost_question")
# "能报不", "补上不", "办了没" end a question in Shandong speech; "我也不", "还没" answer one
_ASKING_END = re.compile(r"..(?<![不没也都我你还就])[不没][?？。.!！~\s]*$")
_DEDUCTIBLE = read_lexicon("deductible")
_POLICY_NOT_KNOWN = read_lexicon("amount_roles")["policy_not_known"]
_RESULT_ASKED_WORDS = tuple(read_lexicon("not_known")["result_asked_words"])
_CLAUSE_END = re.compile(r"[,，。;；!！\n]")
_RATE = re.compile(
    r"\d+(?:\.\d+)?\s*[%％]|百分之[零一二两三四五六七八九十百\d]+|[一二三四五六七八九]成|[\d一二两三四五六七八九十]+个(?:百分)?点"
)
# a question clause ends at its question mark too ("一年最多报多少？我今年花了一千")
_QUESTION_CLAUSE = re.compile(r"(?<=[,，。;；!！?？\n])")
_DEDUCTIBLE_TERM = re.compile(alternation(_DEDUCTIBLE["terms"]))
_QUESTION_MARKS = re.compile("[?？]")


def is_cost_question(text: str) -> bool:
    """A message about what a bill costs the user (knowledge/reading/lexicon/cost_question.yml): an amount
    with a cost word, or with "how much" and a word of paying or reimbursing; or a bill's total
    itself ("住院费用三万", an amount right after 花了/费用/医药费 …: amount_words.yml)."""
    mentions = amount_mentions(text, whole_answer=False)
    if not mentions or asks_a_rule_figure(text):
        return False
    if any(mention.preference[0] for mention in mentions):
        return True
    return asks_how_much(text) or _has_cost_cue(text)


def asks_what_a_bill_costs(text: str) -> bool:
    """A bill's amount with a question about what it costs the user ("花了两万多 能报多少", "三千块自己掏多少"):
    narrower than `is_cost_question`, which a bill told with some other question ("花了三万多，是这么回事吗") is."""
    if not amount_mentions(text, whole_answer=False) or asks_a_rule_figure(text):
        return False
    return asks_how_much(text) or asks_own_cost(text)


def asks_how_much(text: str) -> bool:
    """"能报多少", "给报多少钱": how much money, of a bill or of the rules."""
    plain = normalize(text)
    return any(word in plain for word in _QUESTION["how_much"]) and any(verb in plain for verb in _QUESTION["money_verbs"])


def asks_what_the_bill_gets(text: str) -> bool:
    """"住了半个月院 花了四万多 能报多少": how much one's own bill told here gets (`look_amounts`), not whether
    some cost is covered at all ("请护工一天200 医保能报吗")."""
    plain = normalize(text)
    return any(ask in plain for ask in _QUESTION["look_amounts"]) and states_own_bill(text) and not asks_a_rule_figure(text)


def asks_a_rule_figure(text: str) -> bool:
    """A question for a figure of the rules ("报销比例是多少", "一年最多报多少", "起付线是不是800"), even
    beside the user's own bill ("…我这回花了三万"), unless it asks what the bill costs them ("…自己掏多少"):
    the words are `rule_figures` in cost_question.yml, in a clause that asks for a value (`rule_figure_asks`);
    or a rule heard somewhere, to be confirmed (`hearsay`, `hearsay_confirms`), or a benefit checked to have
    none of one (`rule_checks`)."""
    if asks_own_cost(text):
        return False
    plain = normalize(text)
    if _RATE.search(plain) and any(word in plain for word in _QUESTION["rate_confirms"]):
        return True
    if asks_for_the_cap(text):
        return True
    if any(word in plain for word in _QUESTION["rule_checks"]) and not read_bill_amounts(text):
        return True  # "没有起付线吧"
    if any(word in plain for word in _QUESTION["hearsay"]) and any(
        word in plain for word in _QUESTION["hearsay_confirms"]
    ):
        return True
    return _one_clause_with(plain, _QUESTION["rule_figures"], _QUESTION["rule_figure_asks"])


def names_a_rule_figure(text: str) -> bool:
    """A word of a figure of the rules (`rule_figures`: 比例, 限额, 起付线 …), asked or not."""
    plain = normalize(text)
    return any(word in plain for word in _QUESTION["rule_figures"])


def _one_clause_with(plain: str, words: Iterable[str], asks: Iterable[str]) -> bool:
    """One clause of `plain` holds one of `words` and one of `asks`."""
    return any(
        any(word in clause for word in words) and any(ask in clause for ask in asks)
        for clause in _QUESTION_CLAUSE.split(plain)
    )


def policy_part_not_known(text: str) -> bool:
    """"政策范围内的不清楚", "就按总数算吧", or the whole bill said inside it, "都是政策内的" (amount_roles.yml
    `policy_not_known`)."""
    words = _POLICY_NOT_KNOWN
    plain = normalize(text)
    said = any(part in plain for part in words["part"]) and any(w in plain for w in words["not_known"])
    return said or any(w in plain for w in (*words["whole"], *words["all_inside"]))


def says_all_inside(text: str) -> bool:
    """"都是政策范围内的", "全是医保的": the whole bill inside the policy scope, told (`all_inside`); not "你就当
    全是能报的", counted whole when told to (`whole`)."""
    plain = normalize(text)
    words = _POLICY_NOT_KNOWN
    return any(word in plain for word in words["all_inside"]) and not any(word in plain for word in words["whole"])


def asks_for_the_cap(text: str) -> bool:
    """"那一年都在社区看 最多能报多少": the most the rules pay, no bill told (`cap_asks`)."""
    plain = normalize(text)
    return any(word in plain for word in _QUESTION["cap_asks"]) and not read_bill_amounts(text)


def asks_about_rules(text: str) -> bool:
    """A question about the rules ("住院报销比例是多少", "异地就医要备案吗"), not about the user's own bill:
    a question word, no amount and no "how much do I pay" cue; "政策范围内多少不知道" tells of the bill."""
    plain = normalize(text)
    return (
        _has_question_word(plain)
        and not policy_part_not_known(text)
        and not read_bill_amounts(text)  # "超过一万那部分…" names a figure of the rules, not of a bill
        # with no bill, a rate asked is the rules' ("是不是得先自己掏5%"), whatever words of paying it has
        and (_RATE.search(plain) is not None or not (_has_cost_cue(text) or asks_own_cost(text)))
    )


def _asks_a_rate(text: str) -> bool:
    """"外地看病是不是得先自己掏5%": a rate of the rules, with no bill to apply it to."""
    return _RATE.search(normalize(text)) is not None and not read_bill_amounts(text)


def states_own_bill(text: str) -> bool:
    """An amount of the user's own bill, not a figure of the rules: "职工三级医院住院三万 个人部分呢"
    but not "门诊年度限额400元是吧" (the words before the amount: cost_question.yml)."""
    plain = normalize_for_amounts(text)
    return any(
        name_right_before(plain[: mention.start], _QUESTION["policy_figure_before"]) is None
        for mention in amount_mentions(text, whole_answer=False)
    )


def asks_only_by_its_mark(text: str) -> bool:
    """"好像三级？": a question mark but no question word, as an unsure answer is said."""
    plain = normalize(text)
    return _QUESTION_MARKS.search(plain) is not None and not _has_question_word(_QUESTION_MARKS.sub("", plain))


def asks_to_count(text: str) -> bool:
    """"帮我算算", "你按滨州的给我算算": a request to count a bill (`own_cost_requests`)."""
    plain = normalize(text)
    return any(cue in plain for cue in _QUESTION["own_cost_requests"])


def asks_why(text: str) -> bool:
    """"为什么先扣了800", "85%是怎么来的", "这算得不对吧" (`about_the_estimate`), "算的是第一次住院吧"
    (`checks_what_was_counted`)."""
    plain = normalize(text)
    return any(word in plain for word in _QUESTION["about_the_estimate"]) or checks_what_was_counted(text)


def asks_if_it_covers_care_elsewhere(text: str, said: Mapping[str, Any]) -> bool:
    """"去北京看病 医保能用不": care in another place (`said`: the message's facts), no bill, and whether 医保
    works there asked (lexicon/care_elsewhere.yml): a question of the rules, no bill to count. Not the other
    place's insurance used here ("北京的医保 来滨州看病能用吗")."""
    if said.get("offsite") is not True or "total" in said:
        return False
    plain = letters(text)
    asks = any(word in plain for word in _ELSEWHERE["asks"])
    # the place and its 医保 as written: "人在外地 医保还能报不" is a stay there
    elsewhere_said = (*_ELSEWHERE["care_here"], *_ELSEWHERE["of_being_insured"])
    return asks and not _INSURED_THERE.search(text) and not any(word in plain for word in elsewhere_said)


def names_the_care(text: str) -> bool:
    """A word of care ("看病", "住院", "拿药": care_elsewhere.yml `care`), which a question of care in another
    place right after another answer must say."""
    plain = letters(text)
    return any(word in plain for word in _ELSEWHERE["care"])


_ELSEWHERE = read_lexicon("care_elsewhere")
_INSURED_THERE = re.compile(
    f"(?:{alternation(value_words('offsite', 'yes'))})的?(?:{alternation(_ELSEWHERE['insurance'])})"
)


def checks_what_was_counted(text: str) -> bool:
    """"是按退休的算的吗", "当成职工扣的？": what an estimate counted with, checked (`checked_count`)."""
    plain = normalize(text)
    return any(word in plain for word in _QUESTION["checked_count"])


def compares_with_another(text: str) -> bool:
    """"我同事一样的情况才花了一千多": another person's bill beside the caller's (`others`, `alike`)."""
    plain = normalize(text)
    return any(word in plain for word in _QUESTION["others"]) and any(word in plain for word in _QUESTION["alike"])


def _says_one_of(plain: str, words: str) -> bool:
    """One of the `words` of cost_question.yml said in `plain`."""
    return any(word in plain for word in _QUESTION[words])


def says_money(text: str) -> bool:
    """A unit of money or spending said ("九十五块", "花了九十五"): its figures are sums of money (`money_said`)."""
    return _says_one_of(letters(text), "money_said")


def asks_to_pay_less(text: str) -> bool:
    """"还能再少点吗", "有啥照顾没有", "是不是就全免了": whether one pays less (`pays_less`)."""
    return _says_one_of(normalize(text), "pays_less")


def says_the_same_case(text: str) -> bool:
    """"那我老伴也是这情况呢": the case just counted, said of someone else (`same_case`)."""
    return _says_one_of(normalize(text), "same_case")


def returns_to_the_bill(text: str) -> bool:
    """"回到刚才那个", "接着算": back to the bill of the last estimate (`back_to_the_bill`)."""
    return _says_one_of(normalize(text), "back_to_the_bill")


def is_question(text: str) -> bool:
    """A question word or mark anywhere ("…怎么办", "是什么", "？"), or the spoken "…还能补上不" / "…报了没"
    ending a clause ("能在厂里办备案不 俺常年在湖北": typed, a space ends it); "我也说不上来", "我也不",
    "退休好几年了" are none."""
    plain = normalize(text)
    return _has_question_word(plain) or any(_ASKING_END.search(normalize(clause)) for clause in typed_clauses(text))


def says_a_figure_back(text: str) -> bool:
    """A clause ending in a figure (an amount or a rate, its unit) and 吧, said back right after an answer to
    check it ("一个病种限额是两千五吧", "报七成吧"); a bill told roughly reads the same, so only a follow-up asks it."""
    for clause in typed_clauses(text):
        plain = normalize(clause)
        before = plain[:-1].rstrip("元块钱")
        if plain.endswith("吧") and (before[-1:].isdigit() or before[-1:] in "零一二两三四五六七八九十百千万成%"):
            if rate_mentions(before) or amount_mentions(before, whole_answer=False):
                return True
    return False


def _has_question_word(plain: str) -> bool:
    for rough in _QUESTION["not_asking"]:
        plain = plain.replace(rough, "")
    return any(word in plain for word in _QUESTION["question_words"])


def asks_own_cost(text: str) -> bool:
    """A question about what the user's own bill costs them, with or without an amount ("住院自己出多少"), or a
    request to count it ("帮我算算", "你帮我看看能报多少"); not a complaint ("买药全是自己掏"): the paying phrase in a clause that asks;
    nor a question about the balance of one's card ("卡里还剩多少钱") or a request to look it up."""
    plain = normalize(text)
    if any(word in plain for word in _QUESTION["balance"]) or asks_to_look_up_a_record(text):
        return False
    if _asks_a_rate(text):
        return False
    if asks_to_count(text):
        return True
    if any(cue in plain for cue in _QUESTION["look_requests"]) and any(cue in plain for cue in _QUESTION["look_amounts"]):
        return True
    return _one_clause_with(plain, _QUESTION["own_cost"], _QUESTION["question_words"]) or _asks_what_care_costs(text)


def _asks_what_care_costs(text: str) -> bool:
    """"我爸住院了，想问问要花多少钱" (`own_spending`, the care named by its kind, `own_spending_care`: not "换社保卡要花多少钱", nor a
    price of the rules, "做个膝关节置换大概要花多少钱"), not "要花多少钱才能报" (`spent_before_paid`: a deductible)."""
    plain = normalize(text)
    if not any(word in plain for word in _QUESTION["own_spending_care"]):
        return False
    return any(
        any(word in clause for word in _QUESTION["own_spending"])
        and not any(word in clause for word in _QUESTION["spent_before_paid"])
        for clause in _QUESTION_CLAUSE.split(plain)
    )


def _has_cost_cue(text: str) -> bool:
    plain = normalize(text)
    return any(cue in plain for cue in _QUESTION["cues"])


def _count(token: str) -> int:
    """3, 三, 两, 十一 (cn2an, as care_dates reads numerals)."""
    return int(cn2an.cn2an(token, "smart"))


def read_facts(text: str, today: datetime.date, requested: str | None = None) -> dict[str, Any]:
    """Every fact `text` states. `requested` is the fact just asked for: a bare answer fills it."""
    text = simplified(text)  # "兩萬" is an amount too
    facts: dict[str, Any] = {}
    readers = {
        "scheme": parse_scheme,
        "status": parse_status,
        "care": parse_care,
        "level": parse_level,
        "disease": parse_disease,
        "group": parse_group,
        "region": parse_region,
        "offsite": parse_offsite,
        "filed": parse_filing,
        "childbirth": parse_childbirth,
    }
    for name, reader in readers.items():
        value = reader(text)
        if value is not None:
            facts[name] = value
    facts |= {name: EACH for name in _EACH_WAY if name not in facts and compares_both(name, text)}
    plainly = any(word in normalize(text) for word in read_lexicon("care")["named_plainly"])
    if "care" not in facts and not plainly and (kind := _kind_beside_plain_outpatient(text)):
        facts["care"] = kind  # "恶性肿瘤门诊放化疗 … 一年门诊花了12万": the 门诊 is that kind's
    if "care" not in facts and _STAY.search(text):
        facts["care"] = "住院"
    if facts.get("care") == "普通门诊" and plainly:
        facts[NAMED_PLAINLY] = True
    if "disease" in facts and adds_a_disease(text):
        facts[DISEASE_ADDED] = True
    if "status" in facts and "scheme" not in facts and not names_both_schemes(text):
        # only employees are 在职/退休 in 医保 terms; beside a 居民 ("俺是在职职工 俺媳妇是居民 她住院…") whose
        # bill it is is not known: asked
        facts["scheme"] = "职工"
    if requested == "level" and "level" not in facts:
        bare = _BARE_LEVEL.match(text)
        if bare:
            facts["level"] = _count(bare.group(1))
        elif says_not_known(text) and not policy_part_not_known(text):  # "政策内的不知道" knows the level
            facts["level"] = LEVEL_NOT_KNOWN
        elif (asks_how_much(text) or asks_own_cost(text)) and nothing_but(letters(text), _RESULT_ASKED_WORDS):
            facts["level"] = LEVEL_NOT_KNOWN  # "那这样能报多少" instead of a level: what each level pays
    if requested == "filed" and "filed" not in facts and not is_question(text):
        # a question is no answer: the 没 of "大病保险能报多少 你算进去没" says nothing of filing
        answer = parse_yes_no(text)
        if answer is not None:
            facts["filed"] = answer
    if facts.get("offsite") is False and facts.get("filed") is False:
        del facts["filed"]  # "没有办异地备案（都在滨州）": care at home, nothing to file
    elif "filed" in facts:
        facts["offsite"] = True  # filing (or not) is only said of care in another place
    facts |= read_bill_amounts(text, whole_answer=requested == "total")
    if "level" not in facts and says_level_not_known(text):
        facts["level"] = LEVEL_NOT_KNOWN  # said with the bill ("住院花了两万 不知道是几级医院"): what each level pays
    if "level" not in facts and ("total" in facts or requested == "level") and asks_each_level(text):
        # "住院两万，一级二级三级医院各要自己掏多少": what each level pays (of a bill: "各级医院分别报多少" alone
        # asks the rules)
        facts["level"] = LEVEL_NOT_KNOWN
    if "policy" not in facts and policy_part_not_known(text):
        # the whole bill either way: told so, or as when it was never told
        facts["policy"] = ALL_INSIDE if says_all_inside(text) else None
    met = deductible_met(text)
    if met is not None:
        facts["deductible_met"] = met
    day = parse_care_date(text, today)
    if day is not None:
        facts["care_date"] = day
    admission = _admission(text)
    if admission:
        facts["admission"] = admission
    chronic = _CHRONIC_COUNT.search(text)
    if chronic:
        facts["chronic_count"] = _count(chronic.group(1))
    if insured_elsewhere(text):
        facts["insured_elsewhere"] = True
    elif insured_here(text):
        facts["insured_elsewhere"] = False  # "那 我是滨州的居民医保 …" after another's bill insured elsewhere
    if "offsite" not in facts and {"level", "total"} & set(facts) and _LOCAL_HOSPITAL.search(normalize(text)):
        facts["offsite"] = False  # "那还是去滨州医学院附属医院吧 也是三级 五万": a stay here
    return facts


# 滨州's hospitals, which tell local care when named with a bill (offsite.yml `local_hospitals`)
_LOCAL_HOSPITAL = re.compile(alternation(read_lexicon("offsite")["local_hospitals"]))


# How many 门诊慢特病 diseases ("两个慢特病", "三种慢性病", "两种病都是门特"; not 两病, the 高血压/糖尿病 benefit):
# a resident's annual cap is per disease (care.yml `chronic_count_nouns`).
_CHRONIC_COUNT = re.compile(
    rf"([两二三四五六七八九2-9])[个种样](?:{alternation(read_lexicon('care')['chronic_count_nouns'])})"
)


def _kind_beside_plain_outpatient(text: str) -> str | None:
    """The kind of outpatient care (门诊慢特病, 两病) a message names beside a plain 门诊 and nothing else."""
    kinds = care_kinds_said(text)
    others = kinds - {"普通门诊"}
    return others.pop() if "普通门诊" in kinds and len(others) == 1 and others <= set(_OUTPATIENT_KINDS) else None


def _admission(text: str) -> int | None:
    """Which stay of the year this is: "今年第三次住院", "住过两回院", "头一回住院", or "第三次" alone
    in its clause ("这是第三回，前两回在县医院")."""
    if _FIRST_ADMISSION.search(text):
        return 1
    # a clause ends at a mark, or as typed at a space too ("第三次了 今年 我这个腿老出毛病")
    clauses = (*_CLAUSE_END.split(text), *typed_clauses(text))
    nth = _NTH_ADMISSION.search(text) or next((said for clause in clauses if (said := _BARE_ORDINAL.match(clause))), None)
    return _count(next(group for group in nth.groups() if group)) if nth else None


def deductible_met(text: str) -> bool | None:
    """True for "今年门诊起付线已经够了", False for "起付线还没够", None when not said or only asked."""
    said = None
    for clause in _CLAUSE_END.split(normalize(text)):
        term = _DEDUCTIBLE_TERM.search(clause)
        if not term or any(word in clause for word in _DEDUCTIBLE["question"]):
            continue
        if any(word in clause for word in _DEDUCTIBLE["not_met"]):
            said = False
        elif any(word in clause for word in _DEDUCTIBLE["met"]):
            said = True
    return said


def merge(known: Mapping[str, Any], new: Mapping[str, Any], today: datetime.date | None = None) -> dict[str, Any]:
    """The facts after `new` is said, with what `new` makes stale dropped and what it implies added:
    a plain 门诊 keeps 两病 or 门诊慢特病 care, leaving 两病 care drops its disease unless restated, one more disease
    ("我还有糖尿病") joins the one known, a new total
    (not the first, nor the same one told again) drops the policy-scope part,
    care at home drops the filing, and so does being insured here after another's bill insured elsewhere; given
    `today` (the year of care not dated), care in another year drops what was told of this one's (the fund used,
    the deductible met, which stay: "那明年一月份再去看呢")."""
    merged = {name: value for name, value in known.items() if value not in (None, "")}
    new = dict(new)
    if not new.pop(NAMED_PLAINLY, False) and new.get("care") == "普通门诊" and known.get("care") in _OUTPATIENT_KINDS:
        del new["care"]  # "门诊拿药不住院" after 两病 was told: the same care
    leaves_two_diseases = known.get("care") == "两病" and new.get("care") not in (None, "两病")
    if new.pop(DISEASE_ADDED, False) and known.get("disease") and new.get("disease"):
        new["disease"] = both_diseases(known["disease"], new["disease"])  # "我还有糖尿病" after 高血压: both
    merged.update(new)
    if leaves_two_diseases and "disease" not in new:
        merged.pop("disease", None)
    if "total" in new and "monthly" not in new:
        merged.pop("monthly", None)  # a bill told as a whole: no longer a month's times twelve
    if "total" in new and "policy" not in new and _amount(known.get("total")) not in (None, _amount(new["total"])):
        # another bill's; the same total told again keeps its part, and so does the first total told after
        # it ("都是政策内的" while the form asked something else, then "两万")
        merged.pop("policy", None)
    if known.get("insured_elsewhere") is True and new.get("insured_elsewhere") is False:
        _drop_untold(merged, new, ("offsite", "filed"))  # of the other city's insurance: filing is where one is insured
    if merged.get("offsite") is False:
        merged.pop("filed", None)
    if today is not None and _year(new.get("care_date")) not in (None, _year(known.get("care_date")) or today.year):
        _drop_untold(merged, new, _OF_THE_YEAR)
    return settled(merged)


def _drop_untold(merged: dict[str, Any], new: Mapping[str, Any], names: Iterable[str]) -> None:
    for name in names:
        if name not in new:
            merged.pop(name, None)


# What is told of one year's care and starts anew the next (`merge`)
_OF_THE_YEAR = ("used", "deductible_met", "admission")


def _year(day: Any) -> int | None:
    """The year of a care date, held as a date (read) or its ISO text (a slot)."""
    if isinstance(day, datetime.date):
        return day.year
    return datetime.date.fromisoformat(day).year if isinstance(day, str) and day else None


def settled(known: Mapping[str, Any]) -> dict[str, Any]:
    """The care kind the person's scheme allows: 两病 medicine is a residents' benefit (an employee's
    outpatient medicine is 普通门诊), and a resident's outpatient care (or care not said) for a named
    两病 disease is 两病."""
    facts = dict(known)
    scheme, care = facts.get("scheme"), facts.get("care")
    if care == "两病" and scheme == "职工":
        facts["care"] = "普通门诊"
    elif care in (None, "普通门诊") and scheme == "居民" and facts.get("disease"):
        facts["care"] = "两病"
    return facts


def merge_all(known: Mapping[str, Any], said: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    facts = dict(known)
    for new in said:
        facts = merge(facts, new)
    return facts


@cache
def _topic_facts() -> dict[str, dict[str, Any]]:
    with (Path(__file__).parent / "topic_facts.yml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def facts_of_topic(topic_id: str | None) -> dict[str, Any]:
    """The cost facts an FAQ topic answered just before a cost question implies (topic_facts.yml)."""
    return dict(_topic_facts().get(topic_id or "", {}))


def _asked(fact: str, known: Mapping[str, Any]) -> bool:
    """Whether the table needs this fact for what is known so far (scheme and care decide)."""
    scheme, care = known.get("scheme"), known.get("care")
    if fact == "status":
        return scheme == "职工"  # beside both schemes, both statuses (`variants`)
    if fact == "level":
        return care == "住院" or (care == "普通门诊" and scheme in ("职工", EACH))
    if fact == "disease":
        return care == "两病"
    if fact == "filed":
        return known.get("offsite") is True
    return True


def needed_facts(known: Mapping[str, Any]) -> list[str]:
    """The facts still to ask for, in FACTS order, given what is known."""
    return [fact for fact in FACTS if _asked(fact, known) and known.get(fact) in (None, "")]


@dataclass(frozen=True)
class DateProblem:
    message: str


def policy_start(region: str = DEFAULT_REGION) -> datetime.date | None:
    """The first day the region's parameter file covers (None: the region has no parameters)."""
    policy = load_region(region)
    return policy.versions[0].effective_from if policy else None


def check_date(day: datetime.date | None, region: str = DEFAULT_REGION) -> DateProblem | None:
    """Care before the first policy version cannot be estimated: say so instead of guessing."""
    start = policy_start(region)
    if day is not None and start is not None and day < start:
        return DateProblem(
            f"抱歉，{start.year}年{start.month}月{start.day}日以前的费用适用当时的旧政策，我这里无法估算。"
            "如果是最近的费用，请告诉我是哪年哪月看的病。"
        )
    return None


def variants(known: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The facts once for each scheme and status asked at once (`EACH`; both statuses for employees beside
    both schemes when theirs was not told) and for each hospital level when the caller does not know it; else
    the facts alone."""
    ways = [{**known, "scheme": scheme} for scheme in SCHEMES] if known.get("scheme") == EACH else [dict(known)]
    ways = [
        {**way, "status": status} if way.get("scheme") == "职工" else way
        for way in ways
        for status in _statuses(way, compared=known.get("scheme") == EACH)
    ]
    if known.get("level") == LEVEL_NOT_KNOWN:
        ways = [{**way, "level": level} for way in ways for level in LEVELS]
    return ways


def _statuses(way: Mapping[str, Any], compared: bool) -> Sequence[Any]:
    status = way.get("status")
    if way.get("scheme") == "职工" and (status == EACH or (compared and status in (None, ""))):
        return STATUSES
    return (status,)


def one_way(value: Any) -> Any:
    """A fact's value, or None for `EACH` (both ways: "职工和居民各自要掏多少" narrows no FAQ topic to one scheme)."""
    return None if value == EACH else value


def unfiled_offsite(known: Mapping[str, Any]) -> bool:
    """Care in another place without 异地就医备案: outside what this estimate covers."""
    return known.get("offsite") is True and known.get("filed") is False


def not_estimated(known: Mapping[str, Any]) -> str | None:
    """The fact that puts the bill outside what the estimate covers, besides unfiled care elsewhere
    (`NOT_ESTIMATED`); None when there is none."""
    return next((fact for fact in NOT_ESTIMATED if known.get(fact) is True), None)


def unstated_defaults(known: Mapping[str, Any]) -> list[str]:
    """The optional facts this bill's estimate took the spec's default for, as fact names: only
    those that can change this kind of care's result (admission counts for residents' stays,
    the fund already used for the small outpatient caps, the deductible for employees' 普通门诊)."""
    scheme, care = known.get("scheme"), known.get("care")
    relevant = ["policy", "offsite"]
    if care == "住院" and scheme in ("居民", EACH):
        relevant.append("admission")
    if care != "住院":
        relevant.append("used")
    if care == "普通门诊" and scheme in ("职工", EACH):
        relevant.append("deductible_met")
    if care == "门诊慢特病" and scheme in ("居民", EACH):
        relevant.append("chronic_count")
    return [name for name in relevant if known.get(name) in (None, "") and not _implied(name, known)]


def _implied(name: str, known: Mapping[str, Any]) -> bool:
    """Whether another fact told settles this one: a self-paid part makes the policy part the rest of the bill;
    the fund having paid for 普通门诊 this year ("今年门诊已经报过三千了") means its yearly deductible was met."""
    if name == "policy":
        return known.get("self_paid") not in (None, "")
    if name == "deductible_met":
        return known.get("care") == "普通门诊" and (_amount(known.get("used")) or Decimal(0)) > 0
    return False


# What an optional fact not told counts as (the spec's defaults): the whole bill inside the policy scope,
# the first stay of the year, nothing of the fund used yet, care at home, the deductible not yet met.
_DEFAULTS: dict[str, Any] = {"policy": ALL_INSIDE, "admission": 1, "used": 0, "offsite": False, "deductible_met": False,
                             "chronic_count": 1}


def facts_in_slots(get_slot: Callable[[str], Any]) -> dict[str, Any]:
    """The cost facts a tracker's slots hold (`get_slot` of Rasa's tracker or the action server's)."""
    held = {name: get_slot(name) for name in FACT_SLOTS}
    return {name: value for name, value in held.items() if value not in (None, "")}


def counted_facts(known: Mapping[str, Any], today: datetime.date | None = None) -> dict[str, Any]:
    """The facts an estimate counts with: those told, and the spec's default for each optional one not
    told (a self-paid part told makes the policy part the rest of the bill, no default); given `today`,
    the care not dated is today's ("今年" reads as today: the rules in force now)."""
    told = {name: value for name, value in known.items() if value not in (None, "")}
    defaults = {name: value for name, value in _DEFAULTS.items() if not _implied(name, told)}
    if _implied("deductible_met", told):
        defaults["deductible_met"] = True
    if today is not None:
        defaults["care_date"] = today
    return defaults | told


def same_fact(told: Any, counted: Any) -> bool:
    """A fact as read from a message ("二级" 2, 一万 Decimal) equal to one held in a slot (strings, floats)."""
    if isinstance(told, bool) or isinstance(counted, bool):
        return told is counted
    try:
        return Decimal(str(told)) == Decimal(str(counted))
    except InvalidOperation:
        return str(told) == str(counted)


def _amount(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def to_input(known: Mapping[str, Any], region: str | None) -> EstimateInput:
    """The engine's input from the gathered facts (`counted_facts`: the defaults for those not told, but
    the policy part: the engine takes the whole bill for it itself, and says it assumed so)."""
    counted = counted_facts(known)
    care_date = known.get("care_date")
    if isinstance(care_date, str):
        care_date = datetime.date.fromisoformat(care_date)
    total, self_paid = _amount(known.get("total")), _amount(known.get("self_paid"))
    policy = total if known.get("policy") == ALL_INSIDE else _amount(known.get("policy"))
    if policy is None and self_paid is not None and total is not None:
        if self_paid > total:
            raise InvalidAmount(f"自费部分（{format_yuan(self_paid)}）不能大于总费用（{format_yuan(total)}），请核对。")
        policy = total - self_paid
    return EstimateInput(
        region=region or DEFAULT_REGION,
        scheme=known.get("scheme"),
        status=known.get("status"),
        care=known.get("care"),
        level=int(known["level"]) if known.get("level") not in (None, "") else None,
        total=total,
        policy=policy,
        admission=int(counted["admission"]),
        chronic_count=int(counted["chronic_count"]),
        used=_amount(counted["used"]) or Decimal(0),
        offsite=bool(counted["offsite"]) and known.get("filed") is not False,
        group=known.get("group"),
        disease=known.get("disease"),
        deductible_met=bool(counted["deductible_met"]),
        care_date=care_date,
    )

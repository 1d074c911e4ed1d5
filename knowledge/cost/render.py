"""Replies for an Estimate, written for the citizen: a short chat reply, its details on request,
and the spoken forms for the hotline.

The chat reply: the personal pay in one sentence; who pays what in one line; the defaults taken
for what was not said and the assumed figures in one sentence, inviting a correction; the
sources by article title and date. The steps, notes and the policy version are the details.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from knowledge.cost.bill_amounts import MONTHS
from knowledge.cost.engine import Estimate
from knowledge.cost.numbers import format_money
from knowledge.cost.params import Source
from knowledge.shared_facts import LEVEL_NAMES
from knowledge.speech.numbers import say_amount, say_figures

T = TypeVar("T")
# The payers besides the person, in the order the money flows (engine: PAYER_PARTS).
PAYERS = (
    ("fund_pay", "统筹基金"),
    ("large_subsidy", "大额医疗补助"),
    ("serious_illness", "大病保险"),
    ("assistance", "医疗救助"),
)
YOU = "您自己"
# What the estimate took when a fact was not said (knowledge.cost.facts.unstated_defaults), and how
# the user would correct it.
DEFAULTS = {
    "policy": ("费用都在医保政策范围内", "其中自费药一千"),
    "offsite": ("在本地就医", "在北京住院，已备案"),
    "admission": ("今年第一次住院", "今年第三次住院"),
    "used": ("今年医保还没报过", "今年已经报了两千"),
    "deductible_met": ("今年的门诊起付线还没扣过", "今年起付线已经扣过了"),
    "chronic_count": ("只有一个慢特病病种", "有两个慢特病"),
}
# Every assumption note in the parameter file ends with this; the reply says it once.
_CHECK_WITH_BUREAU = "以医保经办机构公布为准"
# The engine's own assumption for an unknown policy-scope part: the defaults sentence says it.
_POLICY_DEFAULT_NOTE = "政策范围内费用按总费用计算"


# The figures an assumption note can be about: on the phone, right after the situation was said back, the
# name alone tells which ("起付线八百元", not "职工三级医院住院起付线按八百元估算").
_FIGURE_NAMES = ("起付线", "报销比例", "年度限额", "救助比例")
_ASSUMPTION = re.compile(r"(?P<subject>.*?)按(?P<value>.+?)(?:估算|理解|计算)")


@dataclass(frozen=True)
class Share:
    payer: str
    part: str  # the Estimate field: fund_pay … or "personal_pay"
    amount: Decimal


def shares(est: Estimate) -> list[Share]:
    """Who pays what: every payer that pays something, then the person."""
    paid = [Share(name, part, getattr(est, part)) for part, name in PAYERS if getattr(est, part)]
    return paid + [Share(YOU, "personal_pay", est.personal_pay)]


def spoken_situation(est: Estimate) -> str:
    """The bill as heard, said back on the phone ("职工退休、二级医院、住院、总费用一万五千元"), so that a caller
    hears what the speech recognition made of "退修了" or "一万五六" and can correct it."""
    bill = est.request
    parts = [bill.scheme + (bill.status or "医保")]
    if bill.level:
        parts.append(f"{LEVEL_NAMES[bill.level]}医院")
    parts.append(f"{bill.disease}门诊用药" if bill.care == "两病" and bill.disease else bill.care)
    if bill.offsite:
        parts.append("异地就医")
    if bill.group:
        parts.append(bill.group)
    parts.append("总费用" + say_amount(bill.total))
    return "、".join(parts)


def situation(est: Estimate, with_level: bool = True, with_who: bool = True) -> str:
    """The bill as understood: "职工在职 · 二级医院 · 住院 · 异地就医（已备案）"."""
    bill = est.request
    parts = [who(est)] if with_who else []
    if bill.level and with_level:
        parts.append(f"{LEVEL_NAMES[bill.level]}医院")
    parts.append(f"{bill.care}（{bill.disease}）" if bill.disease and bill.care == "两病" else bill.care)
    if bill.offsite:
        parts.append("异地就医（已备案）")
    if bill.admission > 1 and bill.care == "住院":
        parts.append(f"今年第{bill.admission}次住院")
    if bill.chronic_count > 1 and bill.care == "门诊慢特病":
        parts.append(f"{bill.chronic_count}个病种")
    if bill.policy is not None:
        parts.append(f"政策范围内{format_money(bill.policy)}")
    if bill.used:
        parts.append(f"今年医保已报{format_money(bill.used)}")
    if bill.deductible_met:
        parts.append("起付线已扣过")
    if bill.group:
        parts.append(bill.group)
    return " · ".join(parts)


def headline(est: Estimate) -> str:
    return (
        f"按您说的情况（{situation(est)}，总费用{format_money(est.request.total)}），"
        f"您自己大约要付{format_money(est.personal_pay)}。"
    )


def pay_again(pay: Decimal, spoken: bool = False) -> str:
    """What one pays by the estimate just given, alone ("最后俺自己掏多少 你就说个数"), with how to hear the rest."""
    if spoken:
        return f"按刚才的估算，您个人大约需要支付{say_amount(pay)}。{SPOKEN_DETAILS_OFFER}"
    return f"按刚才的估算，您自己大约要付{format_money(pay)}。"


def compared_sentence(est: Estimate, before: Decimal | None, amount: Callable[[Decimal], str] = format_money) -> str:
    """After a change of the bill ("那要是二级医院呢", "换到二级医院能省多少"): how the personal pay differs
    from the estimate before it (`before`, its personal pay); empty without one."""
    if before is None:
        return ""
    change = est.personal_pay - before
    if change == 0:
        return "和刚才的估算一样。"
    return f"比刚才的估算{'少' if change < 0 else '多'}付{amount(abs(change))}。"


def shares_line(est: Estimate) -> str:
    return "谁付多少：" + "，".join(f"{s.payer}{format_money(s.amount)}" for s in shares(est))


def assumptions_sentence(est: Estimate, defaults: Sequence[str]) -> str:
    """One sentence: the defaults taken for what was not said, the assumed figures, an invitation
    to correct them. Empty when there is neither."""
    return _assumptions_sentence(est.assumptions, defaults)


def _assumptions_sentence(assumptions: Sequence[str], defaults: Sequence[str]) -> str:
    clauses = []
    if defaults:
        clauses.append(_defaults_clause(defaults))
    figures = [_without_check(note) for note in _figures(assumptions)]
    if figures:
        clauses.append("其中" + "、".join(figures) + f"（资料未公布，{_CHECK_WITH_BUREAU}）")
    if not clauses:
        return ""
    sentence = "；".join(clauses) + "。"
    if defaults:
        examples = "”“".join(DEFAULTS[name][1] for name in defaults[:2])
        sentence += f"情况不同请直接告诉我，比如“{examples}”。"
    return sentence


def _defaults_clause(defaults: Sequence[str]) -> str:
    return "没说到的按常见情况算：" + "、".join(DEFAULTS[name][0] for name in defaults)


def source_text(source: Source) -> str:
    return f"《{source.title}》（{source.date_zh}）"


def sources_line(est: Estimate) -> str:
    return _sources_line(est.sources)


def _sources_line(sources: Sequence[Source]) -> str:
    return "依据：" + "、".join(source_text(source) for source in sources) if sources else ""


def monthly_sentence(est: Estimate, monthly: Decimal | None, money: Callable[[Decimal], str] = format_money) -> str:
    """A bill told as a month's spending ("每个月拿药两百"), counted for the year: said so, with the month's share."""
    if monthly is None:
        return ""
    each_month = (est.personal_pay / MONTHS).quantize(Decimal(1), rounding=ROUND_HALF_UP)  # an average: whole yuan
    return (f"按每月{money(monthly)}、一年十二个月算，全年总费用{money(est.request.total)}，"
            f"平均每月自己大约付{money(each_month)}。")


def render_chat(
    est: Estimate, defaults: Sequence[str] = (), before: Decimal | None = None, monthly: Decimal | None = None
) -> str:
    """The chat reply; `defaults` are the unstated facts the estimate took defaults for, `before` the
    personal pay of the estimate this one changes, `monthly` the month's spending the bill was told as."""
    lines = [
        headline(est) + compared_sentence(est, before),
        monthly_sentence(est, monthly),
        shares_line(est),
        "".join(note.text for note in est.notes),
        assumptions_sentence(est, defaults),
        sources_line(est),
    ]
    return "\n".join(line for line in lines if line)


def not_what_was_counted(told: str, counted: str, pay: Decimal | None, spoken: bool = False) -> str:
    """A check naming what the estimate did not count with ("你是按退休算的吧" after 在职): what it counted
    with (`counted`, empty when nothing stood for it: "按低保算的吗") and its amount, and how to have it counted
    the other way; `told`, `counted`: the facts as said back."""
    amount = "" if pay is None else f"，您自己大约要付{say_amount(pay) if spoken else format_money(pay)}"
    opening = f"不是，刚才是按{counted}算的" if counted else f"不是，刚才没有按{told}算"
    return f"{opening}{amount}。如果是{told}，请直接告诉我，我按{told}重新算。"


# After the estimates for each level: how to get the one that applies.
LEVEL_PROMPT = "知道是几级医院后告诉我（比如“二级”），我按那一级再算。"


def who(est: Estimate) -> str:
    """"职工在职", "居民": whose bill it was counted as."""
    return est.request.scheme + (est.request.status or "")


def render_each_chat(estimates: Sequence[Estimate], defaults: Sequence[str] = ()) -> str:
    """The chat reply with several estimates of one bill: each scheme or status asked at once ("在职跟退休各付
    多少"), or each level when the caller does not know the hospital's: the personal pay each way."""
    first, by_who, by_level = estimates[0], _differ(estimates, who), _differ(estimates, _level_name)
    opening, each = ("不清楚医院级别也没关系。", "分别按各级医院估算") if by_level and not by_who else ("", "分别估算")
    lines = [f"{opening}按您说的情况（{situation(first, with_level=not by_level, with_who=not by_who)}，"
             f"总费用{format_money(first.request.total)}），{each}："]
    lines += [f"· {_way(est, by_who, by_level)}：您自己大约要付{format_money(est.personal_pay)}" for est in estimates]
    lines += [
        "".join(_each_once(note.text for est in estimates for note in est.notes)),
        _assumptions_sentence(_each_once(note for est in estimates for note in est.assumptions), defaults),
        LEVEL_PROMPT if by_level else "",
        _sources_line(_each_once(source for est in estimates for source in est.sources)),
    ]
    return "\n".join(line for line in lines if line)


def render_each_speech(estimates: Sequence[Estimate]) -> str:
    """The spoken form of render_each_chat: the personal pay each way, no digits or symbols. The assumed
    figures and how to get one level's estimate come before the notes, which the gateway may keep for 详细
    when the answer runs long (the spec: every reply marks each assumed figure)."""
    by_who, by_level = _differ(estimates, who), _differ(estimates, _level_name)
    pays = "；".join(f"{_way(est, by_who, by_level, spoken=True)}{say_amount(est.personal_pay)}" for est in estimates)
    text = f"{'不清楚医院级别的话' if by_level and not by_who else '分别算的话'}，您个人大约要付：{pays}。"
    notes = _figures(_each_once(note for est in estimates for note in est.assumptions))
    text += _spoken_assumed(_short_assumptions(notes)) + ("知道是几级医院后告诉我，我再算。" if by_level else "")
    return text + "".join(_each_once(note.spoken for est in estimates for note in est.notes))


def _level_name(est: Estimate) -> str:
    return f"{LEVEL_NAMES[est.request.level]}医院" if est.request.level else ""


def _differ(estimates: Sequence[Estimate], part: Callable[[Estimate], str]) -> bool:
    return len({part(est) for est in estimates}) > 1


def _way(est: Estimate, by_who: bool, by_level: bool, spoken: bool = False) -> str:
    """What sets this estimate apart from the others: "职工退休、二级医院"; spoken, "职工退休二级医院"."""
    return ("" if spoken else "、").join(([who(est)] if by_who else []) + ([_level_name(est)] if by_level else []))


def _each_once(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))


def render_details(est: Estimate, defaults: Sequence[str] = ()) -> str:
    """The steps of the calculation ("查看明细", "明细"): each with its amount and rule, the defaults taken
    for what was not said ("你是按第一次住院算的？" asks them), then the notes."""
    lines = [f"计算明细，按{est.policy_version_name}："]
    lines += [f"· {step.label_zh} {format_money(step.amount)}：{step.rule_zh}" for step in est.steps]
    if defaults:
        lines.append(_defaults_clause(defaults) + "。")
    if est.notes:
        lines.append("说明：")
        lines += [f"· {note.text}" for note in est.notes]
    if est.assumptions:
        lines.append("估算的数字（资料未公布，" + _CHECK_WITH_BUREAU + "）：")
        lines += [f"· {_without_check(note)}" for note in est.assumptions]
    if est.sources:
        lines.append(sources_line(est))
    return "\n".join(lines)


# The caller answers with the word the gateway and the bot both understand (server/data/requests.yml).
SPOKEN_DETAILS_OFFER = "需要详细说明的话，请说详细。"


def render_speech(
    est: Estimate, before: Decimal | None = None, monthly: Decimal | None = None, defaults: Sequence[str] = ()
) -> str:
    """Three short sentences at most (four after a change: how it differs; and how a figure was treated where
    the articles say nothing, `notes`), no digits or symbols, then an offer of the details (short enough for the gateway to speak whole: server/speech.py cuts longer answers).
    Of the `defaults` taken for what was not said, the one the figures hang on most: the whole bill inside the
    policy scope (the spec: "assume policy = total and say so")."""
    sentences = [f"按{spoken_situation(est)}估算，您个人大约需要支付{say_amount(est.personal_pay)}。"]
    sentences.append(compared_sentence(est, before, say_amount))
    paid = [f"{s.payer}支付{say_amount(s.amount)}" for s in shares(est) if s.part != "personal_pay"]
    sentences.append(("，".join(paid) if paid else "这次没有可以报销的部分") + "。")
    # the assumed figures before the rest: the gateway speaks the first sentences within its limit and keeps the
    # others for 详细, and every reply must name them
    sentences.append(_spoken_assumed(_short_assumptions(_figures(est.assumptions))))
    if "policy" in defaults:
        sentences.append(f"这是按{DEFAULTS['policy'][0]}算的。")
    sentences.append(monthly_sentence(est, monthly, say_amount))
    sentences += [note.spoken for note in est.notes]
    sentences.append(SPOKEN_DETAILS_OFFER)
    return "".join(sentences)


def render_speech_details(est: Estimate, defaults: Sequence[str] = ()) -> str:
    """The itemized steps, spoken (the caller said 详细): each step's name and amount, no formulas; the
    defaults taken for what was not said."""
    steps = "；".join(f"{step.label_zh}{say_amount(step.amount)}" for step in est.steps)
    text = f"明细是这样的：{steps}。"
    if defaults:
        text += _defaults_clause(defaults) + "。"
    notes = [say_figures(_without_check(note)) for note in _figures(est.assumptions)]
    return text + (f"其中{'、'.join(notes)}，{_CHECK_WITH_BUREAU}。" if notes else "")


def _figures(assumptions: Iterable[str]) -> list[str]:
    """The assumed figures; not the engine's own assumption for an unknown policy-scope part, which the
    defaults say ("费用都在医保政策范围内")."""
    return [note for note in assumptions if note != _POLICY_DEFAULT_NOTE]


def _without_check(note: str) -> str:
    return note.removesuffix("，" + _CHECK_WITH_BUREAU)


def assumed_figure(note: str) -> tuple[str, str] | None:
    """What an assumption note of the parameter file is about and the value it took: "职工三级医院住院起付线按800元估算"
    → ("职工三级医院住院起付线", "800元"); None for a note not written so."""
    match = _ASSUMPTION.match(note)
    return (match["subject"], match["value"]) if match else None


def _short_assumptions(notes: Iterable[str]) -> list[str]:
    """The assumed figures as said on the phone after the situation: "职工三级医院住院起付线按800元估算" →
    "起付线八百元", "居民普通门诊按不设起付线估算" → "不设起付线"; one name for the values of each level
    ("起付线两百元、五百元、一千元")."""
    values: dict[str, list[str]] = {}
    for note in notes:
        figure = assumed_figure(note)
        if figure is None:
            values.setdefault(say_figures(_without_check(note)), [])
            continue
        subject, written = figure
        name = next((name for name in _FIGURE_NAMES if subject.endswith(name)), "")
        value = say_figures(written)
        if not name:
            values.setdefault(value, [])
        elif value not in values.setdefault(name, []):
            values[name].append(value)
    return [name + "、".join(said) for name, said in values.items()]


def _spoken_assumed(figures: Sequence[str]) -> str:
    """Each assumed figure named, as the spec asks of every reply; empty when there is none."""
    return f"其中{'、'.join(figures)}是估算的，{_CHECK_WITH_BUREAU}。" if figures else ""

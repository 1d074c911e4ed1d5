"""How much will I pay: the reimbursement estimate for one bill (spec: policy-binzhou.md).

Every figure comes from knowledge/cost/policy/<region>.yml; this module holds only the rules of
the calculation (the spec's nine steps). Inputs are checked by knowledge.cost.request; bad input
raises an EstimateError (knowledge.cost.errors) with a Chinese `message`, never a guess.
The command line is `python -m knowledge.cost`.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

from knowledge.cost.errors import DateOutOfRange, MissingInput, NotCovered, RegionNotSupported
from knowledge.cost.numbers import CENT, format_number, format_percent, format_yuan
from knowledge.cost.params import (
    Figure,
    Leaf,
    MissingDimension,
    PolicyDataError,
    PolicyVersion,
    RegionPolicy,
    Schedule,
    Segment,
    Selector,
    SharedCap,
    Source,
    load_region,
)
from knowledge.cost.request import FIELD_NAMES, ZERO, Bill, EstimateInput, validated
from knowledge.shared_facts import LEVEL_NAMES, REGIONS

# The 普通门诊 deductible is paid once a year; the other deductibles are per admission/claim.
ANNUAL_DEDUCTIBLE_CARE = "普通门诊"
PAYER_PARTS = ("fund_pay", "large_subsidy", "serious_illness", "assistance")
# The part of a cost between two bounds that one ratio segment applies to: (from, to, segment).
Piece = tuple[Decimal, Decimal, Segment]


@dataclass(frozen=True)
class Note:
    """How a figure was treated where the articles say nothing; it changes what the amount means ("实际个人支付可能
    更少"), so it is said with the amount, not only in the breakdown."""

    text: str
    spoken: str  # short, without digits: the hotline's answer stays a few sentences


@dataclass(frozen=True)
class Step:
    label_zh: str
    amount: Decimal
    rule_zh: str


@dataclass(frozen=True)
class Estimate:
    personal_pay: Decimal
    fund_pay: Decimal
    large_subsidy: Decimal
    serious_illness: Decimal
    assistance: Decimal
    outside_scope: Decimal
    first_self_pay: Decimal
    steps: list[Step]
    policy_version: str
    policy_version_name: str
    sources: list[Source]
    assumptions: list[str]
    notes: list[Note]
    request: Bill


def estimate(inp: EstimateInput, table: RegionPolicy | None = None) -> Estimate:
    """Estimate who pays what for one bill. `table` stands in for the region's parameter
    file (tests use it to perturb parameters)."""
    region = table or _region_policy(inp.region)  # first: no questions for a region we cannot serve
    request = validated(inp)
    version = region.version_for(request.care_date)
    if version is None:
        first = region.versions[0].effective_from
        raise DateOutOfRange(
            f"{_date_zh(first)}之前的就医费用暂不支持测算，请以当时的结算单为准或咨询医保经办机构。"
        )
    with localcontext() as context:
        context.prec = 50  # ample for ten-million-yuan bills with many decimals before the final rounding
        return _Calculation(request, version).run()


def serves_region(region: str) -> bool:
    """Whether the region has a parameter table to count with (乌海 has FAQ content only)."""
    return region in REGIONS and load_region(region) is not None


def _region_policy(region: str) -> RegionPolicy:
    policy = load_region(region) if region in REGIONS else None
    if policy is None:
        supported = "、".join(name for code, name in REGIONS.items() if load_region(code))
        raise RegionNotSupported(
            f"暂不支持{REGIONS.get(region, '该地区')}的费用测算，目前只能测算{supported}的医保报销费用。"
        )
    return policy


def _date_zh(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------- calculation


class _Calculation:
    """The spec's nine steps for one validated request and one policy version."""

    def __init__(self, request: Bill, version: PolicyVersion) -> None:
        self.request = request
        self.version = version
        self.selector = Selector(
            scheme=request.scheme,
            status=request.status,
            level=request.level,
            disease=request.disease,
            group=request.group,
        )
        # (label, exact amount, rule, name of the final part shown by this step or None)
        self.steps: list[tuple[str, Decimal, str, str | None]] = []
        self.sources: list[Source] = []
        self.assumptions: list[str] = []
        self.notes: list[Note] = []

    # ---- the steps

    def run(self) -> Estimate:
        request = self.request
        schedule = self.ratio_schedule()
        policy = request.total if request.policy is None else request.policy
        outside = request.total - policy
        self.step("总费用", request.total, "您提供的本次医疗费用")
        if request.policy is None:
            self.assumptions.append("政策范围内费用按总费用计算")
            self.step("政策范围内费用", policy, "不清楚政策范围内费用，按总费用计算（估算）")
        else:
            self.step("政策范围内费用", policy, "您提供的政策范围内费用")
        if outside:
            self.step(
                "政策范围外费用", outside, f"{format_number(request.total)} − {format_number(policy)}，由个人支付"
            )
        first = self.first_self_pay(policy)
        base = policy - first
        deductible = self.deductible(base)
        fund, large = self.fund_and_large_subsidy(base, deductible, schedule)
        burden = policy - fund - large
        self.step("政策范围内个人负担", burden, self.burden_rule(policy, first, fund, large))
        serious = self.serious_illness(burden)
        assistance = self.assistance(burden - serious)
        exact = {"fund_pay": fund, "large_subsidy": large, "serious_illness": serious, "assistance": assistance}
        self.step("个人支付", request.total - sum(exact.values()),
                  self.personal_rule(outside, burden, serious, assistance), part="personal_pay")
        final = _allocate(request.total, exact)
        return Estimate(
            **final,
            outside_scope=_round(outside),
            first_self_pay=_round(first),
            steps=[Step(label, final[part] if part else _round(amount), rule)
                   for label, amount, rule, part in self.steps],
            policy_version=self.version.id,
            policy_version_name=self.version.name_zh,
            sources=self.sources,
            assumptions=self.assumptions,
            notes=self.notes,
            request=request,
        )

    def ratio_schedule(self) -> Schedule:
        leaf = self.lookup(self.request.care, "ratio")
        if leaf is None:
            raise NotCovered(
                f"{self.request.scheme}医保没有“{self.request.care}”这项待遇的测算参数，"
                "请咨询医保经办机构。"
            )
        if isinstance(leaf, SharedCap):
            raise PolicyDataError(f"{self.version.id} / {self.request.care} / ratio: 不能写 shared_with")
        return leaf if isinstance(leaf, tuple) else (Segment(up_to=None, ratio=leaf),)

    def first_self_pay(self, policy: Decimal) -> Decimal:
        if not self.request.offsite:
            return ZERO
        rate = self.lookup_figure(self.request.care, "offsite_first_pay")
        if rate is None:
            self.notes.append(Note(f"资料中没有异地就医{self.request.care}的首先自付比例，此处按本地就医计算。",
                                   "外地就医的首先自付比例资料里没有，按本地就医算的。"))
            return ZERO
        first = policy * self.use(rate)
        rule = f"{format_number(policy)} × {self.quote(rate, format_percent)}（已办异地就医备案）"
        self.step("异地就医首先自付", first, rule)
        return first

    def deductible(self, base: Decimal) -> Decimal:
        request = self.request
        if request.care == ANNUAL_DEDUCTIBLE_CARE and request.deductible_met:
            amount, rule = ZERO, "本年度起付线已经付过，本次不再扣"
        else:
            free_from = self.lookup_figure(request.care, "no_deductible_from_admission")
            if free_from is not None and request.admission >= self.use(free_from):
                amount = ZERO
                rule = f"年内第{format_number(free_from.value)}次及以后住院不设起付线{self.mark(free_from)}"
            else:
                figure = self.required_figure(request.care, "deductible")
                amount = self.use(figure)
                rule = f"{self.describe()}起付线{self.quote(figure, format_yuan)}"
                if request.care == ANNUAL_DEDUCTIBLE_CARE and amount:
                    rule += "，按年度计算；今年已付过的话本次不再扣"
        if amount > base:
            rule += f"；费用不足起付线，按{format_yuan(base)}计"
            amount = base
        self.step("起付线", amount, rule)
        return amount

    def fund_and_large_subsidy(
        self, base: Decimal, deductible: Decimal, schedule: Schedule
    ) -> tuple[Decimal, Decimal]:
        """Steps 4–5: the fund's share by ratio, its annual cap, and 大额医疗补助 beyond the cap."""
        pieces = _pieces(base, deductible, schedule)
        by_ratio = sum((self.use(segment.ratio) * (hi - lo) for lo, hi, segment in pieces), ZERO)
        rule = self.ratio_rule(pieces, by_ratio, schedule)
        cap, cap_text = self.annual_cap()
        remaining = max(cap - self.request.used, ZERO)
        if by_ratio <= remaining:
            self.step("统筹基金支付", by_ratio, rule, part="fund_pay")
            return by_ratio, ZERO
        self.step("统筹基金按比例应付", by_ratio, rule)
        used = f" − 今年已支付{format_yuan(self.request.used)}" if self.request.used else ""
        self.step("统筹基金支付", remaining, f"年度限额{cap_text}{used}，本次最多支付{format_yuan(remaining)}",
                  part="fund_pay")
        ratio = self.lookup_figure(self.request.care, "large_subsidy_ratio")
        if ratio is None:
            self.notes.append(Note("超出统筹基金年度限额的部分，此处按个人负担计算。", "超出统筹基金年度限额的部分按个人负担算。"))
            return remaining, ZERO
        limit = self.required_figure(self.request.care, "large_subsidy_cap")
        beyond = base - _cap_point(pieces, remaining)
        large = min(beyond * self.use(ratio), self.use(limit))
        self.step("大额医疗补助", large,
                  f"超出统筹基金年度限额的政策范围内费用{format_number(beyond)} × {self.quote(ratio, format_percent)}，"
                  f"年度最高{self.quote(limit, format_yuan)}", part="large_subsidy")
        self.notes.append(Note("大额医疗补助按今年尚未使用计算。", "大额医疗补助按今年还没用过算。"))
        return remaining, large

    def annual_cap(self) -> tuple[Decimal, str]:
        leaf = self.required(self.request.care, "annual_cap")
        if isinstance(leaf, SharedCap):
            self.cite(leaf.source)
            figure = self.required_figure(leaf.care, "annual_cap")
            return self.use(figure), f"（与{leaf.care}合用）{self.quote(figure, format_yuan)}"
        if not isinstance(leaf, Figure):
            raise PolicyDataError(f"{self.version.id} / {self.request.care} / annual_cap: 不能分段")
        count = self.request.chronic_count
        if leaf.per_disease and count > 1:
            # one bill for several diseases, each with its own cap: together at most their sum
            cap = self.use(leaf) * count
            self.notes.append(Note(
                f"{count}个病种各有{format_yuan(leaf.value)}的年度限额，此处合计按{format_yuan(cap)}计算；"
                f"某一个病种报销超过{format_yuan(leaf.value)}的部分，不能用其他病种的额度。",
                "每个病种各有一份年度限额，这里合在一起算；某一个病种超出它那一份的部分不报。",
            ))
            return cap, f"{self.quote(leaf, format_yuan)}×{count}个病种"
        return self.use(leaf), self.quote(leaf, format_yuan)

    def serious_illness(self, burden: Decimal) -> Decimal:
        deductible = self.lookup_figure("大病保险", "deductible")
        ratio = self.lookup_figure("大病保险", "ratio")
        if deductible is None or ratio is None:
            if burden > 0:
                self.notes.append(Note(
                    f"{self.request.scheme}大病保险的起付线和报销比例资料中未给出，此处未计算；"
                    "个人负担较高时大病保险可能还会再报销一部分，实际个人支付可能更少。",
                    f"{self.request.scheme}大病保险没算在内，个人负担高的话可能还会再报一些。",
                ))
            return ZERO
        over = max(burden - self.use(deductible), ZERO)
        amount = over * self.use(ratio)
        threshold = self.quote(deductible, format_yuan)
        if over:
            rule = f"({format_number(burden)} − 起付线{threshold}) × {self.quote(ratio, format_percent)}"
        else:
            rule = f"个人负担未超过起付线{threshold}（比例{self.quote(ratio, format_percent)}）"
        self.step("大病保险", amount, rule + "；按全年累计的个人负担计算，这里只计入本次费用", part="serious_illness")
        return amount

    def assistance(self, left: Decimal) -> Decimal:
        group = self.request.group
        if group is None:
            return ZERO
        ratio = self.required_figure("医疗救助", "ratio")
        amount = left * self.use(ratio)
        self.step(f"医疗救助（{group}）", amount, f"{format_number(left)} × {self.quote(ratio, format_percent)}",
                  part="assistance")
        self.notes.append(Note("医疗救助的年度限额资料中未给出，此处按不设上限计算。", "医疗救助资料里没有年度限额，按不设上限算的。"))
        return amount

    # ---- rule texts

    def describe(self) -> str:
        request = self.request
        who = request.scheme + (request.status or "")
        level = f"{LEVEL_NAMES[request.level]}医院" if request.level else ""
        return f"{who}{level}{request.care}"

    def ratio_rule(self, pieces: list[Piece], by_ratio: Decimal, schedule: Schedule) -> str:
        if not pieces:
            return "费用未超过起付线，统筹基金不支付"
        terms = [
            f"{format_number(hi) if lo == 0 else f'({format_number(hi)} − {format_number(lo)})'}"
            f" × {self.quote(segment.ratio, format_percent)}"
            for lo, hi, segment in pieces
        ]
        rule = " + ".join(terms)
        if len(pieces) > 1:
            rule += " = " + " + ".join(format_number((hi - lo) * s.ratio.value) for lo, hi, s in pieces)
        rule += f" = {format_yuan(by_ratio)}"
        bounds = [s.up_to for s in schedule if s.up_to is not None]
        if bounds:
            rule += "（分段点" + "、".join(self.quote(b, format_yuan) for b in bounds) + "，按扣除首先自付后的费用计）"
            for bound in bounds:
                self.use(bound)
        return f"{self.describe()}：{rule}"

    @staticmethod
    def burden_rule(policy: Decimal, first: Decimal, fund: Decimal, large: Decimal) -> str:
        rule = f"{format_number(policy)} − 统筹基金{format_number(fund)}"
        if large:
            rule += f" − 大额医疗补助{format_number(large)}"
        if first:
            rule += f"（含异地就医首先自付{format_number(first)}）"
        return rule

    @staticmethod
    def personal_rule(outside: Decimal, burden: Decimal, serious: Decimal, assistance: Decimal) -> str:
        terms = [f"政策范围内个人负担{format_number(burden)}"]
        if outside:
            terms.insert(0, f"政策范围外{format_number(outside)}")
        rule = " + ".join(terms)
        if serious:
            rule += f" − 大病保险{format_number(serious)}"
        if assistance:
            rule += f" − 医疗救助{format_number(assistance)}"
        return rule

    # ---- parameters and their provenance

    def lookup(self, section: str, param: str) -> Leaf | None:
        try:
            return self.version.lookup(section, param, self.selector)
        except MissingDimension as missing:
            raise MissingInput(missing.dimension, FIELD_NAMES[missing.dimension]) from None

    def required(self, section: str, param: str) -> Leaf:
        leaf = self.lookup(section, param)
        if leaf is None:
            raise PolicyDataError(f"{self.version.id} / {section} / {param}: 缺少“{self.describe()}”适用的数值")
        return leaf

    def lookup_figure(self, section: str, param: str) -> Figure | None:
        """A parameter that the file format allows only as a single figure."""
        leaf = self.lookup(section, param)
        if leaf is not None and not isinstance(leaf, Figure):
            raise PolicyDataError(f"{self.version.id} / {section} / {param}: 应为单个数值")
        return leaf

    def required_figure(self, section: str, param: str) -> Figure:
        figure = self.lookup_figure(section, param)
        if figure is None:
            raise PolicyDataError(f"{self.version.id} / {section} / {param}: 缺少“{self.describe()}”适用的数值")
        return figure

    def use(self, figure: Figure) -> Decimal:
        """The figure's value, recording its source or assumption for the reply."""
        if figure.source is not None:
            self.cite(figure.source)
        if figure.assumed and figure.note and figure.note not in self.assumptions:
            self.assumptions.append(figure.note)
        return figure.value

    def cite(self, source: Source) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def quote(self, figure: Figure, form: Callable[[Decimal], str]) -> str:
        return form(figure.value) + self.mark(figure)

    @staticmethod
    def mark(figure: Figure) -> str:
        # Sources are listed by title under the steps; a figure in a rule is marked only when assumed.
        return "（估算）" if figure.assumed else ""

    def step(self, label: str, amount: Decimal, rule: str, part: str | None = None) -> None:
        self.steps.append((label, amount, rule, part))


def _pieces(base: Decimal, deductible: Decimal, schedule: Schedule) -> list[Piece]:
    """The parts of `base` above the deductible that fall in each segment: (from, to, segment).
    Segments are measured on `base`; the deductible fills them from the bottom."""
    pieces = []
    lower = ZERO
    for segment in schedule:
        upper = segment.up_to.value if segment.up_to is not None else None
        lo = max(lower, deductible)
        hi = base if upper is None else min(upper, base)
        if hi > lo:
            pieces.append((lo, hi, segment))
        if upper is not None:
            lower = upper
    return pieces


def _cap_point(pieces: list[Piece], remaining: Decimal) -> Decimal:
    """The cost at which the fund's payments reach `remaining` (the caller knows they do)."""
    paid = ZERO
    for lo, hi, segment in pieces:
        ratio = segment.ratio.value
        if ratio and paid + ratio * (hi - lo) >= remaining:
            return lo + (remaining - paid) / ratio
        paid += ratio * (hi - lo)
    raise AssertionError("the fund does not reach the cap")


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _allocate(total: Decimal, exact: dict[str, Decimal]) -> dict[str, Decimal]:
    """Round once, to the fen, so that the parts add up to the total exactly.

    Personal pay is rounded half up (so it moves with its exact value); the payers' parts
    share the rest by largest remainder, each within a fen of its exact value.
    """
    personal = _round(total - sum(exact.values()))
    parts = {name: exact[name].quantize(CENT, rounding=ROUND_FLOOR) for name in PAYER_PARTS}
    spare_cents = int((total - personal - sum(parts.values())) / CENT)
    by_remainder = sorted(PAYER_PARTS, key=lambda name: exact[name] - parts[name], reverse=True)
    for name in by_remainder[:spare_cents]:
        parts[name] += CENT
    return {"personal_pay": personal, **parts}

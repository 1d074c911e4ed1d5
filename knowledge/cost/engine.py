"""How much will I pay: the reimbursement estimate for one bill (spec: policy-binzhou.md).

    python -m knowledge.cost.engine --scheme 职工 --status 退休 --care 住院 --level 3 --total 16000

Every figure comes from knowledge/cost/policy/<region>.yml; this module holds only the rules of
the calculation. Bad input raises an EstimateError with a Chinese `message`, never a guess.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import sys
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Optional, Sequence, Union

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
    region_names,
)
from knowledge.cost.render import format_number, format_percent, format_yuan, render_chat, render_speech

SCHEMES = ("职工", "居民")
STATUSES = ("在职", "退休")
CARE_KINDS = ("住院", "普通门诊", "门诊慢特病", "两病")
LEVELS = (1, 2, 3)
GROUPS = ("低保", "特困")
DISEASES = ("高血压", "糖尿病", "高血压和糖尿病")
LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级"}
MAX_AMOUNT = Decimal("10000000")
CENT = Decimal("0.01")
ZERO = Decimal(0)
# The 普通门诊 deductible is paid once a year; the other deductibles are per admission/claim.
ANNUAL_DEDUCTIBLE_CARE = "普通门诊"
PAYER_PARTS = ("fund_pay", "large_subsidy", "serious_illness", "assistance")

_ASK = {
    "scheme": "请告诉我您参加的是职工医保还是居民医保。",
    "status": "请告诉我您是在职还是退休。",
    "care": "请告诉我是住院、普通门诊、门诊慢特病，还是两病（高血压、糖尿病）门诊用药。",
    "level": "请告诉我医院等级：一级、二级还是三级（乡镇卫生院、社区卫生服务中心按一级，三甲医院按三级）。",
    "disease": "请告诉我是高血压、糖尿病，还是两种都有。",
    "total": "请告诉我总费用是多少元。",
}


class EstimateError(Exception):
    """An estimate that cannot be given; `message` is the Chinese reply for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RegionNotSupported(EstimateError):
    """The region has no reimbursement parameters (e.g. 乌海市: FAQ content only)."""


class DateOutOfRange(EstimateError):
    """The date of care is before the first policy version."""


class InvalidAmount(EstimateError):
    """An amount is not a number, negative, or finer than a fen."""


class AmountTooLarge(EstimateError):
    """An amount is above MAX_AMOUNT: more likely a typo than a bill."""


class PolicyAboveTotal(EstimateError):
    """The policy-scope part is larger than the total."""


class MissingInput(EstimateError):
    """A required input is missing; `field` names it so that the caller can ask for it."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


class InvalidInput(EstimateError):
    """A choice (scheme, care, level, date, …) has a value outside its list."""


class NotCovered(EstimateError):
    """The parameters have no such benefit for this person (e.g. 两病 for an employee)."""


@dataclass(frozen=True, kw_only=True)
class EstimateInput:
    """One bill. Validation also accepts the text forms a command line or a form gives
    ("16000", "3", "2024-01-01")."""

    region: str = "binzhou"
    scheme: str
    status: Optional[str] = None
    care: str
    level: Optional[int] = None
    total: Decimal
    policy: Optional[Decimal] = None
    admission: int = 1
    used: Decimal = ZERO
    offsite: bool = False
    group: Optional[str] = None
    disease: Optional[str] = None
    deductible_met: bool = False
    care_date: Optional[datetime.date] = None


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
    notes: list[str]
    request: EstimateInput


def estimate(inp: EstimateInput, table: Optional[RegionPolicy] = None) -> Estimate:
    """Estimate who pays what for one bill. `table` stands in for the region's parameter
    file (tests use it to perturb parameters)."""
    region = table or _region_policy(inp.region)  # first: no questions for a region we cannot serve
    request = _validated(inp)
    version = region.version_for(request.care_date)
    if version is None:
        first = region.versions[0].effective_from
        raise DateOutOfRange(
            f"{_date_zh(first)}之前的就医费用暂不支持测算，请以当时的结算单为准或咨询医保经办机构。"
        )
    with localcontext() as context:
        context.prec = 50  # ample for ten-million-yuan bills with many decimals before the final rounding
        return _Calculation(request, version).run()


# ---------------------------------------------------------------- validation


def _region_policy(region: str) -> RegionPolicy:
    names = region_names()
    policy = load_region(region) if region in names else None
    if policy is None:
        supported = "、".join(name for code, name in names.items() if load_region(code))
        raise RegionNotSupported(
            f"暂不支持{names.get(region, '该地区')}的费用测算，目前只能测算{supported}的医保报销费用。"
        )
    return policy


def _validated(inp: EstimateInput) -> EstimateInput:
    scheme = _choice(inp.scheme, SCHEMES, "scheme", "参保类型")
    total = _amount(inp.total, "total", "总费用")
    policy = _amount(inp.policy, "policy", "政策范围内费用", required=False)
    if policy is not None and policy > total:
        raise PolicyAboveTotal(
            f"政策范围内费用（{format_yuan(policy)}）不能大于总费用（{format_yuan(total)}），请核对。"
        )
    return dataclasses.replace(
        inp,
        scheme=scheme,
        # Status only distinguishes employees; a resident's is irrelevant and dropped.
        status=_choice(inp.status, STATUSES, "status", "在职/退休") if scheme == "职工" else None,
        care=_choice(inp.care, CARE_KINDS, "care", "就医类型"),
        level=_level(inp.level),
        total=total,
        policy=policy,
        admission=_admission(inp.admission),
        used=_amount(inp.used, "used", "今年已报销金额", required=False) or ZERO,
        group=_choice(inp.group, GROUPS, "group", "救助对象类别", required=False),
        disease=_choice(inp.disease, DISEASES, "disease", "病种", required=False),
        care_date=_care_date(inp.care_date),
    )


def _choice(value: Optional[str], allowed: Sequence[str], name: str, name_zh: str, required: bool = True):
    if value is None or value == "":
        if required:
            raise MissingInput(name, _ASK[name])
        return None
    if value not in allowed:
        raise InvalidInput(f"{name_zh}只能是{'、'.join(allowed)}之一，收到的是“{value}”。")
    return value


def _amount(value, name: str, name_zh: str, required: bool = True) -> Optional[Decimal]:
    if value is None:
        if required:
            raise MissingInput(name, _ASK[name])
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise InvalidAmount(f"{name_zh}应为以元为单位的数字，收到的是“{value}”。") from None
    if not number.is_finite():
        raise InvalidAmount(f"{name_zh}应为以元为单位的数字，收到的是“{value}”。")
    if number < 0:
        raise InvalidAmount(f"{name_zh}不能是负数。")
    if number > MAX_AMOUNT:
        raise AmountTooLarge(f"{name_zh}超过一千万元，超出测算范围，请核对金额。")
    if number != number.quantize(CENT):
        raise InvalidAmount(f"{name_zh}最多精确到分（两位小数）。")
    return number


def _level(value: Union[int, str, None]) -> Optional[int]:
    if value is None or value == "":
        return None
    if not isinstance(value, bool) and str(value).strip() in {str(level) for level in LEVELS}:
        return int(str(value).strip())
    raise InvalidInput(f"医院等级只能是1、2、3（一级、二级、三级），收到的是“{value}”。")


def _admission(value: Union[int, str]) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
        raise InvalidInput(f"第几次住院应为1或更大的整数，收到的是“{value}”。")
    return int(text)


def _care_date(value: Union[datetime.date, str, None]) -> datetime.date:
    if value is None or value == "":
        return datetime.date.today()
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(f"就医日期应写成年-月-日，例如2024-03-15，收到的是“{value}”。") from None


def _date_zh(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------- calculation


class _Calculation:
    """The spec's nine steps for one validated request and one policy version."""

    def __init__(self, request: EstimateInput, version: PolicyVersion) -> None:
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
        self.steps: list[tuple[str, Decimal, str, Optional[str]]] = []
        self.sources: list[Source] = []
        self.assumptions: list[str] = []
        self.notes: list[str] = []

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
        return leaf if isinstance(leaf, tuple) else (Segment(up_to=None, ratio=leaf),)

    def first_self_pay(self, policy: Decimal) -> Decimal:
        if not self.request.offsite:
            return ZERO
        rate = self.lookup(self.request.care, "offsite_first_pay")
        if rate is None:
            self.notes.append(f"资料中没有异地就医{self.request.care}的首先自付比例，此处按本地就医计算。")
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
            free_from = self.lookup(request.care, "no_deductible_from_admission")
            if free_from is not None and request.admission >= self.use(free_from):
                amount = ZERO
                rule = f"年内第{format_number(free_from.value)}次及以后住院不设起付线{self.mark(free_from)}"
            else:
                figure = self.required(request.care, "deductible")
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
        ratio = self.lookup(self.request.care, "large_subsidy_ratio")
        if ratio is None:
            self.notes.append("超出统筹基金年度限额的部分，此处按个人负担计算。")
            return remaining, ZERO
        limit = self.required(self.request.care, "large_subsidy_cap")
        beyond = base - _cap_point(pieces, remaining)
        large = min(beyond * self.use(ratio), self.use(limit))
        self.step("大额医疗补助", large,
                  f"超出统筹基金年度限额的政策范围内费用{format_number(beyond)} × {self.quote(ratio, format_percent)}，"
                  f"年度最高{self.quote(limit, format_yuan)}", part="large_subsidy")
        self.notes.append("大额医疗补助按今年尚未使用计算。")
        return remaining, large

    def annual_cap(self) -> tuple[Decimal, str]:
        leaf = self.required(self.request.care, "annual_cap")
        if isinstance(leaf, SharedCap):
            self.cite(leaf.source)
            figure = self.required(leaf.care, "annual_cap")
            return self.use(figure), f"（与{leaf.care}合用[{leaf.source.short}]）{self.quote(figure, format_yuan)}"
        return self.use(leaf), self.quote(leaf, format_yuan)

    def serious_illness(self, burden: Decimal) -> Decimal:
        deductible = self.lookup("大病保险", "deductible")
        ratio = self.lookup("大病保险", "ratio")
        if deductible is None or ratio is None:
            if burden > 0:
                self.notes.append(
                    f"{self.request.scheme}大病保险的起付线和报销比例资料中未给出，此处未计算；"
                    "个人负担较高时大病保险可能还会再报销一部分，实际个人支付可能更少。"
                )
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
        ratio = self.required("医疗救助", "ratio")
        amount = left * self.use(ratio)
        self.step(f"医疗救助（{group}）", amount, f"{format_number(left)} × {self.quote(ratio, format_percent)}",
                  part="assistance")
        self.notes.append("医疗救助的年度限额资料中未给出，此处按不设上限计算。")
        return amount

    # ---- rule texts

    def describe(self) -> str:
        request = self.request
        who = request.scheme + (request.status or "")
        level = f"{LEVEL_NAMES[request.level]}医院" if request.level else ""
        return f"{who}{level}{request.care}"

    def ratio_rule(self, pieces: list, by_ratio: Decimal, schedule: Schedule) -> str:
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

    def lookup(self, section: str, param: str) -> Optional[Leaf]:
        try:
            return self.version.lookup(section, param, self.selector)
        except MissingDimension as missing:
            raise MissingInput(missing.dimension, _ASK[missing.dimension]) from None

    def required(self, section: str, param: str) -> Leaf:
        leaf = self.lookup(section, param)
        if leaf is None:
            raise PolicyDataError(f"{self.version.id} / {section} / {param}: 缺少“{self.describe()}”适用的数值")
        return leaf

    def use(self, figure: Figure) -> Decimal:
        """The figure's value, recording its source or assumption for the reply."""
        if figure.source is not None:
            self.cite(figure.source)
        if figure.assumed and figure.note not in self.assumptions:
            self.assumptions.append(figure.note)
        return figure.value

    def cite(self, source: Source) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def quote(self, figure: Figure, form) -> str:
        return form(figure.value) + self.mark(figure)

    @staticmethod
    def mark(figure: Figure) -> str:
        cited = f"[{figure.source.short}]" if figure.source else ""
        return cited + ("（估算）" if figure.assumed else "")

    def step(self, label: str, amount: Decimal, rule: str, part: Optional[str] = None) -> None:
        self.steps.append((label, amount, rule, part))


def _pieces(base: Decimal, deductible: Decimal, schedule: Schedule) -> list[tuple[Decimal, Decimal, Segment]]:
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


def _cap_point(pieces: list, remaining: Decimal) -> Decimal:
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


# ---------------------------------------------------------------- command line


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # Chinese message and exit 2, no usage dump
        self.exit(2, f"参数有误（{message}），用 --help 查看可用参数。\n")


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog="python -m knowledge.cost.engine",
        description="医保报销费用测算 / Estimate what the insured person pays for one bill.",
    )
    add = parser.add_argument
    add("--region", default="binzhou", help="地区 region: binzhou（滨州市，默认 default）")
    add("--scheme", help="参保类型 scheme: 职工 (employee) | 居民 (resident)")
    add("--status", help="职工的在职/退休 status (employees only): 在职 (active) | 退休 (retired)")
    add("--care", help="就医类型 kind of care: 住院 (inpatient) | 普通门诊 (general outpatient) | "
                       "门诊慢特病 (chronic outpatient) | 两病 (resident hypertension/diabetes medicine)")
    add("--level", help="医院等级 hospital level: 1 | 2 | 3（一级/二级/三级）")
    add("--total", help="总费用（元） total cost in yuan")
    add("--policy", help="政策范围内费用（元），不填按总费用计 policy-scope part; default: the total")
    add("--admission", default="1", help="年内第几次住院（居民） which admission this year (residents), default 1")
    add("--used", default="0", help="今年统筹基金已支付（元） fund already paid this year toward the cap, default 0")
    add("--offsite", action="store_true", help="异地就医（已备案） care in another place, with 备案")
    add("--group", help="医疗救助对象 assistance group: 低保 | 特困")
    add("--disease", help="两病病种 disease for 两病: 高血压 | 糖尿病 | 高血压和糖尿病")
    add("--deductible-met", action="store_true", help="普通门诊今年已付过起付线 the annual deductible is already met")
    add("--date", help="就医日期 date of care, YYYY-MM-DD（默认今天 default today）")
    add("--speech", action="store_true", help="输出语音播报文本 print the speech rendering instead of the chat one")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        result = estimate(EstimateInput(
            region=args.region, scheme=args.scheme, status=args.status, care=args.care, level=args.level,
            total=args.total, policy=args.policy, admission=args.admission, used=args.used,
            offsite=args.offsite, group=args.group, disease=args.disease,
            deductible_met=args.deductible_met, care_date=args.date,
        ))
    except EstimateError as error:
        print(error.message, file=sys.stderr)
        return 2
    print(render_speech(result) if args.speech else render_chat(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

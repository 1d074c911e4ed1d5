"""Properties of the estimate over generated bills: the parts add up, none is negative,
personal pay never rises when a reimbursement ratio rises and never falls when the bill rises."""
import copy
import dataclasses
import datetime
from decimal import ROUND_DOWN, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.cost.engine import estimate
from knowledge.cost.params import is_figure, load_raw, parse_region
from knowledge.cost.render import SPOKEN_DETAILS_OFFER, render_speech
from knowledge.cost.request import MAX_AMOUNT, EstimateInput

RAW = load_raw("binzhou")
# Ratios the fund or an insurer pays; offsite_first_pay is the person's own share and rises the other way.
REIMBURSEMENT_RATIOS = {"ratio", "large_subsidy_ratio"}


def cents(max_yuan: int):
    """Amounts to the fen up to `max_yuan`, spread over every order of magnitude
    (plain integers() would mostly give a few yuan)."""
    orders = st.sampled_from(range(len(str(max_yuan)) + 1))
    return orders.flatmap(
        lambda n: st.integers(10 ** (n - 1) * 100 if n else 0, min(10**n, max_yuan) * 100)
    ).map(lambda c: Decimal(c) / 100)


def policy_parts(total: Decimal):
    """The policy-scope part: unknown, all of the bill, or a share of it."""
    shares = st.integers(0, 100).map(lambda p: (total * p / 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN))
    return st.one_of(st.none(), st.just(total), shares)


_STARTS = [version.effective_from for version in parse_region(RAW).versions]
# (first day, last day) of each version; the last one runs to a few years from now.
VERSION_DATES = list(zip(_STARTS, [day - datetime.timedelta(days=1) for day in _STARTS[1:]]
                         + [datetime.date.today() + datetime.timedelta(days=1000)], strict=True))
WHO = {"职工在职": ("职工", "在职"), "职工退休": ("职工", "退休"), "职工": ("职工", None), "居民": ("居民", None)}


@st.composite
def bills(draw, scheme=None, status=None, care=None, level=None, group=None, disease=None, dates=None):
    """Valid bills; keyword arguments pin an input (so that a test can aim at one table entry)."""
    scheme = scheme or draw(st.sampled_from(["职工", "居民"]))
    care = care or draw(st.sampled_from(["住院", "普通门诊", "门诊慢特病"] + (["两病"] if scheme == "居民" else [])))
    total = draw(cents(int(MAX_AMOUNT)))
    policy = draw(policy_parts(total))
    if scheme == "职工":
        status = status or draw(st.sampled_from(["在职", "退休"]))
    return EstimateInput(
        scheme=scheme,
        status=status if scheme == "职工" else None,
        care=care,
        level=level or draw(st.sampled_from([1, 2, 3])),
        total=total,
        policy=policy,
        admission=draw(st.integers(1, 5)),
        used=draw(st.one_of(st.just(Decimal(0)), cents(400_000))),
        offsite=draw(st.booleans()),
        group=group or draw(st.sampled_from([None, "低保", "特困"])),
        disease=disease or draw(st.sampled_from(["高血压", "糖尿病", "高血压和糖尿病"])),
        deductible_met=draw(st.booleans()),
        care_date=draw(st.dates(*(dates or (VERSION_DATES[0][0], VERSION_DATES[-1][1])))),
    )


def parts(est):
    return (est.personal_pay, est.fund_pay, est.large_subsidy, est.serious_illness, est.assistance)


@settings(max_examples=300)
@given(bills())
def test_parts_add_up_to_the_total_and_none_is_negative(bill):
    est = estimate(bill)
    assert sum(parts(est)) == bill.total
    assert all(part >= 0 for part in parts(est) + (est.outside_scope, est.first_self_pay))
    assert all(part == part.quantize(Decimal("0.01")) for part in parts(est))
    assert est.personal_pay >= est.outside_scope


@settings(max_examples=200)
@given(bills(), cents(2_000_000), st.booleans())
def test_personal_pay_never_falls_when_the_bill_rises(bill, extra, keep_policy):
    # Either the extra cost is outside the policy scope, or the policy part rises with the total.
    bigger = dataclasses.replace(bill, total=min(bill.total + extra, MAX_AMOUNT))
    if not keep_policy and bill.policy is not None:
        bigger = dataclasses.replace(bigger, policy=bill.policy + (bigger.total - bill.total))
    assert estimate(bigger).personal_pay >= estimate(bill).personal_pay


def _ratio_paths(node, path=()):
    """Paths of the reimbursement-ratio figures in the raw parameter data."""
    if is_figure(node):
        if REIMBURSEMENT_RATIOS & set(path) and path[-1] != "up_to":
            yield path
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from _ratio_paths(child, path + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _ratio_paths(child, path + (index,))


RATIO_PATHS = list(_ratio_paths(RAW["versions"], ("versions",)))


def _with_value(raw, path, value):
    changed = copy.deepcopy(raw)
    node = changed
    for key in path:
        node = node[key]
    node["value"] = value
    return changed


def _value_at(raw, path):
    node = raw
    for key in path:
        node = node[key]
    return node["value"]


def test_ratio_paths_cover_every_care_and_the_insurers():
    sections = {path[2] for path in RATIO_PATHS}
    assert sections == {"住院", "普通门诊", "门诊慢特病", "两病", "大病保险", "医疗救助"}
    assert any(path[3] == "large_subsidy_ratio" for path in RATIO_PATHS)


def bills_using(path):
    """Bills that reach the ratio at `path` = ("versions", index, section, param, key, ...)."""
    _, version, section, _, *keys = path
    pinned = {"dates": VERSION_DATES[version]}
    if section in ("住院", "普通门诊", "门诊慢特病", "两病"):
        pinned["care"] = section
    if section == "两病":
        pinned["scheme"] = "居民"
    who = keys[0]  # every ratio is given per person category or assistance group
    if who in WHO:
        pinned["scheme"], pinned["status"] = WHO[who]
    else:
        pinned["group"] = who
    if len(keys) > 1:  # then by hospital level (a further index is the segment's)
        pinned["level"] = keys[1]
    return bills(**pinned)


@pytest.mark.parametrize("path", RATIO_PATHS, ids=["/".join(map(str, path[1:])) for path in RATIO_PATHS])
@settings(max_examples=100, deadline=None)
@given(data=st.data(), share=st.fractions(0, 1))
def test_personal_pay_never_rises_when_a_ratio_rises(path, data, share):
    bill = data.draw(bills_using(path))
    old = _value_at(RAW, path)
    new = old + (1 - old) * Decimal(share.numerator) / Decimal(share.denominator)
    perturbed = parse_region(_with_value(RAW, path, new))
    assert estimate(bill, table=perturbed).personal_pay <= estimate(bill).personal_pay


@settings(max_examples=100)
@given(bills())
def test_speech_has_no_digits_or_symbols(bill):
    est = estimate(bill)
    spoken = render_speech(est)
    assert not any(ch.isascii() or ch in "％×－＋＝·｜（）" for ch in spoken)
    # at most three sentences and one for each note of how a figure was treated, then the offer of details
    assert spoken.count("。") <= 4 + len(est.notes)
    assert all(note.spoken in spoken for note in est.notes)
    assert spoken.endswith(SPOKEN_DETAILS_OFFER)

"""Replies for an Estimate: an itemized chat message and a short spoken version."""
from __future__ import annotations

from knowledge.cost.engine import Estimate
from knowledge.cost.numbers import format_money
from knowledge.shared_facts import LEVEL_NAMES
from knowledge.speech.numbers import say_amount, say_number

_PAYERS = (
    ("fund_pay", "医保统筹基金"),
    ("large_subsidy", "大额医疗补助"),
    ("serious_illness", "大病保险"),
    ("assistance", "医疗救助"),
)


def render_chat(est: Estimate) -> str:
    request = est.request
    situation = [request.scheme + (request.status or ""), request.care]
    if request.level:
        situation.insert(1, f"{LEVEL_NAMES[request.level]}医院")
    lines = [
        f"预计个人支付：{format_money(est.personal_pay)}",
        f"（{' · '.join(situation)}，总费用{format_money(request.total)}）",
        "",
        "明细：",
        *(f"· {step.label_zh} {format_money(step.amount)}：{step.rule_zh}" for step in est.steps),
        "",
        f"政策版本：{est.policy_version_name}（{est.policy_version}）",
    ]
    if est.sources:
        lines.append("依据资料：")
        lines += [f"· [{source.short}]《{source.title}》（{source.file}）" for source in est.sources]
    if est.assumptions:
        lines.append("估算数字（实际以医保经办机构公布为准）：")
        lines += [f"· {note}" for note in est.assumptions]
    if est.notes:
        lines.append("说明：")
        lines += [f"· {note}" for note in est.notes]
    return "\n".join(lines)


# The caller answers with the word the gateway and the bot both understand (server/data/requests.yml).
SPOKEN_DETAILS_OFFER = "需要详细说明的话，请说详细。"


def render_speech(est: Estimate) -> str:
    """Three short sentences at most, no digits or symbols, then an offer of the details."""
    sentences = [f"按您说的情况估算，您个人大约需要支付{say_amount(est.personal_pay)}。"]
    paid = [f"{name}支付{say_amount(getattr(est, part))}" for part, name in _PAYERS if getattr(est, part)]
    sentences.append(("，".join(paid) if paid else "这次没有可以报销的部分") + "。")
    if est.assumptions:
        sentences.append("其中部分数字是估算的，实际以医保经办机构结算为准。")
    sentences.append(SPOKEN_DETAILS_OFFER)
    return "".join(sentences)


def render_speech_details(est: Estimate) -> str:
    """The itemized steps, spoken (the caller said 详细): each step's name and amount, no formulas."""
    steps = "；".join(f"{step.label_zh}{say_amount(step.amount)}" for step in est.steps)
    text = f"明细是这样的：{steps}。"
    if est.assumptions:
        text += f"其中有{say_number(len(est.assumptions))}项数字是估算的，实际以医保经办机构结算为准。"
    return text

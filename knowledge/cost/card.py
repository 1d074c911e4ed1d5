"""The estimate as data for the chat widget's estimate card: the amount, who pays what, the
assumptions sentence, the sources and the folded steps (server/static/estimate-card.js draws it).

Amounts are strings with two decimals ("1950.00"), so JSON carries them exactly.
"""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from knowledge.cost.engine import Estimate
from knowledge.cost.render import assumptions_sentence, compared_sentence, shares, situation


def _yuan(value: Decimal) -> str:
    return f"{value:.2f}"


def estimate_card(est: Estimate, defaults: Sequence[str] = (), before: Decimal | None = None) -> dict[str, Any]:
    """`before`: the personal pay of the estimate this one changes (render.compared_sentence)."""
    return {
        "personal_pay": _yuan(est.personal_pay),
        "compared": compared_sentence(est, before),
        "total": _yuan(est.request.total),
        "situation": situation(est),
        "shares": [{"payer": s.payer, "part": s.part, "amount": _yuan(s.amount)} for s in shares(est)],
        "assumptions": assumptions_sentence(est, defaults),
        "sources": [{"title": source.title, "date": source.date_zh} for source in est.sources],
        "steps": [{"label": step.label_zh, "amount": _yuan(step.amount), "rule": step.rule_zh} for step in est.steps],
        "notes": [note.text for note in est.notes],
        "policy": est.policy_version_name,
    }

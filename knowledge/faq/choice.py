"""Decide, from the FAQ selector's ranking, whether to answer or to ask which topic was meant."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Answer directly when the best topic is clearly ahead; otherwise ask (tuned on the held-out set,
# see README "Measured figures").
CLEAR_CONFIDENCE = 0.6
MIN_MARGIN = 0.2
MAX_CANDIDATES = 3


@dataclass(frozen=True)
class FaqChoice:
    answer: str | None          # the topic to answer, or None
    candidates: tuple[str, ...]    # topics to offer when asking


def choose(ranking: Sequence[tuple[str, float]]) -> FaqChoice:
    """`ranking`: (topic id, confidence), best first."""
    if not ranking:
        return FaqChoice(None, ())
    top_id, top = ranking[0]
    second = ranking[1][1] if len(ranking) > 1 else 0.0
    if top >= CLEAR_CONFIDENCE or top - second >= MIN_MARGIN:
        return FaqChoice(top_id, ())
    return FaqChoice(None, tuple(topic for topic, _ in ranking[:MAX_CANDIDATES]))


def ranking_from_parse(parse: dict) -> list[tuple[str, float]]:
    """The (topic id, confidence) ranking from a Rasa parse result's response selector output."""
    selector = (parse.get("response_selector") or {}).get("faq") or {}
    ranked = []
    for item in selector.get("ranking") or []:
        key = item.get("intent_response_key") or ""
        if key.startswith("faq/"):
            ranked.append((key[len("faq/"):], float(item.get("confidence") or 0.0)))
    return ranked

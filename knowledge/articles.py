"""When each article appeared (knowledge/articles.yml): the one record the FAQ answers and the estimates cite."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

ARTICLES_FILE = Path(__file__).parent / "articles.yml"


@cache
def _months() -> dict[str, str]:
    with ARTICLES_FILE.open(encoding="utf-8") as handle:
        return {seed: str(entry["month"]) for seed, entry in yaml.safe_load(handle).items()}


def known_articles() -> frozenset[str]:
    return frozenset(_months())


def published(seed: str) -> str:
    """When the article appeared, as a reply says it: "约2022年12月" (no page printed a date; inferred)."""
    return "约" + _months()[seed]

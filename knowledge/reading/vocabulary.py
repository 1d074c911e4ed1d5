"""The vocabularies (YAML files in this folder) that the free-answer parsers read.

They are data so that an operator can add a word without touching code.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).parent / "lexicon"


@cache
def read(name: str) -> dict[str, Any]:
    """The parsed YAML file `<name>.yml` of this folder (cached: the files are read once)."""
    with (FOLDER / f"{name}.yml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def halfwidth(text: str) -> str:
    """Fullwidth digits, letters and signs as ASCII ("１６０００" → "16000", "￥" → "¥")."""
    return unicodedata.normalize("NFKC", text)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first: a regex takes the first
    alternative that matches, so 上上个月 must come before 上个月 and 慢性病门诊 before 门诊."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

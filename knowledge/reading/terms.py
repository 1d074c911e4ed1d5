"""The domain's canonical vocabulary: the words people use for a concept, rewritten to one term.

Old names (新农合 → 居民医保), colloquial and abbreviated forms (门特 → 门诊慢特病), frequent
pinyin-input and speech-recognition slips (报消 → 报销) and pinyin initials typed for a word (zg → 职工,
jm → 居民) come from lexicon/terms.yml, which
operators extend. The NLU pipeline applies this to every message, in training and at run time
(nlu/term_normalizer.py), and the slot readers apply it too (choices.py), so the model and the
readers see one vocabulary.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from knowledge.reading import vocabulary
from knowledge.reading.script import simplified

LEXICON = "terms"
_DIGIT = re.compile(r"[0-9０-９]")
_NUMERALS = re.compile(r"[零〇一二两三四五六七八九十百千万亿]")
_LATIN = re.compile(r"[a-z]+")


class TermsDataError(ValueError):
    """terms.yml breaks a rule: the message names the word."""


@dataclass(frozen=True)
class Terms:
    """variant → canonical term, and the words copied as they are."""

    canonical_of: Mapping[str, str]
    slips: Mapping[str, str]  # the typing and speech slips among canonical_of
    protected: frozenset[str]
    pattern: re.Pattern[str] | None  # every word, longest first
    # dialect words asking "how much", each with what it means, where no number or quantity is before it: for the
    # readers only (`asked`), the classifier reads them as said
    asking: tuple[tuple[re.Pattern[str], str], ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Terms:
        names = _variants(data.get("names"), "names")
        slips = _variants(data.get("slips"), "slips")
        initials = _variants(data.get("initials"), "initials")
        for variant, term in initials.items():
            # that they are the term's own initials is a test (tests/knowledge/test_terms.py): reading pinyin
            # here would load pypinyin's dictionaries into every process (52 MiB more in the action server)
            if not _LATIN.fullmatch(variant):
                raise TermsDataError(f"terms.yml: '{variant}' ({term}) are not lowercase pinyin initials")
        canonical_of = dict(names)
        for variant, canonical in (*slips.items(), *initials.items()):
            if canonical_of.setdefault(variant, canonical) != canonical:
                raise TermsDataError(f"terms.yml: '{variant}' is listed under two terms")
        canonicals = frozenset(canonical_of.values())
        keep = frozenset(str(word) for word in data.get("keep") or ())
        for variant, term in canonical_of.items():
            # Amounts are never rewritten: no digits; a slip keeps its numerals (三假 → 三甲). A
            # name may hold one as part of a fixed expression (二次报销).
            numeral_lost = variant in slips and _NUMERALS.findall(variant) != _NUMERALS.findall(term)
            if _DIGIT.search(variant + term) or numeral_lost:
                raise TermsDataError(f"terms.yml: '{variant}' → '{term}' would rewrite a number")
            if variant in term:
                # 大病 for 大病保险, 卡 for 社保卡: the shorter word would gain the rest wherever it is said
                # ("得了大病" → 得了大病保险, "银行卡" → 银行社保卡)
                raise TermsDataError(f"terms.yml: '{variant}' is part of its own term '{term}' and would rewrite '{variant}' everywhere")
        clash = sorted(canonicals & canonical_of.keys())
        if clash:
            raise TermsDataError(f"terms.yml: '{clash[0]}' is both a canonical term and a variant")
        # A canonical term is protected too: it is copied whole, so its parts (慢特病 in
        # 门诊慢特病) are never rewritten inside it.
        protected = keep | canonicals
        # At each position the longest word wins; at equal length a protected word.
        words = sorted(canonical_of.keys() | protected, key=lambda w: (-len(w), w not in protected, w))
        # initials in any case, never inside a longer Latin word ("zg", "ZG在职", not "zgmf")
        alternatives = [rf"(?<![a-z]){w}(?![a-z])" if w in initials else re.escape(w) for w in words]
        pattern = re.compile("|".join(alternatives), re.IGNORECASE) if words else None
        return cls(canonical_of=canonical_of, slips=slips, protected=protected, pattern=pattern, asking=_asking(data.get("asking")))

    def canonical(self, text: str) -> str:
        """`text` with every variant replaced by its canonical term; everything else as it was."""
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.canonical_of.get(m.group().lower(), m.group()), text)

    def asked(self, text: str) -> str:
        """`text` with each dialect word asking how much as the readers' word lists write it (多钱 → 多少钱)."""
        for said, meant in self.asking:
            text = said.sub(meant, text)
        return text


def _asking(section: Any) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The `asking` section: each word (多钱) where it asks, as a pattern, with what it means (多少钱)."""
    rules = []
    for meant, rule in (section or {}).items():
        words = [str(word) for word in rule.get("said") or ()]
        if not words or any(_DIGIT.search(word) or _NUMERALS.search(word) for word in words):
            raise TermsDataError(f"terms.yml: asking '{meant}' needs words said for it, without numbers")
        not_after = "".join(str(word) for word in rule.get("not_after") or ())
        # never after a number: "三百多钱" tells an amount
        before = rf"(?<![0-9０-９零〇一二两三四五六七八九十百千万亿{re.escape(not_after)}])"
        rules.append((re.compile(before + "(?:" + "|".join(map(re.escape, words)) + ")"), str(meant)))
    return tuple(rules)


def _variants(section: Any, name: str) -> dict[str, str]:
    """{variant: canonical} of one section (`canonical: [variants]`)."""
    result: dict[str, str] = {}
    for canonical, variants in (section or {}).items():
        for variant in variants or ():
            variant = str(variant)
            if result.setdefault(variant, str(canonical)) != str(canonical):
                raise TermsDataError(f"terms.yml: '{variant}' is listed under two terms in {name}")
    return result


@cache
def shipped_terms() -> Terms:
    """The vocabulary of lexicon/terms.yml (read once per process)."""
    return Terms.from_data(vocabulary.read(LEXICON))


def canonical(text: str) -> str:
    """`text` in simplified characters and the shipped canonical vocabulary."""
    return shipped_terms().canonical(simplified(text))


def asked(text: str) -> str:
    """`text` with the shipped dialect words asking how much as the readers write them (`asking`)."""
    return shipped_terms().asked(text)

"""医保 questions no topic answers (knowledge/faq/out_of_knowledge.yml): their subjects, and which
subject a new question is closest to, so that a truly related topic can be offered beside 转人工.

The NLU learns the intent `out_of_knowledge` from the same questions (nlu/generate_faq.py).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.faq.model import FaqDataError, knowledge_base
from knowledge.reading.terms import canonical

OOK_FILE = Path(__file__).parent / "out_of_knowledge.yml"
MIN_QUESTIONS = 6
# A question is "about" a subject when its character bigrams are at least this close (cosine) to
# one of the subject's questions; below, no subject and so no related topic is offered. Chosen on
# tests/nlu/ook_heldout.yml: low enough that most held-out questions find their subject, high
# enough that a question sharing only 医保/报销 with a subject finds none.
MIN_SIMILARITY = 0.45
_NOISE = re.compile(r"[\s，,。.、？?！!~…：:；;\"“”'‘’()（）]|嗯|啊|呢|吧|那个|就是|请问|一下")


@dataclass(frozen=True)
class Subject:
    id: str
    name: str
    questions: tuple[str, ...]
    related: str | None = None  # one topic id that truly helps, or None


@dataclass(frozen=True)
class UnknownSubjects:
    subjects: Mapping[str, Subject]
    _index: tuple[tuple[str, Counter[str]], ...]  # (subject id, bigram vector) per question

    @classmethod
    def from_subjects(cls, subjects: Mapping[str, Subject]) -> UnknownSubjects:
        index = tuple((s.id, _bigrams(q)) for s in subjects.values() for q in s.questions)
        return cls(subjects=subjects, _index=index)

    def closest(self, text: str) -> Subject | None:
        """The subject whose questions are most like `text`, or None when none is close."""
        vector = _bigrams(text)
        best_id, best = None, 0.0
        for subject_id, other in self._index:
            score = _cosine(vector, other)
            if score > best:
                best_id, best = subject_id, score
        return self.subjects[best_id] if best_id is not None and best >= MIN_SIMILARITY else None

    def all_questions(self) -> list[str]:
        return [q for s in self.subjects.values() for q in s.questions]


def _bigrams(text: str) -> Counter[str]:
    plain = _NOISE.sub("", canonical(text).lower())
    return Counter(plain[i : i + 2] for i in range(len(plain) - 1)) or Counter(plain)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(count * b[gram] for gram, count in a.items() if gram in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def parse_subjects(data: Mapping[str, Any], topic_ids: set[str], name: str = OOK_FILE.name) -> UnknownSubjects:
    subjects: dict[str, Subject] = {}
    for subject_id, entry in (data.get("subjects") or {}).items():
        questions = tuple(str(q).strip() for q in entry.get("questions") or () if str(q).strip())
        if len(questions) < MIN_QUESTIONS:
            raise FaqDataError(f"{name}: subject '{subject_id}' has {len(questions)} questions (at least {MIN_QUESTIONS})")
        related = entry.get("related")
        if related is not None and related not in topic_ids:
            raise FaqDataError(f"{name}: subject '{subject_id}' names an unknown related topic '{related}'")
        if not entry.get("name"):
            raise FaqDataError(f"{name}: subject '{subject_id}' needs a 'name'")
        subjects[str(subject_id)] = Subject(str(subject_id), str(entry["name"]), questions, related)
    if not subjects:
        raise FaqDataError(f"{name}: no subjects")
    return UnknownSubjects.from_subjects(subjects)


def load_unknown_subjects(path: Path = OOK_FILE) -> UnknownSubjects:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return parse_subjects(data, set(knowledge_base().topics), path.name)


@cache
def unknown_subjects() -> UnknownSubjects:
    """The subjects as shipped, loaded once per process."""
    return load_unknown_subjects()

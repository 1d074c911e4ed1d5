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
# A question is "about" a subject when its character bigrams, weighted by how rare they are among
# all the questions (tf-idf: 医保, 报销, 怎么 weigh little), are at least this close (cosine) to the
# sum of the subject's questions; below, no subject and so no related topic is offered. Chosen on
# tests/nlu/ook_heldout.yml: the held-out questions on subjects with a related topic score 0.27-0.73
# against their own subject and at most 0.16 against another; small talk scores near 0.
MIN_SIMILARITY = 0.25
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
    _idf: Mapping[str, float]  # bigram → inverse document frequency over all questions
    _centroids: Mapping[str, Mapping[str, float]]  # subject id → its questions' summed tf-idf

    @classmethod
    def from_subjects(cls, subjects: Mapping[str, Subject]) -> UnknownSubjects:
        counted = [(s.id, _bigrams(q)) for s in subjects.values() for q in s.questions]
        frequency = Counter(gram for _, grams in counted for gram in grams)
        idf = {gram: math.log(len(counted) / n) for gram, n in frequency.items()}
        centroids: dict[str, Counter[str]] = {subject_id: Counter() for subject_id in subjects}
        for subject_id, grams in counted:
            # each question counts once, however long: long questions would drown the short ones
            centroids[subject_id].update(_unit(_weighted(grams, idf)))
        return cls(subjects=subjects, _idf=idf, _centroids=centroids)

    def closest(self, text: str) -> Subject | None:
        """The subject whose questions are most like `text`, or None when none is close."""
        vector = _weighted(_bigrams(text), self._idf)
        score, subject_id = max((_cosine(vector, c), s) for s, c in self._centroids.items())
        return self.subjects[subject_id] if score >= MIN_SIMILARITY else None

    def all_questions(self) -> list[str]:
        return [q for s in self.subjects.values() for q in s.questions]


def _bigrams(text: str) -> Counter[str]:
    plain = _NOISE.sub("", canonical(text).lower())
    return Counter(plain[i : i + 2] for i in range(len(plain) - 1)) or Counter(plain)


def _weighted(grams: Counter[str], idf: Mapping[str, float]) -> dict[str, float]:
    # a bigram no question has cannot make the text like any subject
    return {gram: count * idf[gram] for gram, count in grams.items() if gram in idf}


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {gram: v / norm for gram, v in vector.items()} if norm else dict(vector)


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(weight * b[gram] for gram, weight in a.items() if gram in b)
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

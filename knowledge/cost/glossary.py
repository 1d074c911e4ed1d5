"""What a word of the estimate means ("起付线是啥意思" after an estimate), and what it came to in that
estimate (knowledge/cost/glossary.yml)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from knowledge.cost.engine import Estimate
from knowledge.cost.numbers import format_money
from knowledge.cost.render import assumed_figure
from knowledge.reading.amounts import amount_mentions, parse_amount
from knowledge.reading.choices import letters
from knowledge.speech.numbers import say_amount, say_figures

GLOSSARY_FILE = Path(__file__).parent / "glossary.yml"


@dataclass(frozen=True)
class Term:
    name: str
    words: tuple[str, ...]
    steps: tuple[str, ...]  # the estimate's steps (Step.label_zh) it names, by the start of their label
    means: str


class GlossaryDataError(ValueError):
    """glossary.yml is not as documented at its top."""


@cache
def glossary() -> tuple[dict[str, tuple[str, ...]], tuple[Term, ...]]:
    """The ways of asking about a word (what it means; what it came to in the estimate), and the words."""
    with GLOSSARY_FILE.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    try:
        terms = tuple(
            Term(name=name, words=tuple(entry["words"]), steps=tuple(entry["steps"]), means=str(entry["means"]))
            for name, entry in raw["terms"].items()
        )
        asked_by = {way: tuple(raw["asked_by"][way]) for way in ("meaning", "in_the_estimate")}
        return asked_by, terms
    except (KeyError, TypeError, AttributeError) as error:
        raise GlossaryDataError(
            f"每个名词要有 words、steps、means，顶层要有 asked_by（meaning 和 in_the_estimate）和 terms（{error}）"
        ) from error


def term_asked(text: str, meaning_only: bool = False) -> Term | None:
    """The word of the estimate whose meaning the message asks ("那个起付线是啥意思", "啥叫统筹基金"), or (unless
    `meaning_only`) what it came to in the estimate ("大病保险报了没"); the longest word named wins (政策范围内个人负担
    over 个人负担), None when it asks neither or names none."""
    asked_by, terms = glossary()
    plain = letters(text)
    ways = asked_by["meaning"] + (() if meaning_only else asked_by["in_the_estimate"])
    if not any(word in plain for word in ways):
        return None
    named = [(len(word), term) for term in terms for word in term.words if word in plain]
    return max(named, key=lambda pair: pair[0])[1] if named else None


def term_of_a_figure(text: str, est: Estimate) -> Term | None:
    """The word of the estimate a figure of it stands for, asked what it is ("那个八百块是啥钱" after an estimate
    that took a deductible of 800): the step of that amount, or the assumed figure saying it."""
    amounts = {mention.amount.value for mention in amount_mentions(text, whole_answer=True)}
    _, terms = glossary()
    for step in est.steps:
        if step.amount in amounts:
            term = next((term for term in terms if term.steps and step.label_zh.startswith(term.steps)), None)
            if term is not None:
                return term
    for note in est.assumptions:
        figure = assumed_figure(note)
        if figure is not None and parse_amount(figure[1]) in amounts:
            named = [term for term in terms if term.name in figure[0]]
            # the note's own figure is named last ("职工统筹基金年度限额按30万元估算": 年度限额)
            return max(named, key=lambda term: figure[0].index(term.name), default=None)
    return None


def meaning(term: Term) -> str:
    """What the word means, alone: asked before there is an estimate to point at ("起付线是啥意思" while the
    form asks who one is)."""
    return f"{term.name}，就是{term.means}。"


def explain_term(term: Term, est: Estimate, spoken: bool = False) -> str:
    """What the word means, then what it came to in this estimate (its steps, or for a word no step is named for
    those whose rule names it, with how each was reached in chat; the assumed figure of it), or that this
    estimate did not come to it."""
    steps = [  # a word no step is named for (年度限额): the steps whose rule applied it
        step for step in est.steps
        if (step.label_zh.startswith(term.steps) if term.steps else term.name in step.rule_zh)
    ]
    parts = [
        f"{step.label_zh}{say_amount(step.amount)}" if spoken else f"{step.label_zh}{format_money(step.amount)}（{step.rule_zh}）"
        for step in steps
    ]
    assumed = [note for note in est.assumptions if term.name in note]
    parts += [say_figures(note) if spoken else note for note in assumed]
    text = meaning(term)
    if not parts:
        return text + f"您这次的估算没有算到{term.name}。"
    return text + "您这次的估算里：" + "；".join(parts) + "。"

"""Test data is written apart from training data.

Our held-out phrasings are never copies of training phrasings (after punctuation and spaces), and
no question of the independent dev set (../shared/devset/faq.yml, written by other people) is in
the training data, not even nearly (character similarity 0.8 or more).
"""
import glob
import re
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from knowledge.faq.model import knowledge_base
from knowledge.faq.unknown import unknown_subjects
from nlu.evaluate_faq import read_examples

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT.parent / "shared" / "devset" / "faq.yml"  # beside the checkout, as `make devset` expects
NEAR_COPY = 0.8


def norm(text: str) -> str:
    return re.sub(r"[\s，。？！、,.?!~…]", "", text)


def examples(pattern: Path):
    return [text for path in glob.glob(str(pattern), recursive=True) for _, text in read_examples(Path(path))]


def training_texts() -> list[str]:
    texts = [p for t in knowledge_base().topics.values() for p in t.phrasings]
    texts += unknown_subjects().all_questions()
    return texts + examples(ROOT / "nlu" / "*.yml")


def test_no_heldout_phrasing_is_a_training_phrasing():
    training = {norm(t) for t in training_texts()}
    heldout = examples(ROOT / "tests" / "nlu" / "**" / "*.yml")
    assert len(heldout) > 400
    assert [e for e in heldout if norm(e) in training] == []


def near_copies(questions: list[str], training: list[str]) -> list[tuple[str, str]]:
    """(question, training text) pairs at NEAR_COPY character similarity or more."""
    near = []
    for question in questions:
        # the question is the second sequence, whose analysis SequenceMatcher keeps between comparisons
        matcher = SequenceMatcher(None, "", norm(question), autojunk=False)
        for text in training:
            matcher.set_seq1(text)
            # real_quick_ratio and quick_ratio are upper bounds of ratio: cheap rejections first
            if all(ratio() >= NEAR_COPY for ratio in (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio)):
                near.append((question, text))
    return near


def test_a_near_copy_is_found_and_a_different_question_is_not():
    training = [norm("俺家老人住院了，医保能报销多少钱呀")]
    assert near_copies(["俺家老人住院了 医保能报销多少钱"], training) != []
    assert near_copies(["异地就医备案去哪里办理"], training) == []


def test_no_dev_set_question_is_in_the_training_data_even_nearly():
    cases = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))["cases"]
    training = sorted({norm(t) for t in training_texts()})
    assert near_copies([case["text"] for case in cases], training) == []

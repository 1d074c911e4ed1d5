"""Held-out test phrasings are never copies of training phrasings (after punctuation and spaces)."""
import glob
import re
from pathlib import Path

from knowledge.faq.model import knowledge_base
from nlu.evaluate_faq import read_examples

ROOT = Path(__file__).resolve().parents[2]


def norm(text: str) -> str:
    return re.sub(r"[\s，。？！、,.?!~…]", "", text)


def examples(pattern: Path):
    return [text for path in glob.glob(str(pattern), recursive=True) for _, text in read_examples(Path(path))]


def test_no_heldout_phrasing_is_a_training_phrasing():
    training = {norm(p) for t in knowledge_base().topics.values() for p in t.phrasings}
    training |= {norm(e) for e in examples(ROOT / "nlu" / "*.yml")}
    heldout = examples(ROOT / "tests" / "nlu" / "**" / "*.yml")
    assert len(heldout) > 150
    assert [e for e in heldout if norm(e) in training] == []

"""Held-out test phrasings are never copies of training phrasings (after punctuation and spaces)."""
import glob
import re
from pathlib import Path

import yaml

from knowledge.faq import knowledge_base

ROOT = Path(__file__).resolve().parents[2]


def norm(text: str) -> str:
    return re.sub(r"[\s，。？！、,.?!~…]", "", text)


def examples(path: str):
    for block in yaml.safe_load(Path(path).read_text(encoding="utf-8")).get("nlu", []):
        for line in block.get("examples", "").splitlines():
            if line.startswith("- "):
                yield line[2:].strip()


def test_no_heldout_phrasing_is_a_training_phrasing():
    training = {norm(p) for t in knowledge_base().topics.values() for p in t.phrasings}
    training |= {norm(e) for path in glob.glob(str(ROOT / "nlu" / "*.yml")) for e in examples(path)}
    heldout = [e for path in glob.glob(str(ROOT / "tests" / "nlu" / "**" / "*.yml"), recursive=True) for e in examples(path)]
    assert len(heldout) > 150
    assert [e for e in heldout if norm(e) in training] == []

"""The bench's messages are its own: none is a training or held-out phrasing."""
import re
from pathlib import Path

import yaml

from bench.messages import MESSAGES_FILE, load_messages, session_message

REPO = Path(__file__).resolve().parents[2]


def _normal(text: str) -> str:
    return re.sub(r"[\s，。？！、,.?!~～]", "", text)


def _known_phrasings() -> set:
    known = set()
    for path in [*REPO.glob("nlu/**/*.yml"), *REPO.glob("tests/nlu/**/*.yml")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("- "):
                known.add(_normal(line.strip()[2:]))
    for path in REPO.glob("knowledge/faq/topics/*.yml"):
        known.update(_normal(p) for p in yaml.safe_load(path.read_text(encoding="utf-8")).get("phrasings", []))
    return known


def test_no_message_is_copied_from_training_or_held_out_data():
    known = _known_phrasings()
    assert len(known) > 300  # the data was found
    assert [m for m in load_messages() if _normal(m) in known] == []


def test_messages_cover_greetings_faq_and_cost():
    groups = yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))
    assert set(groups) == {"greeting", "faq", "cost"}
    assert all(groups[name] for name in groups)
    assert len(load_messages()) == sum(len(texts) for texts in groups.values())


def test_sessions_start_at_different_messages_and_wrap_around():
    messages = ["a", "b", "c"]
    assert [session_message(messages, 1, turn) for turn in range(4)] == ["b", "c", "a", "b"]
    assert session_message(messages, 0, 0) != session_message(messages, 1, 0)

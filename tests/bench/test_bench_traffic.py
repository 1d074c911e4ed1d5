"""The load test's traffic: its own texts (no training, held-out or dev-set phrasing), the mix the issue
asks for, and a loader that refuses a broken file."""
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bench.traffic import LONG, TrafficError, load_traffic

REPO = Path(__file__).resolve().parents[2]
DEVSET = REPO.parent / "shared" / "devset"  # the independent dev sets beside the checkout (Makefile: DEVSET)


def _normal(text: str) -> str:
    return re.sub(r"[\s，。？！、,.?!~～…]", "", text)


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def _training_and_held_out() -> set[str]:
    known = set()
    for path in [*REPO.glob("nlu/**/*.yml"), *REPO.glob("tests/nlu/**/*.yml")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("- "):
                known.add(_normal(line.strip()[2:]))
    for path in REPO.glob("knowledge/faq/topics/*.yml"):
        known.update(_normal(p) for p in yaml.safe_load(path.read_text(encoding="utf-8")).get("phrasings", []))
    return known


def _sentences() -> list[str]:
    """Every text but the short answers to the bot's questions (职工, 三级医院, 好的谢谢 …): everyone's words."""
    texts = [line.text for script in load_traffic().scripts for line in script.lines]
    return [text for text in texts if len(_normal(text)) > 4]


def test_no_text_is_copied_from_training_or_held_out_data():
    known = _training_and_held_out()
    assert len(known) > 300  # the data was found
    assert len(_sentences()) > 40
    assert [text for text in _sentences() if _normal(text) in known] == []


def test_no_text_is_copied_from_the_independent_dev_sets():
    files = sorted(DEVSET.glob("*.yml"))
    assert files, f"the dev sets are expected at {DEVSET}"
    known = {_normal(s) for path in files for s in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))}
    assert len(known) > 300
    assert [text for text in _sentences() if _normal(text) in known] == []


def test_the_mix_is_cost_conversations_to_faq_questions_about_one_to_two():
    mix = load_traffic().mix
    assert mix.kinds["faq"] / mix.kinds["cost"] == pytest.approx(2.0, rel=0.25)
    assert 0 < mix.channels["hotline"] < mix.channels["chat"]
    assert max(mix.regions, key=mix.regions.get) == "binzhou" and mix.regions["wuhai"] > 0


def test_cost_conversations_run_four_to_six_turns_on_both_channels():
    scripts = load_traffic().scripts
    cost = [s for s in scripts if s.kind == "cost"]
    assert {s.channel for s in cost} == {"chat", "hotline"}
    assert all(4 <= len(s.lines) <= 6 for s in cost), [(s.name, len(s.lines)) for s in cost]
    faq = [s for s in scripts if s.kind == "faq"]
    assert {s.channel for s in faq} == {"chat", "hotline"}
    assert all(len(s.lines) <= 3 for s in faq)


def test_hotline_calls_carry_asr_confidence_and_ask_for_details_after_an_estimate():
    calls = [s for s in load_traffic().scripts if s.channel == "hotline"]
    assert all(line.confidence is not None for s in calls for line in s.lines)
    assert any(line.confidence < 0.5 for s in calls for line in s.lines)  # one the gateway asks to repeat
    assert any("详细" in [line.text for line in s.lines] for s in calls if s.kind == "cost")


def test_chat_regions_are_mostly_left_to_the_widget_and_some_scripts_are_for_wuhai():
    chat = [s for s in load_traffic().scripts if s.channel == "chat"]
    regions = Counter(s.region for s in chat)
    assert regions["wuhai"] >= 2 and regions[None] > len(chat) / 2


def test_long_sessions_reach_turn_30_and_compare_faq_question_with_faq_question():
    long = load_traffic().long
    assert long
    for script in long:
        assert script.kind == LONG and script.channel == "chat" and len(script.lines) >= 30
        assert script.line_kinds[0] == script.line_kinds[29] == "faq", script.name
        assert "cost" in script.line_kinds  # the tracker grows with forms and estimates too


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "traffic.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_MIX = "mix: {kinds: {cost: 1, faq: 2}, channels: {chat: 1}, regions: {binzhou: 1}}\n"
GOOD_SCRIPTS = """scripts:
  - {name: q, kind: faq, channel: chat, turns: [问一个]}
  - {name: c, kind: cost, channel: chat, region: binzhou, turns: [算一下, 职工]}
long:
  - {name: l, region: binzhou, parts: [q, c, q]}
"""


def test_a_small_valid_file_loads_with_long_sessions_flattened(tmp_path):
    traffic = load_traffic(_write(tmp_path, GOOD_MIX + GOOD_SCRIPTS))
    (long,) = traffic.long
    assert [line.text for line in long.lines] == ["问一个", "算一下", "职工", "问一个"]
    assert long.line_kinds == ("faq", "cost", "cost", "faq")
    assert traffic.choices("cost", "chat")[0].name == "c"


@pytest.mark.parametrize(
    "text, complaint",
    [
        (GOOD_MIX + GOOD_SCRIPTS.replace("kind: faq", "kind: chat"), "kind is one of"),
        (GOOD_MIX + GOOD_SCRIPTS.replace("channel: chat, turns: [问一个]", "channel: hotline, region: binzhou, turns: [问一个]"),
         "only chat scripts name a region"),
        (GOOD_MIX + GOOD_SCRIPTS.replace("turns: [问一个]", "turns: [{text: 问一个, confidence: 0.9}]"),
         "only hotline turns"),
        (GOOD_MIX + GOOD_SCRIPTS.replace("turns: [问一个]", "turns: []"), "non-empty list"),
        (GOOD_MIX + GOOD_SCRIPTS.replace("turns: [问一个]", "turns: ['  ']"), "non-empty text"),
        (GOOD_MIX + GOOD_SCRIPTS.replace("name: c,", "name: q,"), "unique"),
        (GOOD_MIX + GOOD_SCRIPTS.replace("parts: [q, c, q]", "parts: [q, nope]"), "no script named 'nope'"),
        (GOOD_MIX + GOOD_SCRIPTS.replace("region: binzhou, turns", "region: wuhai, turns"), "not a chat script for"),
        (GOOD_MIX + GOOD_SCRIPTS.split("long:")[0], "at least one long session"),
        (GOOD_MIX.replace("chat: 1", "chat: 1, hotline: 1") + GOOD_SCRIPTS, "no script is one"),
        (GOOD_MIX.replace("faq: 2", "faq: -2") + GOOD_SCRIPTS, "at least 0"),
        (GOOD_MIX.replace("binzhou: 1", "beijing: 1") + GOOD_SCRIPTS, "unknown beijing"),
        (GOOD_SCRIPTS, "needs mix"),
    ],
)
def test_a_broken_file_is_refused_with_the_reason(tmp_path, text, complaint):
    with pytest.raises(TrafficError, match=re.escape(complaint)):
        load_traffic(_write(tmp_path, text))


def test_hotline_confidence_must_be_a_probability(tmp_path):
    calls = (
        "  - {name: h, kind: faq, channel: hotline, confidence: 1.5, turns: [喂]}\n"
        "  - {name: hc, kind: cost, channel: hotline, turns: [{text: 喂喂, confidence: 0.2}]}\n"
    )
    text = GOOD_MIX.replace("chat: 1", "chat: 1, hotline: 1") + GOOD_SCRIPTS.replace("long:", calls + "long:")
    with pytest.raises(TrafficError, match="confidence is a number from 0 to 1"):
        load_traffic(_write(tmp_path, text))
    traffic = load_traffic(_write(tmp_path, text.replace("1.5", "0.8")))
    assert traffic.choices("faq", "hotline")[0].lines[0].confidence == 0.8  # the script's default
    assert traffic.choices("cost", "hotline")[0].lines[0].confidence == 0.2  # the turn's own

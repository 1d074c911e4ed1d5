"""Virtual users hold whole conversations drawn by the mix; the same seed gives the same texts."""
import itertools
import random
from collections import Counter

import pytest

from bench.conversations import draw_conversation, long_session, play, user_turns
from bench.traffic import load_traffic


@pytest.fixture(scope="module")
def traffic():
    return load_traffic()


def _conversations(turns):
    found = {}
    for turn in turns:
        found.setdefault(turn.conversation, []).append(turn)
    return found


def test_draws_follow_the_mix(traffic):
    rng = random.Random(3)
    draws = [draw_conversation(traffic, rng) for _ in range(6000)]
    kinds = Counter(script.kind for script, _ in draws)
    channels = Counter(script.channel for script, _ in draws)
    assert kinds["faq"] / kinds["cost"] == pytest.approx(2.0, rel=0.1)  # mix.kinds 1 : 2
    assert channels["chat"] / channels["hotline"] == pytest.approx(4.0, rel=0.15)  # mix.channels 4 : 1
    drawn_regions = Counter(region for script, region in draws if script.channel == "chat" and script.region is None)
    assert drawn_regions["binzhou"] / drawn_regions["wuhai"] == pytest.approx(6.0, rel=0.25)  # mix.regions
    assert {region for script, region in draws if script.channel == "hotline"} == {None}
    assert all(region == script.region for script, region in draws if script.region is not None)
    assert len({script.name for script, _ in draws}) == len(traffic.scripts)  # every script gets its turn


def test_a_user_holds_whole_conversations_one_after_another(traffic):
    turns = list(itertools.islice(user_turns(traffic, seed=7, user=4, prefix="run-c10"), 60))
    by_script = {script.name: script for script in traffic.scripts}
    conversations = _conversations(turns)
    names = list(conversations)
    assert names[:3] == ["run-c10-4-0", "run-c10-4-1", "run-c10-4-2"]
    for conversation in names[:-1]:  # the last may be cut by islice
        played = conversations[conversation]
        script = by_script[played[0].script]
        assert [t.text for t in played] == [line.text for line in script.lines]
        assert [t.number for t in played] == list(range(1, len(script.lines) + 1))
        assert len({(t.channel, t.region, t.kind) for t in played}) == 1  # one channel and region throughout


def test_the_same_seed_and_user_send_the_same_texts_whatever_the_prefix(traffic):
    def texts(seed, user, prefix):
        return [(t.text, t.region, t.channel) for t in itertools.islice(user_turns(traffic, seed, user, prefix), 40)]

    assert texts(7, 2, "gateway-level") == texts(7, 2, "rasa-level")
    assert texts(7, 2, "x") != texts(7, 3, "x")
    assert texts(7, 2, "x") != texts(8, 2, "x")


def test_conversation_ids_are_valid_gateway_ids(traffic):
    turns = itertools.islice(user_turns(traffic, 7, 99, "bench6650f3a1-c100-gateway"), 200)
    assert all(1 <= len(t.conversation) <= 64 and t.conversation.replace("-", "").isalnum() for t in turns)


def test_long_sessions_take_the_long_scripts_in_turn(traffic):
    sessions = [long_session(traffic, n, "run-long") for n in range(3)]
    assert [s[0].script for s in sessions] == [traffic.long[0].name, traffic.long[1 % len(traffic.long)].name,
                                                traffic.long[2 % len(traffic.long)].name]
    first = sessions[0]
    assert {t.conversation for t in first} == {"run-long-0"}
    assert [t.number for t in first] == list(range(1, len(traffic.long[0].lines) + 1))
    assert first[29].number == 30 and first[29].kind == "faq"


def test_play_keeps_each_lines_confidence(traffic):
    call = next(s for s in traffic.scripts if s.channel == "hotline" and any(line.confidence < 0.5 for line in s.lines))
    turns = play(call, "c-1", None)
    assert [t.confidence for t in turns] == [line.confidence for line in call.lines]

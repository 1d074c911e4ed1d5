"""Any gateway process takes any turn: two gateways on one database (as behind nginx, or one gateway
restarted) continue each other's conversations with nothing lost."""
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from gateway_fixtures import chat, gateway_client, hotline, open_handoffs

NOT_UNDERSTOOD = [{"text": "抱歉，我没有理解您的问题。"}, {"custom": {"not_understood": True}}]


@pytest.fixture
def two(settings, rasa) -> Iterator[tuple]:
    with ExitStack() as stack:
        yield tuple(stack.enter_context(gateway_client(settings, rasa)) for _ in range(2))


def test_the_details_of_a_spoken_answer_are_read_by_the_other_gateway(two, rasa):
    first, second = two
    sentences = [f"第{n}点，这是关于异地就医备案办理渠道的一段较长说明文字，内容不少。" for n in "一二三四五六"]
    rasa.answer = lambda sender, text: [{"text": "".join(sentences)}, {"custom": {"meta": {"kind": "answer"}}}]
    summary = hotline(first, "异地就医怎么备案").json()["speech"].removesuffix("需要详细说明的话，请说：详细。")
    rest = hotline(second, "详细").json()
    assert summary + rest["speech"] == "".join(sentences)
    assert rest["meta"]["kind"] == "answer"
    assert len(rasa.messages) == 1  # the details came from the store, not from the bot
    assert hotline(first, "详细").json()["speech"] != rest["speech"]  # read once: the next 详细 goes to the bot


def test_misses_in_a_row_count_across_gateways(two, rasa):
    first, second = two
    rasa.answer = lambda sender, text: NOT_UNDERSTOOD
    assert chat(first, "火星医保一").json()["handoff"] is False
    assert chat(second, "火星医保二").json()["handoff"] is False
    assert chat(first, "火星医保三").json()["handoff"] is True
    assert [h["reason"] for h in open_handoffs(second)] == ["not_understood"]


def test_the_region_is_set_once_whichever_gateway_takes_the_turn(two, rasa):
    first, second = two
    chat(first, "家庭共济", region="wuhai")
    chat(second, "家庭共济", region="wuhai")
    chat(second, "家庭共济", region="binzhou")
    assert [m.get("metadata", {}).get("region") for m in rasa.messages] == ["wuhai", None, "binzhou"]


def test_rate_limits_count_the_requests_of_every_gateway(tmp_path, rasa):
    from gateway_fixtures import FakeClock, make_settings

    settings, clock = make_settings(tmp_path, rate_session_per_min=4), FakeClock()
    with gateway_client(settings, rasa, clock) as first, gateway_client(settings, rasa, clock) as second:
        statuses = [chat(gateway, "问").status_code for gateway in (first, second) * 3]
    assert statuses == [200, 200, 200, 200, 429, 429]


def test_a_restarted_gateway_remembers_the_misses(settings, rasa):
    rasa.answer = lambda sender, text: NOT_UNDERSTOOD
    with gateway_client(settings, rasa) as before:
        chat(before, "火星医保一")
        chat(before, "火星医保二")
    with gateway_client(settings, rasa) as after:
        assert chat(after, "火星医保三").json()["handoff"] is True

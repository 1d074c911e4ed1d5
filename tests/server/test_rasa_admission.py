"""Only a few requests at once to each Rasa process; one that waits too long is answered busy, not sent."""
import asyncio

import httpx
import pytest
from gateway_fixtures import FakeNetwork

from server.rasa_client import RasaBusy, RasaClient, RasaUnavailable

URL = "http://rasa.test:5005"


def client(handler, in_flight, wait_seconds):
    return RasaClient(FakeNetwork(handler), [URL], "http://actions.test", "token", in_flight, wait_seconds)


def slow_rasa(seen):
    async def handler(request):
        seen.append(request.url.path)
        await asyncio.sleep(0.3)
        return httpx.Response(200, json=[{"text": "好的"}])

    return handler


def test_a_request_that_waits_too_long_is_busy_and_never_sent():
    seen = []

    async def go():
        rasa = client(slow_rasa(seen), in_flight=1, wait_seconds=0.05)
        return await asyncio.gather(
            rasa.conversation("a").send_message("一", "webchat"),
            rasa.conversation("b").send_message("二", "webchat"),
            return_exceptions=True,
        )

    first, second = asyncio.run(go())
    assert first == [{"text": "好的"}]
    assert isinstance(second, RasaBusy) and isinstance(second, RasaUnavailable)
    assert len(seen) == 1


def test_requests_within_the_limit_or_the_wait_are_all_answered():
    seen = []

    async def go(in_flight, wait_seconds):
        rasa = client(slow_rasa(seen), in_flight, wait_seconds)
        return await asyncio.gather(*(rasa.conversation(s).send_message("问", "webchat") for s in "abc"))

    assert asyncio.run(go(in_flight=3, wait_seconds=0.05)) == [[{"text": "好的"}]] * 3
    assert asyncio.run(go(in_flight=1, wait_seconds=2.0)) == [[{"text": "好的"}]] * 3  # one after another


def test_a_failed_request_gives_its_place_back():
    def failing(request):
        return httpx.Response(500, json={"message": "boom"})

    async def go():
        rasa = client(failing, in_flight=1, wait_seconds=0.05)
        for _ in range(3):
            with pytest.raises(RasaUnavailable) as error:
                await rasa.conversation("a").send_message("问", "webchat")
            assert not isinstance(error.value, RasaBusy)

    asyncio.run(go())

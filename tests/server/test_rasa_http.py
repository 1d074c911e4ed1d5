"""The gateway's HTTP requester against a real local server: what it answers, and whether a failed
request can have reached the server (only one that did not may go to another Rasa process)."""
import asyncio
import json
import socket

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from server.rasa_http import AiohttpRequester, NoAnswer, NotSent


async def _answer(request: web.Request) -> web.Response:
    body = await request.json()
    return web.json_response({"got": body, "token": request.query.get("token")})


async def _error(request: web.Request) -> web.Response:
    return web.json_response({"message": "boom"}, status=500)


async def _slow(request: web.Request) -> web.Response:
    await asyncio.sleep(2)
    return web.json_response([])


async def _hang_up(request: web.Request) -> web.Response:
    assert request.transport is not None
    request.transport.close()  # the request arrived; the connection ends without an answer
    await asyncio.sleep(1)
    return web.json_response([])


def _app() -> web.Application:
    app = web.Application()
    app.router.add_post("/answer", _answer)
    app.router.add_get("/error", _error)
    app.router.add_post("/slow", _slow)
    app.router.add_post("/hang-up", _hang_up)
    return app


def _run(scenario, timeout: float = 5.0):
    async def go():
        async with TestServer(_app()) as server, AiohttpRequester(timeout) as http:
            return await scenario(http, f"http://127.0.0.1:{server.port}")

    return asyncio.run(go())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_answer_comes_back_with_its_status_and_body():
    async def scenario(http, base):
        first = await http.request("POST", f"{base}/answer", params={"token": "t"}, json={"message": "家庭共济"})
        again = await http.request("POST", f"{base}/answer", json={"message": "二"})  # a kept connection
        failed = await http.request("GET", f"{base}/error")
        return first, again, failed

    first, again, failed = _run(scenario)
    assert first.status == 200 and json.loads(first.body) == {"got": {"message": "家庭共济"}, "token": "t"}
    assert json.loads(again.body)["got"] == {"message": "二"}
    assert failed.status == 500 and json.loads(failed.body) == {"message": "boom"}


def test_a_refused_connection_was_not_sent():
    async def scenario(http, base):
        await http.request("POST", f"http://127.0.0.1:{_free_port()}/answer", json={})

    with pytest.raises(NotSent):
        _run(scenario)


@pytest.mark.parametrize("path", ["/slow", "/hang-up"])
def test_a_request_that_arrived_but_got_no_answer_may_have_been_handled(path):
    async def scenario(http, base):
        await http.request("POST", f"{base}{path}", json={"message": "问"})

    with pytest.raises(NoAnswer):
        _run(scenario, timeout=0.5)

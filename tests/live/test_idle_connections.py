"""Rasa and the action server keep an idle connection longer than their clients do, so a client never
sends a request on a connection the server is just closing (a POST lost that way is not resent)."""
import asyncio

from live_gateway import RASA_URL

from server.rasa_http import IDLE_SECONDS
from server.settings import Settings


async def _still_open_after(url: str, seconds: float) -> bool:
    """Sends a request, waits, and sends another on the same connection: False when the server closed it."""
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    request = f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode()
    try:
        writer.write(request)
        await writer.drain()
        await _read_answer(reader)
        await asyncio.sleep(seconds)
        writer.write(request)
        await writer.drain()
        return await _read_answer(reader)
    except (ConnectionError, asyncio.IncompleteReadError):  # the server had closed it
        return False
    finally:
        writer.close()


async def _read_answer(reader: asyncio.StreamReader) -> bool:
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    length = next(
        (int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")), 0
    )
    await reader.readexactly(length)
    return head.startswith(b"HTTP/1.1 ")


def test_rasa_and_the_action_server_keep_idle_connections_longer_than_their_clients():
    # Rasa keeps them 120 s by default, the action server 75 s as scripts/services.sh starts it (Sanic's
    # default is 5 s); the gateway's client and Rasa's client to the action server keep them 15 s
    async def both() -> list[bool]:
        urls = [RASA_URL.rstrip("/"), Settings().action_server_url.rstrip("/")]
        return list(await asyncio.gather(*(_still_open_after(url, IDLE_SECONDS + 1) for url in urls)))

    assert asyncio.run(both()) == [True, True]

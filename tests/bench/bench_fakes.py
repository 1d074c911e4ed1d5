"""A fake async target and a fake clock: the load generator's logic without any server."""
import asyncio
from dataclasses import dataclass, field

from bench.targets import Target


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class FakeService:
    """Answers after `delay` seconds, or raises `fail`; records what it was sent and how many at once."""

    delay: float = 0.0
    fail: BaseException | None = None
    sent: list[tuple[str, str]] = field(default_factory=list)  # (session_id, text)
    in_flight: int = 0
    most_in_flight: int = 0

    async def send(self, client, session_id: str, text: str) -> None:
        self.sent.append((session_id, text))
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            if self.fail is not None:
                raise self.fail
        finally:
            self.in_flight -= 1

    def target(self, name: str = "fake") -> Target:
        return Target(name, self.send)

"""Fakes for the load generator's logic without any server: a clock, an async target, turns, a /proc."""
import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from bench.conversations import Turn
from bench.targets import Target


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def turn(text: str = "甲", number: int = 1, conversation: str = "s-0", channel: str = "chat", kind: str = "faq",
         region: str | None = "binzhou", confidence: float | None = None) -> Turn:
    return Turn(conversation, channel, text, region, confidence, number, "script", kind)


@dataclass
class FakeService:
    """Answers after `delay` seconds with `kind`, or raises `fail`; records what it was sent and how many
    requests it held at once."""

    delay: float = 0.0
    fail: BaseException | None = None
    kind: str | None = "answer"
    sent: list[Turn] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0

    async def send(self, client, sent: Turn) -> str | None:
        self.sent.append(sent)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            if self.fail is not None:
                raise self.fail
            return self.kind
        finally:
            self.in_flight -= 1

    def target(self, name: str = "fake") -> Target:
        return Target(name, self.send)

    def texts_by_conversation(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for sent in self.sent:
            found.setdefault(sent.conversation, []).append(sent.text)
        return found


class FakeProc:
    """A /proc with stat files as the kernel writes them (fields 14-17 utime stime cutime cstime, 24 rss)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        (root / "self").mkdir(exist_ok=True)  # not a process: ignored

    def process(self, pid: int, ppid: int, utime: int = 0, stime: int = 0, cutime: int = 0, cstime: int = 0,
                rss_pages: int = 0, name: str = "python") -> None:
        (self.root / str(pid)).mkdir(exist_ok=True)
        fields = ["S", str(ppid), *["0"] * 9, str(utime), str(stime), str(cutime), str(cstime), *["0"] * 6,
                  str(rss_pages), *["0"] * 27]
        (self.root / str(pid) / "stat").write_text(f"{pid} ({name}) {' '.join(fields)}\n")

    def machine(self, user: int, system: int, idle: int, iowait: int = 0) -> None:
        """/proc/stat's first line: all cores' ticks so far (user nice system idle iowait irq softirq steal …)."""
        (self.root / "stat").write_text(f"cpu  {user} 0 {system} {idle} {iowait} 0 0 0 0 0\ncpu0 1 2 3 4\n")

    def end(self, pid: int) -> None:
        (self.root / str(pid) / "stat").unlink()
        (self.root / str(pid)).rmdir()


def summary(p50=None, p95=None, p99=None, requests=10, errors=None, rps=12.5, kinds=None):
    from bench.stats import Summary

    errors = errors or {}
    return Summary(requests, requests - sum(errors.values()), errors, p50, p95, p99, 8.0, rps, kinds or {})


def scenario(name, target="gateway", sessions=1, whole=None, by_turn=None, by_channel=None, by_kind=None,
             conversations=None, cpu=None, lag=None):
    from bench.results import ScenarioResult

    return ScenarioResult(name, target, sessions, whole or summary(), by_turn or {}, by_channel or {}, by_kind or {},
                          conversations or {}, cpu or [], lag)

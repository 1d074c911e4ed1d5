"""Virtual users: the turns they send, conversation after conversation, drawn from the traffic's mix."""
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from bench.traffic import Script, Traffic


@dataclass(frozen=True)
class Turn:
    conversation: str  # the chat session id or the call id
    channel: str  # chat or hotline
    text: str
    region: str | None  # chat: sent with the message, as the widget does
    confidence: float | None  # hotline: the ASR's
    number: int  # 1 for a conversation's first turn
    script: str
    kind: str  # cost or faq: of the script the line comes from (a long session's part)


def play(script: Script, conversation: str, region: str | None) -> list[Turn]:
    """A script's turns in one conversation."""
    return [
        Turn(conversation, script.channel, line.text, region, line.confidence, number, script.name, kind)
        for number, (line, kind) in enumerate(zip(script.lines, script.line_kinds, strict=True), 1)
    ]


def _weighted(weights: Mapping[str, float], rng: random.Random) -> str:
    names = sorted(weights)  # a stable order: the same seed draws the same, whatever the file's order
    return rng.choices(names, [weights[name] for name in names])[0]


def draw_conversation(traffic: Traffic, rng: random.Random) -> tuple[Script, str | None]:
    """A kind by the mix, then a channel, then one script of them (all alike), and the chat's region."""
    kind = _weighted(traffic.mix.kinds, rng)
    channel = _weighted(traffic.mix.channels, rng)
    script = rng.choice(traffic.choices(kind, channel))
    if script.channel != "chat":
        return script, None
    return script, script.region or _weighted(traffic.mix.regions, rng)


def user_turns(traffic: Traffic, seed: int, user: int, prefix: str) -> Iterator[Turn]:
    """Virtual user `user`'s turns without end: one conversation after another, each a new session or
    call named <prefix>-<user>-<n>. The same seed and user give the same texts whatever the prefix, so
    two targets can be sent the same messages."""
    rng = random.Random(f"{seed}:{user}")
    n = 0
    while True:
        script, region = draw_conversation(traffic, rng)
        yield from play(script, f"{prefix}-{user}-{n}", region)
        n += 1


def long_session(traffic: Traffic, session: int, prefix: str) -> list[Turn]:
    """Long session `session`: the traffic's long scripts in turn, one conversation each."""
    script = traffic.long[session % len(traffic.long)]
    return play(script, f"{prefix}-{session}", script.region)

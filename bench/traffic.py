"""The load test's traffic (bench/traffic.yml): conversation scripts, long sessions and the mix."""
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge.shared_facts import REGIONS

TRAFFIC_FILE = Path(__file__).with_name("traffic.yml")
KINDS = ("cost", "faq")
CHANNELS = ("chat", "hotline")
LONG = "long"  # the kind of a long session's script


class TrafficError(ValueError):
    """traffic.yml breaks a rule; the message names the script and the rule."""


@dataclass(frozen=True)
class Line:
    text: str
    confidence: float | None = None  # hotline: what the ASR reports; None sends none


@dataclass(frozen=True)
class Script:
    name: str
    kind: str  # cost, faq, or long
    channel: str  # chat or hotline
    region: str | None  # chat: sent on every turn; None: drawn from the mix per conversation
    lines: tuple[Line, ...]
    line_kinds: tuple[str, ...]  # the kind of script each line comes from (a long session's: its parts')


@dataclass(frozen=True)
class Mix:
    kinds: Mapping[str, float]  # relative weights
    channels: Mapping[str, float]
    regions: Mapping[str, float]  # for chat scripts that name no region


@dataclass(frozen=True)
class Traffic:
    scripts: tuple[Script, ...]
    long: tuple[Script, ...]
    mix: Mix

    def choices(self, kind: str, channel: str) -> list[Script]:
        return [s for s in self.scripts if s.kind == kind and s.channel == channel]


def _weights(raw: Any, allowed: tuple[str, ...], what: str) -> dict[str, float]:
    if not isinstance(raw, Mapping) or not raw:
        raise TrafficError(f"mix.{what}: a mapping of {'/'.join(allowed)} to weights")
    unknown = set(raw) - set(allowed)
    if unknown:
        raise TrafficError(f"mix.{what}: unknown {', '.join(sorted(unknown))} (known: {', '.join(allowed)})")
    weights = {str(key): value for key, value in raw.items()}
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in weights.values()):
        raise TrafficError(f"mix.{what}: weights are numbers of at least 0")
    if sum(weights.values()) <= 0:
        raise TrafficError(f"mix.{what}: at least one weight above 0")
    return {key: float(value) for key, value in weights.items()}


def _text(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise TrafficError(f"{where}: a turn must be non-empty text")
    return raw


def _confidence(raw: Any, where: str) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 <= raw <= 1:
        raise TrafficError(f"{where}: confidence is a number from 0 to 1")
    return float(raw)


def _line(raw: Any, default_confidence: float | None, where: str) -> Line:
    if isinstance(raw, Mapping):
        return Line(_text(raw.get("text"), where), _confidence(raw.get("confidence", default_confidence), where))
    return Line(_text(raw, where), default_confidence)


def _script(raw: Any) -> Script:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str):
        raise TrafficError(f"every script needs a name: {raw!r}")
    name = raw["name"]
    kind, channel, region = raw.get("kind"), raw.get("channel"), raw.get("region")
    if kind not in KINDS or channel not in CHANNELS:
        raise TrafficError(f"{name}: kind is one of {', '.join(KINDS)}, channel one of {', '.join(CHANNELS)}")
    if region is not None and (channel != "chat" or region not in REGIONS):
        raise TrafficError(f"{name}: only chat scripts name a region, one of {', '.join(REGIONS)}")
    if channel != "hotline" and "confidence" in raw:
        raise TrafficError(f"{name}: only hotline turns have an ASR confidence")
    turns = raw.get("turns")
    if not isinstance(turns, list) or not turns:
        raise TrafficError(f"{name}: turns is a non-empty list")
    default = _confidence(raw.get("confidence"), name)
    lines = tuple(_line(turn, default, f"{name} turn {n}") for n, turn in enumerate(turns, 1))
    if channel != "hotline" and any(line.confidence is not None for line in lines):
        raise TrafficError(f"{name}: only hotline turns have an ASR confidence")
    return Script(name, kind, channel, region, lines, (kind,) * len(lines))


def _long(raw: Any, by_name: Mapping[str, Script]) -> Script:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str):
        raise TrafficError(f"every long session needs a name: {raw!r}")
    name, region, parts = raw["name"], raw.get("region"), raw.get("parts")
    if region not in REGIONS:
        raise TrafficError(f"{name}: region is one of {', '.join(REGIONS)}")
    if not isinstance(parts, list) or not parts:
        raise TrafficError(f"{name}: parts is a non-empty list of script names")
    lines: list[Line] = []
    kinds: list[str] = []
    for part in parts:
        script = by_name.get(part)
        if script is None:
            raise TrafficError(f"{name}: no script named {part!r}")
        if script.channel != "chat" or script.region not in (None, region):
            raise TrafficError(f"{name}: {part} is not a chat script for {region}")
        lines += script.lines
        kinds += script.line_kinds
    return Script(name, LONG, "chat", region, tuple(lines), tuple(kinds))


def load_traffic(path: Path = TRAFFIC_FILE) -> Traffic:
    """The scripts and the mix; TrafficError names what is wrong."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, Mapping) or not isinstance(data.get("mix"), Mapping):
        raise TrafficError(f"{path}: needs mix, scripts and long")
    mix = Mix(
        kinds=_weights(data["mix"].get("kinds"), KINDS, "kinds"),
        channels=_weights(data["mix"].get("channels"), CHANNELS, "channels"),
        regions=_weights(data["mix"].get("regions"), tuple(REGIONS), "regions"),
    )
    scripts = tuple(_script(raw) for raw in data.get("scripts") or [])
    by_name = {script.name: script for script in scripts}
    if len(by_name) != len(scripts):
        raise TrafficError(f"{path}: script names must be unique")
    long = tuple(_long(raw, by_name) for raw in data.get("long") or [])
    traffic = Traffic(scripts, long, mix)
    for kind in (k for k, w in mix.kinds.items() if w > 0):
        for channel in (c for c, w in mix.channels.items() if w > 0):
            if not traffic.choices(kind, channel):
                raise TrafficError(f"{path}: the mix draws {kind} on {channel}, but no script is one")
    if not long:
        raise TrafficError(f"{path}: at least one long session")
    return traffic

"""Gate on the independent FAQ dev set's direct-answer rate per style (search query, elderly, ASR …).

`run_devset.py faq` prints the rates on one line ("in-topic direct answers by style: asr 97%, …")
but gates only on the overall figures; this reads its saved output and fails when a style is
below --min, naming it.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

_LINE = re.compile(r"in-topic direct answers by style:\s*(.+)$", re.MULTILINE)
_RATE = re.compile(r"([a-z_]+) (\d+)%")


def style_rates(output: str) -> dict[str, int]:
    """{style: direct-answer percent} from the runner's printed figures."""
    line = _LINE.search(output)
    if line is None:
        raise SystemExit("no per-style figures in the dev-set output")
    return {style: int(rate) for style, rate in _RATE.findall(line.group(1))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", type=Path, help="the saved output of run_devset.py faq")
    parser.add_argument("--min", type=int, required=True, help="lowest direct-answer percent of any style")
    args = parser.parse_args()
    rates = style_rates(args.output.read_text(encoding="utf-8"))
    low = {style: rate for style, rate in rates.items() if rate < args.min}
    print(f"dev-set direct answers by style (gate >= {args.min}%): "
          + ", ".join(f"{s} {r}%" for s, r in sorted(rates.items())))
    if low:
        raise SystemExit("FAIL: styles below the gate: " + ", ".join(f"{s} {r}%" for s, r in sorted(low.items())))


if __name__ == "__main__":
    main()

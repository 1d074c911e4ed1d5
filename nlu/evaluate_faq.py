"""Top-1 FAQ answer accuracy of a trained model on the held-out phrasings (tests/nlu/faq_heldout/).

A phrasing counts as answered right when the model's intent is `faq` (not a fallback or another
intent) and the response selector's first topic is the expected one. Exits 1 below --min.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import yaml

from knowledge.faq.choice import choose, ranking_from_parse


def read_examples(path: Path) -> Iterator[tuple[str, str]]:
    """(intent, example) pairs of a Rasa NLU YAML file."""
    for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        for line in block.get("examples", "").splitlines():
            if line.startswith("- "):
                yield block["intent"], line[2:].strip()


def load_heldout(folder: Path) -> list[tuple[str, str]]:
    """(topic id, phrasing) pairs of the held-out FAQ files."""
    return [
        (intent.split("/", 1)[1], text) for path in sorted(folder.glob("*.yml")) for intent, text in read_examples(path)
    ]


async def evaluate(model: str, cases: list[tuple[str, str]]) -> dict:
    from rasa.core.agent import Agent  # heavy imports: only when evaluating
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(model)
    top1 = direct = asked = 0
    misses = []
    for expected, text in cases:
        parse = await agent.parse_message(text)
        ranking = ranking_from_parse(parse)
        intent = parse["intent"]["name"]
        first = ranking[0][0] if ranking else None
        if intent == "faq" and first == expected:
            top1 += 1
            choice = choose(ranking)
            direct += choice.answer == expected
            asked += choice.answer is None
        else:
            misses.append({"text": text, "expected": expected, "intent": intent, "topic": first})
    n = len(cases)
    return {
        "cases": n,
        "top1_accuracy": round(top1 / n, 4),
        "answered_directly_and_right": round(direct / n, 4),
        "asked_to_choose_with_right_first": round(asked / n, 4),
        "misses": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True)
    parser.add_argument("--heldout", type=Path, required=True)
    parser.add_argument("--min", type=float, default=0.9)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    report = asyncio.run(evaluate(args.model, load_heldout(args.heldout)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(
        f"FAQ held-out: {report['cases']} phrasings, top-1 accuracy {report['top1_accuracy']:.1%} "
        f"(answered directly {report['answered_directly_and_right']:.1%}, "
        f"clarified {report['asked_to_choose_with_right_first']:.1%}); misses in {args.out}"
    )
    for miss in report["misses"]:
        print(f"  miss: {miss['text']}  expected {miss['expected']}, got {miss['intent']}/{miss['topic']}")
    if report["top1_accuracy"] < args.min:
        raise SystemExit(f"FAIL: top-1 FAQ accuracy {report['top1_accuracy']:.1%} is below {args.min:.0%}")


if __name__ == "__main__":
    main()

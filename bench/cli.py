"""Command line: settings from flags and the environment the Makefile exports, then one bounded run."""
import argparse
import asyncio
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import httpx
import yaml

from bench.aims import all_aims
from bench.budget import Budget
from bench.config import FULL, QUICK, BenchConfig
from bench.cpu import CpuMeter
from bench.loopback import require_loopback
from bench.machine import cpu_count, service_memory, training_seconds
from bench.report import BenchResult, render_markdown, render_text, to_json
from bench.scenarios import ScenarioResults, run_scenarios
from bench.targets import Target, gateway, rasa_parse, rasa_turn
from bench.traffic import TRAFFIC_FILE, Traffic, load_traffic

CONFIG_FLAGS = {  # BenchConfig field -> help; unset flags keep the preset's value
    "levels": "closed-loop concurrent session counts",
    "turns_per_session": "closed loop: turns each virtual user sends",
    "level_seconds": "closed loop: time cap per level and target",
    "long_sessions": "long sessions (turn 1 against turn 30): sessions in all",
    "long_concurrency": "long sessions: how many at once",
    "long_seconds": "long sessions: time cap",
    "open_sessions": "open loop: virtual users",
    "open_interval": "open loop: seconds between one user's turns",
    "open_jitter": "open loop: ± seconds on each",
    "open_seconds": "open loop: duration",
    "timeout": "seconds per request before it counts as an error",
    "warmup": "unrecorded requests per target first",
    "max_requests": "hard cap on the whole run's requests",
    "max_seconds": "hard cap on the whole run's duration",
    "seed": "the conversations drawn, the open loop's phases and jitter",
}


def _levels(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError("a comma-separated list of session counts, e.g. 1,10,50,100") from exc


def build_parser() -> argparse.ArgumentParser:
    env = os.environ
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Load test of the gateway (web chat and hotline turns of scripted conversations, "
        "bench/traffic.yml) next to bare Rasa POST /model/parse on the same texts: closed-loop levels, long "
        "sessions (turn 1 against turn 30), then an open loop of the real mix; latency, errors and the CPU "
        "seconds per turn of every process. Bounded in requests and in time; talks to loopback addresses only. "
        "The services must already run (scripts/services.sh start).",
    )
    parser.add_argument(
        "--gateway-url", default=env.get("GATEWAY_URL", f"http://127.0.0.1:{env.get('GATEWAY_PORT', '8000')}")
    )
    parser.add_argument(
        "--rasa-urls",
        default=env.get("RASA_URLS") or env.get("RASA_URL", "http://127.0.0.1:5005"),
        help="comma-separated Rasa processes for the bare parse (env RASA_URLS, else RASA_URL)",
    )
    parser.add_argument("--rasa-token", default=env.get("RASA_TOKEN", "dev-rasa-token"))
    parser.add_argument("--hotline-key", default=env.get("HOTLINE_API_KEY", "dev-hotline-key"), help="X-Api-Key")
    parser.add_argument("--quick", action="store_true", help="short levels and scenarios (about a minute)")
    for name, text in CONFIG_FLAGS.items():
        default = getattr(FULL, name)
        shown = ",".join(map(str, default)) if name == "levels" else f"{default:g}"
        kind = _levels if name == "levels" else type(default)
        parser.add_argument("--" + name.replace("_", "-"), type=kind, help=f"{text} (full run: {shown})")
    parser.add_argument("--traffic", type=Path, default=TRAFFIC_FILE, help="the scripts and the mix")
    parser.add_argument("--json", type=Path, default=Path("reports/bench.json"), help="(default reports/bench.json)")
    parser.add_argument("--markdown", type=Path, default=Path("reports/bench.md"), help="(default reports/bench.md)")
    parser.add_argument("--run-dir", type=Path, default=Path("var/run"), help="the services' pid files (var/run)")
    parser.add_argument(
        "--train-log", type=Path, default=Path("var/log/train-time.txt"), help="holds 'training took N s'"
    )
    return parser


def config_from(args: argparse.Namespace) -> BenchConfig:
    """The preset (--quick or full) with every flag given on the command line on top."""
    preset = QUICK if args.quick else FULL
    given = {name: getattr(args, name) for name in CONFIG_FLAGS if getattr(args, name) is not None}
    return dataclasses.replace(preset, **given)  # BenchConfig refuses impossible values


class ServicesNotReady(Exception):
    pass


async def _preflight(client: httpx.AsyncClient, gateway_url: str, rasa_urls: Sequence[str], token: str) -> None:
    """Refuses to start while a service is down, so a run never measures only refused connections."""
    problems = []
    checks: list[tuple[str, str, dict[str, str]]] = [("gateway", f"{gateway_url}/healthz", {})]
    checks += [("Rasa", f"{url}/status", {"token": token}) for url in rasa_urls]
    for name, url, params in checks:
        try:
            (await client.get(url, params=params, timeout=10)).raise_for_status()
        except httpx.HTTPError as exc:
            problems.append(f"{name} at {url} is not ready: {exc}")
    if problems:
        raise ServicesNotReady("\n".join(problems))


async def _measure(
    config: BenchConfig,
    targets: tuple[Target, Target, Target],  # the gateway, Rasa's parse, Rasa's turn
    urls: tuple[str, list[str]],
    token: str,
    run_dir: Path,
    traffic: Traffic,
) -> ScenarioResults:
    most = max(*config.levels, config.open_sessions, config.long_concurrency)
    # trust_env=False: a proxy from the environment must never carry loopback traffic elsewhere
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=most)
    async with httpx.AsyncClient(limits=limits, timeout=config.timeout, trust_env=False) as client:
        await _preflight(client, urls[0], urls[1], token)
        budget = Budget(config.max_requests, config.max_seconds)
        meter = CpuMeter(run_dir)
        return await run_scenarios(config, *targets, client, traffic, budget, meter)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = config_from(args)
        gateway_url = require_loopback(args.gateway_url)
        rasa_urls = [require_loopback(url.strip()) for url in args.rasa_urls.split(",") if url.strip()]
        if not rasa_urls:
            raise ValueError("--rasa-urls: at least one URL")
        traffic = load_traffic(args.traffic)  # a broken file stops the run before anything is sent
    except (ValueError, OSError, yaml.YAMLError) as exc:  # NotLoopback and TrafficError are ValueErrors
        parser.error(str(exc))
    started_at = datetime.now().astimezone().isoformat(timespec="seconds")
    targets = (gateway(gateway_url, args.hotline_key), rasa_parse(rasa_urls, args.rasa_token), rasa_turn(rasa_urls))
    try:
        outcome = asyncio.run(
            _measure(config, targets, (gateway_url, rasa_urls), args.rasa_token, args.run_dir, traffic)
        )
    except ServicesNotReady as exc:
        print(f"{exc}\nstart the services first: bash scripts/services.sh start", file=sys.stderr)
        return 2
    result = BenchResult(
        started_at=started_at,
        config=config,
        cpu_count=cpu_count(),
        training_seconds=training_seconds(args.train_log),
        scenarios=outcome.results,
        aims=all_aims(outcome.results),
        memory=service_memory(args.run_dir),
        settled_seconds=outcome.settled_seconds,
        stopped_early=outcome.stopped_early,
    )
    print(render_text(result), end="")
    _write(args.json, json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n")
    _write(args.markdown, render_markdown(result))
    print(f"\nwrote {args.json} and {args.markdown}")
    return 0

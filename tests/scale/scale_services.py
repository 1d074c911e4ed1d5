"""Stopping one service of the scaled set-up (its pid file in var/run, written by scripts/services.sh)."""
import os
import signal
import time
from pathlib import Path

RUN_DIR = Path(__file__).resolve().parents[2] / "var" / "run"


def stop_service(name: str, sig: signal.Signals = signal.SIGTERM, patience: float = 60) -> None:
    """Sends `sig` to the service and waits until it is gone (SIGKILL after `patience` seconds)."""
    pid = int((RUN_DIR / f"{name}.pid").read_text())
    os.kill(pid, sig)
    deadline = time.time() + patience
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)

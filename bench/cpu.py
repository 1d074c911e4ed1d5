"""CPU seconds per turn of each service: its process tree's user + system time over one scenario, and
what the rest of the machine used meanwhile (other work on shared cores skews every latency)."""
import os
from dataclasses import dataclass
from pathlib import Path

from bench.processes import PROC, process_table, process_tree, service_pids, ticks_per_second, tree_ticks

ELSEWHERE = "elsewhere"  # every other process on the machine, and the kernel


@dataclass(frozen=True)
class CpuUse:
    process: str  # the pid file's name (rasa, rasa-0, gateway-1 …), bench (the load generator) or elsewhere
    seconds: float | None  # None: not running for the whole scenario (or restarted during it)
    per_turn_ms: float | None  # seconds over the turns answered, in milliseconds


@dataclass(frozen=True)
class Snapshot:
    processes: dict[str, tuple[int, int] | None]  # name -> (pid, CPU ticks of its tree so far); None: not running
    machine_ticks: int | None  # busy ticks of all cores so far (/proc/stat); None when unreadable


def machine_busy_ticks(proc: Path = PROC) -> int | None:
    """All cores' busy time so far: the first line of /proc/stat without idle and iowait."""
    try:
        fields = (proc / "stat").read_text().splitlines()[0].split()
        # cpu user nice system idle iowait irq softirq steal (guest time is already in user and nice)
        values = [int(value) for value in fields[1:9]]
        return sum(values) - values[3] - values[4]
    except (OSError, IndexError, ValueError):
        return None


class CpuMeter:
    """Snapshots before and after a scenario. Descendants that end during it are counted once their
    parent has waited for them (cutime); the pid files are read again each time, so services started
    or stopped between scenarios are seen."""

    def __init__(
        self, run_dir: Path, proc: Path = PROC, own_pid: int | None = None, ticks_per_s: int | None = None
    ) -> None:
        self._run_dir = run_dir
        self._proc = proc
        self._own_pid = os.getpid() if own_pid is None else own_pid
        self._ticks = ticks_per_s or ticks_per_second()

    def snapshot(self) -> Snapshot:
        table = process_table(self._proc)
        shot: dict[str, tuple[int, int] | None] = {}
        for name, pid in service_pids(self._run_dir, self._own_pid).items():
            tree = process_tree(pid, table) if pid is not None else []
            shot[name] = (pid, tree_ticks(tree)) if pid is not None and tree else None
        return Snapshot(shot, machine_busy_ticks(self._proc))

    def use(self, before: Snapshot, after: Snapshot, turns: int) -> list[CpuUse]:
        """Each process seen in either snapshot, then the rest of the machine; per turn over `turns`
        answered (None for none)."""

        def use(name: str, ticks: int | None) -> CpuUse:
            seconds = None if ticks is None else max(0, ticks) / self._ticks
            per_turn = seconds * 1000.0 / turns if seconds is not None and turns > 0 else None
            return CpuUse(name, seconds, per_turn)

        result = []
        measured = 0
        for name in dict.fromkeys([*before.processes, *after.processes]):
            start, end = before.processes.get(name), after.processes.get(name)
            ticks = end[1] - start[1] if start is not None and end is not None and start[0] == end[0] else None
            measured += ticks or 0
            result.append(use(name, ticks))
        machine = None
        if before.machine_ticks is not None and after.machine_ticks is not None:
            machine = after.machine_ticks - before.machine_ticks - measured
        result.append(use(ELSEWHERE, machine))
        return result

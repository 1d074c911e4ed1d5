"""CPU seconds per turn of each service: its process tree's user + system time over one scenario."""
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bench.processes import PROC, process_table, process_tree, service_pids, ticks_per_second, tree_ticks


@dataclass(frozen=True)
class CpuUse:
    process: str  # the pid file's name (rasa, rasa-0, gateway-1 …) or bench, the load generator
    seconds: float | None  # None: not running for the whole scenario (or restarted during it)
    per_turn_ms: float | None  # seconds over the turns answered, in milliseconds


# name -> (pid, CPU ticks of its tree so far); None for a process not running
Snapshot = Mapping[str, tuple[int, int] | None]


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
        return shot

    def use(self, before: Snapshot, after: Snapshot, turns: int) -> list[CpuUse]:
        """Each process seen in either snapshot; per turn over `turns` answered (None for none)."""
        result = []
        for name in dict.fromkeys([*before, *after]):
            start, end = before.get(name), after.get(name)
            seconds = None
            if start is not None and end is not None and start[0] == end[0]:
                seconds = max(0, end[1] - start[1]) / self._ticks
            per_turn = seconds * 1000.0 / turns if seconds is not None and turns > 0 else None
            result.append(CpuUse(name, seconds, per_turn))
        return result

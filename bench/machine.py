"""Facts about the machine and the services: cores, training time, resident memory."""
import os
import re
from dataclasses import dataclass
from pathlib import Path

from bench.processes import PROC, page_kib, process_table, process_tree, service_pids

_TRAINING_TOOK = re.compile(r"training took (\d+) s")


def cpu_count() -> int:
    return os.cpu_count() or 1


def training_seconds(log: Path) -> int | None:
    """The last "training took N s" in the log the Makefile writes, or None when there is none."""
    try:
        found = _TRAINING_TOOK.findall(log.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return int(found[-1]) if found else None


@dataclass(frozen=True)
class ProcessMemory:
    name: str  # the pid file's name, or bench (the load generator)
    pid: int | None
    rss_kib: int | None  # resident memory of the process and its descendants; None when it is not running
    processes: int  # how many processes that sum covers


def service_memory(run_dir: Path, proc: Path = PROC, own_pid: int | None = None, kib_per_page: int | None = None
                   ) -> list[ProcessMemory]:
    """Resident memory of every service with a pid file in run_dir, then of this load generator."""
    table = process_table(proc)
    per_page = kib_per_page or page_kib()
    result = []
    for name, pid in service_pids(run_dir, os.getpid() if own_pid is None else own_pid).items():
        tree = process_tree(pid, table) if pid is not None else []
        if not tree:
            result.append(ProcessMemory(name, pid, None, 0))
        else:
            result.append(ProcessMemory(name, pid, sum(stat.rss_pages for stat in tree) * per_page, len(tree)))
    return result

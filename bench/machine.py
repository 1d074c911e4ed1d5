"""Facts about the machine and the services: cores, training time, resident memory."""
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
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


def _status(pid: int, proc: Path) -> dict[str, str]:
    fields = {}
    for line in (proc / str(pid) / "status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def _descendants(pid: int, proc: Path) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                parent = int(_status(int(entry.name), proc).get("PPid", "0"))
            except (OSError, ValueError):
                continue  # the process ended while we looked
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@dataclass(frozen=True)
class ProcessMemory:
    name: str
    pid: int | None
    rss_kib: int | None  # VmRSS of the process and its descendants; None when it is not running
    processes: int  # how many processes that sum covers


def _rss_kib(pid: int, proc: Path) -> int:
    value = _status(pid, proc).get("VmRSS", "0 kB")  # kernel threads have none
    return int(value.split()[0])


def service_memory(names: Iterable[str], run_dir: Path, proc: Path = PROC) -> list[ProcessMemory]:
    """Resident memory of each service whose pid is in run_dir/<name>.pid (scripts/services.sh)."""
    result = []
    for name in names:
        try:
            pid = int((run_dir / f"{name}.pid").read_text().strip())
            own = _rss_kib(pid, proc)
        except (OSError, ValueError):  # no pid file, or the process is not running
            result.append(ProcessMemory(name, None, None, 0))
            continue
        children = []
        for child in _descendants(pid, proc):
            try:
                children.append(_rss_kib(child, proc))
            except OSError:
                continue  # it ended meanwhile
        result.append(ProcessMemory(name, pid, own + sum(children), 1 + len(children)))
    return result

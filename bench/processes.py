"""The services' processes, read from /proc: which are running (pid files), their trees, CPU and memory."""
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
LOAD_GENERATOR = "bench"  # this process: the load generator measures itself too
# Pid files of scripts/services.sh and scripts/scaled.sh, in the order a report lists them; others after.
_ORDER = ("action", "rasa", "gateway", "nginx", "redis")


@dataclass(frozen=True)
class ProcStat:
    pid: int
    ppid: int
    cpu_ticks: int  # utime + stime of the process and of its children it has waited for (cutime, cstime)
    rss_pages: int


def read_stat(pid: int, proc: Path = PROC) -> ProcStat:
    """/proc/<pid>/stat; OSError when the process is gone, ValueError when the file is not one."""
    text = (proc / str(pid) / "stat").read_text()
    # the command name (field 2) is in parentheses and may hold spaces or parentheses itself
    fields = text[text.rindex(")") + 2 :].split()
    utime, stime, cutime, cstime = (int(fields[i]) for i in (11, 12, 13, 14))
    return ProcStat(pid, int(fields[1]), utime + stime + cutime + cstime, int(fields[21]))


def process_table(proc: Path = PROC) -> dict[int, ProcStat]:
    """Every process running now."""
    table = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                table[int(entry.name)] = read_stat(int(entry.name), proc)
            except (OSError, ValueError, IndexError):
                continue  # it ended while we looked
    return table


def process_tree(pid: int, table: dict[int, ProcStat]) -> list[ProcStat]:
    """The process and all its descendants that are in the table ([] when it is not running)."""
    if pid not in table:
        return []
    children: dict[int, list[int]] = {}
    for stat in table.values():
        children.setdefault(stat.ppid, []).append(stat.pid)
    found, todo = [table[pid]], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(table[child])
            todo.append(child)
    return found


def _order(name: str) -> tuple[int, str]:
    base = name.split("-")[0]
    return (_ORDER.index(base) if base in _ORDER else len(_ORDER), name)


def service_pids(run_dir: Path, own_pid: int | None = None) -> dict[str, int | None]:
    """Every <name>.pid in run_dir (action, rasa or rasa-0, rasa-1 …, gateway or gateway-0 …, redis …),
    None for a file that holds no pid; then this load generator when own_pid is given."""
    pids: dict[str, int | None] = {}
    files = run_dir.glob("*.pid") if run_dir.is_dir() else iter(())
    for path in sorted(files, key=lambda p: _order(p.stem)):
        try:
            pids[path.stem] = int(path.read_text().strip())
        except (OSError, ValueError):
            pids[path.stem] = None
    if own_pid is not None:
        pids[LOAD_GENERATOR] = own_pid
    return pids


def page_kib() -> int:
    return os.sysconf("SC_PAGE_SIZE") // 1024


def ticks_per_second() -> int:
    return os.sysconf("SC_CLK_TCK")


def tree_ticks(stats: Iterable[ProcStat]) -> int:
    return sum(stat.cpu_ticks for stat in stats)

from pathlib import Path

from bench.machine import ProcessMemory, service_memory, training_seconds


def test_training_time_is_the_last_one_logged(tmp_path):
    log = tmp_path / "train-time.txt"
    log.write_text("training took 812 s\nsomething else\ntraining took 640 s\n")
    assert training_seconds(log) == 640


def test_training_time_unknown_without_a_log_or_a_line(tmp_path):
    assert training_seconds(tmp_path / "missing.txt") is None
    (tmp_path / "empty.txt").write_text("training FAILED\n")
    assert training_seconds(tmp_path / "empty.txt") is None


def _fake_process(proc: Path, pid: int, ppid: int, rss_kib=None) -> None:
    (proc / str(pid)).mkdir(parents=True)
    rss = f"VmRSS:\t  {rss_kib} kB\n" if rss_kib is not None else ""
    (proc / str(pid) / "status").write_text(f"Name:\tpython\nPPid:\t{ppid}\n{rss}Threads:\t4\n")


def test_memory_sums_each_service_and_its_children(tmp_path):
    proc, run = tmp_path / "proc", tmp_path / "run"
    run.mkdir()
    _fake_process(proc, 100, 1, 2048)  # rasa
    _fake_process(proc, 101, 100, 1024)  # its worker
    _fake_process(proc, 102, 101, 512)  # the worker's child
    _fake_process(proc, 200, 1, 4096)  # gateway
    _fake_process(proc, 300, 1, 999)  # unrelated
    (proc / "self").mkdir()
    (run / "rasa.pid").write_text("100\n")
    (run / "gateway.pid").write_text("200")
    (run / "action.pid").write_text("400")  # stale: not running

    memory = service_memory(["action", "rasa", "gateway", "other"], run, proc)
    assert memory == [
        ProcessMemory("action", None, None, 0),
        ProcessMemory("rasa", 100, 2048 + 1024 + 512, 3),
        ProcessMemory("gateway", 200, 4096, 1),
        ProcessMemory("other", None, None, 0),  # no pid file
    ]

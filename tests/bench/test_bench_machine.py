from bench.machine import ProcessMemory, service_memory, training_seconds


def test_training_time_is_the_last_one_logged(tmp_path):
    log = tmp_path / "train-time.txt"
    log.write_text("training took 812 s\nsomething else\ntraining took 640 s\n")
    assert training_seconds(log) == 640


def test_training_time_unknown_without_a_log_or_a_line(tmp_path):
    assert training_seconds(tmp_path / "missing.txt") is None
    (tmp_path / "empty.txt").write_text("training FAILED\n")
    assert training_seconds(tmp_path / "empty.txt") is None


def test_memory_sums_each_service_and_its_children_for_every_pid_file(proc, tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    proc.process(100, 1, rss_pages=512)  # rasa-0
    proc.process(101, 100, rss_pages=256)  # its worker
    proc.process(102, 101, rss_pages=128)  # the worker's child
    proc.process(110, 1, rss_pages=600)  # rasa-1
    proc.process(200, 1, rss_pages=1024)  # gateway
    proc.process(300, 1, rss_pages=999)  # unrelated
    proc.process(900, 1, rss_pages=50)  # the load generator
    (run / "rasa-0.pid").write_text("100\n")
    (run / "rasa-1.pid").write_text("110")
    (run / "gateway.pid").write_text("200")
    (run / "action.pid").write_text("400")  # stale: not running

    memory = service_memory(run, proc.root, own_pid=900, kib_per_page=4)
    assert memory == [
        ProcessMemory("action", 400, None, 0),
        ProcessMemory("rasa-0", 100, (512 + 256 + 128) * 4, 3),
        ProcessMemory("rasa-1", 110, 600 * 4, 1),
        ProcessMemory("gateway", 200, 1024 * 4, 1),
        ProcessMemory("bench", 900, 50 * 4, 1),
    ]

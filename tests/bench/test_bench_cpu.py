"""CPU seconds per turn from a fake /proc: each service's process tree, whatever pid files exist."""
import pytest

from bench.cpu import CpuMeter, CpuUse, machine_busy_ticks
from bench.processes import process_table, process_tree, read_stat, service_pids


def _pid_files(run_dir, **pids):
    run_dir.mkdir(exist_ok=True)
    for name, pid in pids.items():
        (run_dir / f"{name.replace('_', '-')}.pid").write_text(f"{pid}\n")


def test_stat_fields_are_read_after_a_command_name_with_spaces_and_parentheses(proc):
    proc.process(42, 1, utime=100, stime=20, cutime=5, cstime=1, rss_pages=300, name="rasa (main) x")
    stat = read_stat(42, proc.root)
    assert (stat.ppid, stat.cpu_ticks, stat.rss_pages) == (1, 126, 300)


def test_a_tree_is_the_process_and_every_descendant(proc):
    proc.process(10, 1)
    proc.process(11, 10)
    proc.process(12, 11)
    proc.process(13, 1)  # unrelated
    table = process_table(proc.root)
    assert sorted(s.pid for s in process_tree(10, table)) == [10, 11, 12]
    assert process_tree(99, table) == []


def test_every_pid_file_is_found_in_report_order(tmp_path):
    run = tmp_path / "run"
    _pid_files(run, gateway_1=31, rasa_1=21, redis=50, rasa_0=20, gateway_0=30, action=10)
    (run / "broken.pid").write_text("not a pid")
    assert list(service_pids(run, own_pid=77).items()) == [
        ("action", 10), ("rasa-0", 20), ("rasa-1", 21), ("gateway-0", 30), ("gateway-1", 31), ("redis", 50),
        ("broken", None), ("bench", 77),
    ]
    assert service_pids(tmp_path / "missing") == {}


def test_cpu_per_turn_of_each_process_tree_and_of_the_load_generator(proc, tmp_path):
    run = tmp_path / "run"
    _pid_files(run, action=10, rasa_0=20, rasa_1=30, gateway=40)
    proc.process(10, 1, utime=100, stime=10)
    proc.process(20, 1, utime=1000, stime=100)
    proc.process(21, 20, utime=50)  # a worker of rasa-0
    proc.process(30, 1, utime=500)
    proc.process(40, 1, utime=200, stime=20)
    proc.process(99, 1, utime=7)  # the load generator
    proc.machine(user=10_000, system=2_000, idle=50_000)
    meter = CpuMeter(run, proc.root, own_pid=99, ticks_per_s=100)
    before = meter.snapshot()
    proc.process(10, 1, utime=120, stime=15)  # +25 ticks
    proc.process(20, 1, utime=1300, stime=150)  # +350
    proc.process(21, 20, utime=100)  # +50
    proc.process(30, 1, utime=500)  # idle
    proc.process(40, 1, utime=260, stime=30)  # +70
    proc.process(99, 1, utime=27)  # +20
    proc.machine(user=10_500, system=2_100, idle=50_300, iowait=40)  # 600 busy ticks, 515 of them measured
    uses = {use.process: use for use in meter.use(before, meter.snapshot(), turns=50)}
    assert list(uses) == ["action", "rasa-0", "rasa-1", "gateway", "bench", "elsewhere"]
    assert uses["action"] == CpuUse("action", 0.25, pytest.approx(5.0))
    assert uses["rasa-0"].seconds == pytest.approx(4.0) and uses["rasa-0"].per_turn_ms == pytest.approx(80.0)
    assert uses["rasa-1"].seconds == 0.0
    assert uses["gateway"].per_turn_ms == pytest.approx(14.0)
    assert uses["bench"].seconds == pytest.approx(0.2)
    assert uses["elsewhere"].seconds == pytest.approx(0.85)  # other work on the same cores


def test_machine_busy_time_leaves_out_idle_and_iowait(proc):
    proc.machine(user=700, system=200, idle=5000, iowait=100)
    assert machine_busy_ticks(proc.root) == 900
    (proc.root / "stat").write_text("garbage\n")
    assert machine_busy_ticks(proc.root) is None


def test_without_a_readable_proc_stat_the_rest_of_the_machine_is_unknown(proc, tmp_path):
    meter = CpuMeter(tmp_path / "run", proc.root, own_pid=5, ticks_per_s=100)
    (use,) = meter.use(meter.snapshot(), meter.snapshot(), turns=3)[-1:]
    assert use == CpuUse("elsewhere", None, None)


def test_a_child_that_ended_is_still_counted_through_its_parent(proc, tmp_path):
    run = tmp_path / "run"
    _pid_files(run, rasa=20)
    proc.process(20, 1, utime=100)
    proc.process(21, 20, utime=40)
    meter = CpuMeter(run, proc.root, own_pid=5, ticks_per_s=100)
    before = meter.snapshot()
    proc.end(21)
    proc.process(20, 1, utime=100, cutime=60)  # the parent waited for it: its 60 ticks move to cutime
    (use,) = [u for u in meter.use(before, meter.snapshot(), turns=2) if u.process == "rasa"]
    assert use.seconds == pytest.approx(0.2)


def test_a_service_not_running_throughout_has_no_figure(proc, tmp_path):
    run = tmp_path / "run"
    _pid_files(run, action=10, rasa=20, gateway=30)
    proc.process(10, 1, utime=10)
    proc.process(20, 1, utime=10)
    meter = CpuMeter(run, proc.root, own_pid=5, ticks_per_s=100)
    before = meter.snapshot()  # the gateway's pid file names a process that is not running
    proc.end(20)
    _pid_files(run, rasa=21)  # restarted during the scenario: a new pid
    proc.process(21, 1, utime=1)
    proc.process(30, 1, utime=1)
    uses = {use.process: use for use in meter.use(before, meter.snapshot(), turns=10)}
    assert uses["action"].seconds == 0.0
    assert uses["rasa"] == CpuUse("rasa", None, None)
    assert uses["gateway"] == CpuUse("gateway", None, None)
    assert uses["bench"] == CpuUse("bench", None, None)  # pid 5 is not in the fake /proc


def test_no_turn_answered_has_seconds_but_no_per_turn_figure(proc, tmp_path):
    run = tmp_path / "run"
    _pid_files(run, rasa=20)
    proc.process(20, 1, utime=10)
    meter = CpuMeter(run, proc.root, own_pid=5, ticks_per_s=100)
    before = meter.snapshot()
    proc.process(20, 1, utime=60)
    (use,) = [u for u in meter.use(before, meter.snapshot(), turns=0) if u.process == "rasa"]
    assert (use.seconds, use.per_turn_ms) == (pytest.approx(0.5), None)


def test_the_real_proc_measures_this_process(tmp_path):
    meter = CpuMeter(tmp_path / "no-services")
    before = meter.snapshot()
    sum(i * i for i in range(2_000_000))  # some CPU work
    own, elsewhere = meter.use(before, meter.snapshot(), turns=1)
    assert own.process == "bench" and own.seconds is not None and own.seconds > 0
    assert elsewhere.process == "elsewhere" and elsewhere.seconds is not None

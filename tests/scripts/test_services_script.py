"""scripts/services.sh refuses to start a service on a port something already answers on: the new
process would exit at once while the old one passed its health check, and the stack would run stale code."""
import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def scratch_checkout(tmp_path: Path) -> Path:
    """A copy of the script in a scratch checkout: what it starts and stops is that one's var/."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "services.sh", tmp_path / "scripts" / "services.sh")
    return tmp_path


def start(checkout: Path, services: list[str], **ports: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "ACTION_PORT": "1", "RASA_PORT": "1", "GATEWAY_PORT": "1", "RASA_PROCESSES": "1",
           **{name: str(port) for name, port in ports.items()}}
    return subprocess.run(["bash", "scripts/services.sh", "start", *services], cwd=checkout, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("service, variable", [("action", "ACTION_PORT"), ("rasa", "RASA_PORT"), ("gateway", "GATEWAY_PORT")])
def test_a_service_is_not_started_on_a_port_already_in_use(tmp_path, service, variable):
    checkout = scratch_checkout(tmp_path)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        run = start(checkout, [service], **{variable: port})
    assert run.returncode == 1
    assert f"port {port} for {service} is already in use" in run.stderr
    assert not list((checkout / "var" / "run").iterdir())  # nothing launched


def test_a_stack_already_running_is_left_alone_when_its_port_is_found_taken(tmp_path):
    checkout = scratch_checkout(tmp_path)
    (checkout / "var" / "run").mkdir(parents=True)
    running = subprocess.Popen(["sleep", "60"])  # stands for the gateway of a stack started before
    try:
        (checkout / "var" / "run" / "gateway.pid").write_text(str(running.pid))
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen()
            run = start(checkout, ["action", "gateway"], ACTION_PORT=listener.getsockname()[1])
        assert run.returncode == 1
        assert running.poll() is None  # not stopped by the failed start
        assert (checkout / "var" / "run" / "gateway.pid").exists()
    finally:
        running.kill()
        running.wait()


def test_a_service_that_does_not_come_up_is_reported_and_not_called_started(tmp_path):
    checkout = scratch_checkout(tmp_path)  # no .venv here: the action server exits at once
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    run = start(checkout, ["action"], ACTION_PORT=free)
    assert run.returncode == 1
    assert "ERROR: action exited" in run.stderr and "started action" not in run.stdout
    assert not (checkout / "var" / "run" / "action.pid").exists()  # what it started is stopped

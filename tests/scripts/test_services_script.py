"""scripts/services.sh refuses to start a service on a port something already answers on: the new
process would exit at once while the old one passed its health check, and the stack would run stale code."""
import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("service, variable", [("action", "ACTION_PORT"), ("rasa", "RASA_PORT"), ("gateway", "GATEWAY_PORT")])
def test_a_service_is_not_started_on_a_port_already_in_use(tmp_path, service, variable):
    # a copy of the script in a scratch checkout: its clean-up on failure touches only that one's var/
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "services.sh", tmp_path / "scripts" / "services.sh")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        env = {**os.environ, "ACTION_PORT": "1", "RASA_PORT": "1", "GATEWAY_PORT": "1", "RASA_PROCESSES": "1",
               variable: str(port)}
        run = subprocess.run(["bash", "scripts/services.sh", "start", service], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert f"port {port} for {service} is already in use" in run.stderr
    assert not list((tmp_path / "var" / "run").iterdir())  # nothing launched

import socket

import pytest

from bench.cli import build_parser, config_from, main
from bench.config import FULL, QUICK


def test_quick_preset_with_flags_on_top():
    config = config_from(build_parser().parse_args(["--quick", "--levels", "1,5", "--open-seconds", "3"]))
    assert config.levels == (1, 5) and config.open_seconds == 3
    assert config.level_seconds == QUICK.level_seconds < FULL.level_seconds


def test_every_run_is_bounded():
    for config in (FULL, QUICK):
        assert config.max_requests > 0 and config.max_seconds > 0
        assert config.open_seconds + len(config.levels) * 2 * config.level_seconds < config.max_seconds
    assert QUICK.max_seconds <= 180 < FULL.max_seconds


def test_non_loopback_url_is_refused_before_anything_is_sent(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--quick", "--rasa-url", "http://192.168.1.20:5005"])
    assert exit_info.value.code == 2
    assert "refusing" in capsys.readouterr().err


def test_impossible_settings_are_refused():
    with pytest.raises(SystemExit):
        main(["--levels", "0,10"])
    with pytest.raises(SystemExit):
        main(["--open-interval", "1", "--open-jitter", "0.5"])


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_services_down_stop_the_run_and_nothing_is_written(tmp_path, capsys):
    port = _closed_port()
    out = tmp_path / "bench.json"
    code = main(["--quick", "--gateway-url", f"http://127.0.0.1:{port}", "--rasa-url", f"http://127.0.0.1:{port}",
                 "--json", str(out), "--markdown", str(tmp_path / "bench.md")])
    assert code == 2
    assert "not ready" in capsys.readouterr().err
    assert not out.exists()

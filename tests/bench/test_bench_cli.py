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
        scenarios = len(config.levels) * 2 * config.level_seconds + config.long_seconds + config.open_seconds
        assert scenarios + 2 * config.timeout < config.max_seconds
    assert QUICK.max_seconds <= 240 < FULL.max_seconds <= 900


def test_quick_still_reaches_turn_30_and_keeps_every_level():
    assert QUICK.levels == FULL.levels == (1, 10, 50, 100)
    assert QUICK.long_sessions >= 1 and QUICK.long_seconds >= 30


def test_a_broken_traffic_file_stops_the_run_before_anything_is_sent(tmp_path, capsys):
    broken = tmp_path / "traffic.yml"
    broken.write_text("mix: {kinds: {cost: 1}}\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["--quick", "--traffic", str(broken), "--json", str(tmp_path / "b.json")])
    assert exit_info.value.code == 2
    assert "mix.channels" in capsys.readouterr().err
    assert not (tmp_path / "b.json").exists()
    missing = tmp_path / "none.yml"
    with pytest.raises(SystemExit):
        main(["--quick", "--traffic", str(missing)])
    broken.write_text("mix: [unclosed\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["--quick", "--traffic", str(broken)])


def test_non_loopback_url_is_refused_before_anything_is_sent(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--quick", "--rasa-urls", "http://192.168.1.20:5005"])
    assert exit_info.value.code == 2
    assert "refusing" in capsys.readouterr().err


def test_every_rasa_url_must_be_loopback(capsys):
    with pytest.raises(SystemExit):
        main(["--quick", "--rasa-urls", "http://127.0.0.1:5005,http://10.1.1.1:5006"])
    assert "refusing" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--quick", "--rasa-urls", " , "])


def test_rasa_urls_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("RASA_URLS", "http://127.0.0.1:5005,http://127.0.0.1:5006")
    assert build_parser().parse_args([]).rasa_urls == "http://127.0.0.1:5005,http://127.0.0.1:5006"
    monkeypatch.delenv("RASA_URLS")
    monkeypatch.setenv("RASA_URL", "http://127.0.0.1:5405")
    assert build_parser().parse_args([]).rasa_urls == "http://127.0.0.1:5405"


def test_impossible_settings_are_refused():
    with pytest.raises(SystemExit):
        main(["--levels", "0,10"])
    with pytest.raises(SystemExit):
        main(["--open-interval", "1", "--open-jitter", "0.5"])
    with pytest.raises(SystemExit):
        main(["--long-concurrency", "0"])


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_services_down_stop_the_run_and_nothing_is_written(tmp_path, capsys):
    port = _closed_port()
    out = tmp_path / "bench.json"
    code = main(["--quick", "--gateway-url", f"http://127.0.0.1:{port}", "--rasa-urls", f"http://127.0.0.1:{port}",
                 "--json", str(out), "--markdown", str(tmp_path / "bench.md")])
    assert code == 2
    assert "not ready" in capsys.readouterr().err
    assert not out.exists()

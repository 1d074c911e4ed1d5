"""The gateway's texts against what its code passes them (server/human_texts.py PLACEHOLDERS)."""
import re
from pathlib import Path

from server.data_files import load_yaml
from server.human_texts import PLACEHOLDERS, check_texts

SERVER = Path(__file__).resolve().parents[2] / "server"


def test_the_shipped_texts_pass():
    assert check_texts(load_yaml("human_service.yml")["texts"]) == []


def test_a_misnamed_placeholder_or_a_missing_text_is_named():
    texts = dict(load_yaml("human_service.yml")["texts"])
    texts["queued"] = {"webchat": "您排在第{位置}位", "hotline": "请稍候"}
    del texts["declined"]
    found = check_texts(texts)
    assert "texts.queued.webchat: 用了 {位置}，这里只能用 {position}" in found
    assert "texts.declined: 缺少这段话" in found


def test_every_text_the_code_says_is_in_the_contract():
    said = {name for path in SERVER.glob("*.py") for name in re.findall(r"say\(\s*\"(\w+)\"", path.read_text(encoding="utf-8"))}
    assert said and said <= set(PLACEHOLDERS)

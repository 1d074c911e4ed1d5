"""Personal numbers never get past the gateway: not to Rasa, not into the hand-off queue or its
database, not into the logs."""
import logging

from gateway_fixtures import chat, gateway_client, hotline, make_settings, open_handoffs

ID_NUMBER, MOBILE, CARD = "370102199001011234", "13812345678", "6250946000000016"
RAW = (ID_NUMBER, MOBILE, CARD, "0101", "12345678", "4600000")  # nor any long part of them
MESSAGE = f"我的身份证{ID_NUMBER}，手机{MOBILE}，报销款能打到卡{CARD}吗？住院花了16000元"
MASKED = "我的身份证[身份证号尾号1234]，手机[手机号尾号5678]，报销款能打到卡[银行卡号尾号0016]吗？住院花了16000元"


def assert_no_raw_numbers(text: str) -> None:
    assert not [raw for raw in RAW if raw in text], text


def test_rasa_receives_the_masked_text(client, rasa):
    assert chat(client, MESSAGE).status_code == 200
    assert [m["message"] for m in rasa.messages] == [MASKED]


def test_the_hotline_transcript_is_masked_too(client, rasa):
    hotline(client, "嗯，我的手机号是138 1234 5678，身份证是370102199001011234")
    assert [m["message"] for m in rasa.messages] == ["我的手机号是[手机号尾号5678]，身份证是[身份证号尾号1234]"]


def test_a_number_at_the_cut_is_masked_whole(tmp_path, rasa):
    message = "问" * 15 + ID_NUMBER  # the raw number would straddle the 20-character cut
    with gateway_client(make_settings(tmp_path, max_text=20), rasa) as client:
        replies = chat(client, message).json()["replies"]
    assert "截取" in replies[0]["text"]
    assert rasa.messages[0]["message"] == ("问" * 15 + "[身份证号尾号1234]")[:20] + "…"


def test_handoff_summary_and_database_hold_only_masked_numbers(client, rasa, settings):
    rasa.answer = lambda sender, text: [{"text": f"关于{text}的答复"}]
    chat(client, MESSAGE)
    chat(client, "转人工")  # the fake Rasa has no tracker: the summary comes from the gateway's memory
    [handoff] = open_handoffs(client)
    assert handoff["summary"].startswith("问题：我的身份证[身份证号尾号1234]，手机[手机号尾号5678]")
    assert_no_raw_numbers(handoff["summary"])
    # the database file and its write-ahead log (open connections keep recent commits there)
    files = [settings.gateway_db, settings.gateway_db.with_name(settings.gateway_db.name + "-wal")]
    database = "".join(f.read_bytes().decode("utf-8", errors="replace") for f in files if f.exists())
    assert "[手机号尾号5678]" in database
    assert_no_raw_numbers(database)


def test_a_tracker_with_raw_numbers_gives_a_masked_summary(client, rasa):
    # a conversation that reached Rasa before masking, or by another way
    rasa.trackers["web:s1"] = {
        "slots": {"phone": MOBILE},
        "events": [{"event": "user", "text": MESSAGE}, {"event": "bot", "text": f"您的卡号{CARD}已登记"}],
    }
    chat(client, "转人工")
    summary = open_handoffs(client)[0]["summary"]
    assert "phone=[手机号尾号5678]" in summary and "您的卡号[银行卡号尾号0016]已登记" in summary
    assert_no_raw_numbers(summary)


def test_logs_show_only_masked_numbers(client, rasa, caplog):
    caplog.set_level(logging.DEBUG)
    chat(client, MESSAGE)
    hotline(client, f"我的手机号是{MOBILE}")
    rasa.rasa_up = False  # failures are logged too
    chat(client, MESSAGE)
    chat(client, "转人工")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"web:s1 says: {MASKED}" in logged
    assert "call:c1 says: 我的手机号是[手机号尾号5678]" in logged
    assert_no_raw_numbers(logged)

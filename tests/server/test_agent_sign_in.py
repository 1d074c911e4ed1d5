"""Agent accounts and sessions: salted argon2 hashes, the command line, the cookie, CSRF, sign-out."""
import pytest
from fastapi.testclient import TestClient
from gateway_fixtures import AGENT_PASSWORD, agent_desk, assert_error, gateway_client, make_settings

from server import agents as agents_cli
from server.accounts import BadAccount
from server.settings import Settings
from server.store.agents import AgentStore
from server.store.database import open_database


def test_passwords_are_salted_argon2_hashes(client):
    accounts = client.app.state.services.accounts
    first, second = accounts.add("2001", "甲", "same-password-1"), accounts.add("2002", "乙", "same-password-1")
    assert first.password_hash.startswith("$argon2id$") and first.password_hash != second.password_hash
    assert "same-password-1" not in first.password_hash
    assert accounts.sign_in("2001", "same-password-1") is not None
    assert accounts.sign_in("2001", "wrong-password") is None and accounts.sign_in("9999", "same-password-1") is None


@pytest.mark.parametrize(
    "work_number, name, password", [("1", "甲", "long-enough-1"), ("10 01", "甲", "long-enough-1"),
                                    ("1001", " ", "long-enough-1"), ("1001", "甲", "short")]
)
def test_bad_accounts_are_refused(client, work_number, name, password):
    with pytest.raises(BadAccount):
        client.app.state.services.accounts.add(work_number, name, password)


def test_sign_in_sets_a_strict_http_only_cookie(client):
    client.app.state.services.accounts.add("1001", "张三", AGENT_PASSWORD)
    browser = TestClient(client.app)
    response = browser.post("/agent/api/session", json={"work_number": "1001", "password": AGENT_PASSWORD})
    assert response.status_code == 200
    assert response.json()["agent"] == {"work_number": "1001", "name": "张三"} and len(response.json()["csrf_token"]) > 20
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("agent_session=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Secure" not in cookie  # plain http in this test; https or COOKIE_SECURE adds it
    assert browser.get("/agent/api/session").json()["agent"]["work_number"] == "1001"


def test_the_cookie_is_secure_over_https(client):
    client.app.state.services.accounts.add("1001", "张三", AGENT_PASSWORD)
    browser = TestClient(client.app, base_url="https://gateway.test")
    response = browser.post("/agent/api/session", json={"work_number": "1001", "password": AGENT_PASSWORD})
    assert "Secure" in response.headers["set-cookie"]


def test_wrong_credentials_and_guessing(client):
    client.app.state.services.accounts.add("1001", "张三", AGENT_PASSWORD)
    browser = TestClient(client.app, raise_server_exceptions=False)
    for _ in range(5):
        assert_error(browser.post("/agent/api/session", json={"work_number": "1001", "password": "guess-guess"}), 401,
                     "bad_credentials")
    limited = browser.post("/agent/api/session", json={"work_number": "1001", "password": AGENT_PASSWORD})
    assert_error(limited, 429, "rate_limited")
    assert "set-cookie" not in limited.headers


def test_a_lone_surrogate_in_the_credentials_is_a_clean_422(client):
    raw = b'{"work_number": "1001", "password": "\\ud800aaaaaaaa"}'
    response = client.post("/agent/api/session", content=raw, headers={"Content-Type": "application/json"})
    assert_error(response, 422, "invalid_request")


def test_every_agent_endpoint_needs_a_session(client):
    anonymous = TestClient(client.app, raise_server_exceptions=False)
    for path in ("/agent/api/session", "/agent/api/queue", "/agent/api/work-orders", "/agent/api/events",
                 "/agent/api/conversations/webchat/s1", "/agent/api/handoffs/1"):
        assert_error(anonymous.get(path), 401, "not_signed_in")
    for path in ("/agent/api/handoffs/1/claim", "/agent/api/work-orders/1/close", "/agent/api/session/end"):
        assert_error(anonymous.post(path, json={}), 401, "not_signed_in")
    ops = anonymous.get("/ops", follow_redirects=False)
    assert ops.status_code == 303 and ops.headers["location"] == "/agent?next=%2Fops"
    assert anonymous.get("/ops/export.csv", follow_redirects=False).status_code == 303


def test_changes_need_the_csrf_token_and_the_same_origin(client):
    desk = agent_desk(client)
    for headers in ({}, {"X-CSRF-Token": "forged"}, {"X-CSRF-Token": desk.csrf, "Origin": "https://evil.example"}):
        response = desk.client.post("/agent/api/handoffs/1/claim", headers=headers)
        assert_error(response, 403, "csrf_failed")
    forged_sign_in = TestClient(client.app).post(
        "/agent/api/session", json={"work_number": "1001", "password": AGENT_PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert_error(forged_sign_in, 403, "csrf_failed")
    assert desk.client.post("/agent/api/session/end", headers={"X-CSRF-Token": desk.csrf,
                                                                "Origin": "http://testserver"}).status_code == 200


def test_sign_out_ends_the_session(client):
    desk = agent_desk(client)
    assert desk.post("/agent/api/session/end").status_code == 200
    assert_error(desk.get("/agent/api/queue"), 401, "not_signed_in")


def test_a_disabled_agent_is_signed_out(client):
    desk = agent_desk(client)
    services = client.app.state.services
    agent = services.stores.agents.by_work_number("1001")
    services.stores.agents.set_disabled(agent.id, True)
    assert_error(desk.get("/agent/api/queue"), 401, "not_signed_in")
    assert services.accounts.sign_in("1001", AGENT_PASSWORD) is None


def test_the_workspace_page_is_served_with_a_strict_content_policy(client):
    page = client.get("/agent")
    assert page.status_code == 200 and "医保坐席工作台" in page.text
    policy = page.headers["content-security-policy"]
    assert policy.startswith("default-src 'self'") and "unsafe" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert '<script src="/static/agent.js">' in page.text and "<script>" not in page.text
    script = client.get("/static/agent.js").text
    assert ".innerHTML" not in script and "insertAdjacentHTML" not in script and "textContent" in script


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GATEWAY_DB", str(tmp_path / "gateway.db"))
    monkeypatch.delenv("GATEWAY_DB_URL", raising=False)
    return tmp_path


def _agents(tmp_path) -> AgentStore:
    return AgentStore(open_database(Settings(gateway_db=tmp_path / "gateway.db").database_url))


def test_cli_adds_lists_and_resets(cli_env, monkeypatch, capsys):
    monkeypatch.setenv("AGENT_PASSWORD", "first-password-1")
    assert agents_cli.main(["add", "1001", "张三"]) == 0
    assert agents_cli.main(["add", "1001", "李四"]) == 1
    assert "已存在" in capsys.readouterr().err
    assert agents_cli.main(["list"]) == 0
    assert "1001\t张三\tactive" in capsys.readouterr().out
    before = _agents(cli_env).by_work_number("1001").password_hash
    monkeypatch.setenv("AGENT_PASSWORD", "second-password-2")
    assert agents_cli.main(["password", "1001"]) == 0
    assert _agents(cli_env).by_work_number("1001").password_hash != before
    assert agents_cli.main(["disable", "1001"]) == 0
    assert _agents(cli_env).by_work_number("1001").disabled_at is not None
    assert agents_cli.main(["password", "9999"]) == 1


def test_cli_asks_the_password_twice(cli_env, monkeypatch, capsys):
    monkeypatch.delenv("AGENT_PASSWORD", raising=False)
    answers = iter(["typed-password-1", "typed-password-2"])
    monkeypatch.setattr(agents_cli.getpass, "getpass", lambda prompt: next(answers))
    assert agents_cli.main(["add", "1001", "张三"]) == 1
    assert "不一致" in capsys.readouterr().err and _agents(cli_env).all() == []


def test_dev_account_only_when_there_is_none(cli_env, capsys):
    assert agents_cli.main(["dev"]) == 0
    printed = capsys.readouterr().out
    password = printed.split("密码 ")[1].strip()
    assert "工号 1000" in printed and len(password) >= 12
    assert (cli_env / "var" / "dev-agent.txt").stat().st_mode & 0o077 == 0  # readable by its owner only
    assert agents_cli.main(["dev"]) == 0
    assert password in capsys.readouterr().out  # shown again, not made again
    assert len(_agents(cli_env).all()) == 1


def test_no_dev_account_beside_real_ones(cli_env, monkeypatch, capsys):
    monkeypatch.setenv("AGENT_PASSWORD", "real-password-1")
    agents_cli.main(["add", "2001", "王五"])
    assert agents_cli.main(["dev"]) == 0
    assert "make agent-add" in capsys.readouterr().out
    assert [a.work_number for a in _agents(cli_env).all()] == ["2001"]


def test_a_fresh_gateway_has_no_account(tmp_path, rasa):
    with gateway_client(make_settings(tmp_path), rasa, agent_on_duty=False) as client:
        assert client.app.state.services.stores.agents.all() == []

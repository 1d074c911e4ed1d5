"""GET /healthz, the widget's files, and the JSON error layer."""
import re
from pathlib import Path

import httpx
import pytest
from gateway_fixtures import RASA_URL, assert_error

STATIC = Path(__file__).resolve().parents[2] / "server" / "static"


def test_health_ok_when_both_are_up(client, rasa):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "rasa": "up",
        "action_server": "up",
        "rasa_processes": [{"url": RASA_URL, "state": "up"}],
    }


@pytest.mark.parametrize(
    "rasa_up, actions_up, expected",
    [
        (False, True, {"status": "degraded", "rasa": "down", "action_server": "up"}),
        (True, False, {"status": "degraded", "rasa": "up", "action_server": "down"}),
        (False, False, {"status": "degraded", "rasa": "down", "action_server": "down"}),
    ],
)
def test_health_503_names_what_is_down(client, rasa, rasa_up, actions_up, expected):
    rasa.rasa_up, rasa.actions_up = rasa_up, actions_up
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {**expected, "rasa_processes": [{"url": RASA_URL, "state": expected["rasa"]}]}


def test_health_counts_a_rasa_without_a_model_as_down(client, rasa):
    rasa.model_loaded = False  # listening, but every turn would fail
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["rasa"] == "down"


def test_health_counts_a_timeout_as_down(client, rasa):
    rasa.failure = httpx.ConnectTimeout("slow")
    assert client.get("/healthz").json()["rasa"] == "down"


def test_widget_page_is_served(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "医保政策助手" in response.text
    for asset in ("/static/widget.css", "/static/widget.js"):
        assert asset in response.text
        assert client.get(asset).status_code == 200


def test_widget_offers_every_region_of_the_shared_list_the_default_first(client):
    from knowledge.shared_facts import DEFAULT_REGION, REGIONS

    buttons = re.findall(r'data-region="([^"]+)" aria-pressed="(true|false)"', client.get("/").text)
    assert [code for code, _ in buttons] == list(REGIONS)
    assert [code for code, pressed in buttons if pressed == "true"] == [DEFAULT_REGION]


def test_openapi_lists_the_shared_regions(client):
    from knowledge.shared_facts import REGIONS

    schema = client.get("/openapi.json").json()["components"]["schemas"]["ChatRequest"]
    assert schema["properties"]["region"]["enum"] == list(REGIONS)


def test_widget_loads_nothing_from_other_hosts():
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        # the only absolute URL allowed is the SVG namespace name, which is never fetched
        urls = set(re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"')]*", text)) - {"http://www.w3.org/2000/svg"}
        assert urls == set(), path.name
        assert "@import" not in text


def test_widget_never_writes_html_from_strings():
    script = re.sub(r"//[^\n]*", "", (STATIC / "widget.js").read_text(encoding="utf-8"))  # code, not comments
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", script)


def test_openapi_documents_the_contract(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/chat", "/api/hotline/turn", "/api/handoff", "/api/handoff/{handoff_id}/close", "/healthz"} <= set(
        schema["paths"]
    )
    chat_response = schema["components"]["schemas"]["ChatResponse"]
    assert "not_understood" in chat_response["properties"]["handoff"]["description"]
    assert client.get("/docs").status_code == 200


def test_unknown_path_and_method_are_json(client):
    assert_error(client.get("/api/nothing"), 404, "not_found")
    assert_error(client.get("/api/chat"), 405, "method_not_allowed")


def test_unexpected_errors_are_500_json_without_a_trace(client):
    def explode() -> None:
        raise RuntimeError("secret internal detail")

    client.app.add_api_route("/boom", explode)
    response = client.get("/boom")
    error = assert_error(response, 500, "internal_error")
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert error["message"] == "服务器内部错误，请稍后再试"

"""API keys on every protected route, compared in constant time; CORS only for configured origins."""
import hmac

import pytest
from gateway_fixtures import HANDOFF_KEY, HOTLINE_KEY, assert_error, gateway_client, make_settings

from server.settings import Settings

PROTECTED = {
    ("post", "/api/hotline/turn"): HOTLINE_KEY,
    ("get", "/api/handoff"): HANDOFF_KEY,
    ("post", "/api/handoff/{handoff_id}/close"): HANDOFF_KEY,
}
ALLOWED_ORIGIN = "https://ybj.binzhou.example"
OTHER_ORIGIN = "https://evil.example"


def secured_operations(client) -> list[tuple[str, str]]:
    schema = client.get("/openapi.json").json()
    return [
        (method, path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation.get("security")
    ]


def call(client, method: str, path: str, headers: dict[str, str]):
    return client.request(
        method,
        path.replace("{handoff_id}", "1"),
        json={"call_id": "c1", "transcript": "你好"} if method == "post" else None,
        headers=headers,
    )


def test_the_protected_routes_are_the_hotline_and_the_handoff_queue(client):
    assert set(secured_operations(client)) == set(PROTECTED)


@pytest.mark.parametrize("operation", sorted(PROTECTED))
@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Api-Key": ""}, {"X-Api-Key": "wrong"}, {"X-Api-Key": HOTLINE_KEY[:-1]},
     {"X-Api-Key": HANDOFF_KEY + " "}, {"Authorization": f"Bearer {HANDOFF_KEY}"}],
)
def test_every_protected_route_refuses_a_missing_or_wrong_key(client, rasa, operation, headers):
    method, path = operation
    assert_error(call(client, method, path, headers), 401, "unauthorized")
    assert rasa.messages == []


@pytest.mark.parametrize("operation", sorted(PROTECTED))
def test_every_protected_route_refuses_the_other_routes_key(client, operation):
    method, path = operation
    other_key = HANDOFF_KEY if PROTECTED[operation] == HOTLINE_KEY else HOTLINE_KEY
    assert_error(call(client, method, path, {"X-Api-Key": other_key}), 401, "unauthorized")


@pytest.mark.parametrize("operation", sorted(PROTECTED))
def test_every_protected_route_accepts_its_key(client, operation):
    method, path = operation
    assert call(client, method, path, {"X-Api-Key": PROTECTED[operation]}).status_code in (200, 404)


def test_keys_are_compared_in_constant_time(client, monkeypatch):
    compared = []
    real = hmac.compare_digest

    def spy(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return real(given, expected)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert call(client, "get", "/api/handoff", {"X-Api-Key": "guess"}).status_code == 401
    assert call(client, "get", "/api/handoff", {"X-Api-Key": HANDOFF_KEY}).status_code == 200
    assert compared == [(b"guess", HANDOFF_KEY.encode()), (HANDOFF_KEY.encode(), HANDOFF_KEY.encode())]


# --- CORS ------------------------------------------------------------------------------


def preflight(client, origin: str, headers: str = "content-type"):
    return client.options(
        "/api/chat",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": headers},
    )


def cors_headers(response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name.lower().startswith("access-control-")}


def test_no_cors_headers_at_all_by_default(client, monkeypatch):
    monkeypatch.delenv("CORS_ORIGINS", raising=False)
    assert Settings().cors_origins == []
    response = preflight(client, ALLOWED_ORIGIN)
    assert_error(response, 405, "method_not_allowed")
    assert cors_headers(response) == {}
    answered = client.post("/api/chat", json={"session_id": "s1", "text": "你好"}, headers={"Origin": ALLOWED_ORIGIN})
    assert answered.status_code == 200 and cors_headers(answered) == {}


@pytest.fixture
def cors_client(tmp_path, rasa):
    settings = make_settings(tmp_path, cors_origins=f"{ALLOWED_ORIGIN}, http://localhost:3000")
    with gateway_client(settings, rasa) as client:
        yield client


def test_a_preflight_from_an_allowed_origin_gets_the_headers(cors_client):
    response = preflight(cors_client, ALLOWED_ORIGIN, headers="content-type, x-api-key")
    assert response.status_code == 200
    headers = cors_headers(response)
    assert headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert {"GET", "POST"} <= set(headers["access-control-allow-methods"].split(", "))
    assert "x-api-key" in headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in headers  # the API uses no cookies


def test_a_request_from_an_allowed_origin_may_read_the_answer(cors_client):
    response = cors_client.post("/api/chat", json={"session_id": "s1", "text": "你好"},
                                headers={"Origin": "http://localhost:3000"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://localhost:3000"


def test_a_preflight_from_another_origin_gets_no_cors_headers(cors_client):
    response = preflight(cors_client, OTHER_ORIGIN)
    assert_error(response, 403, "cors_not_allowed")
    assert cors_headers(response) == {}


def test_a_request_from_another_origin_gets_no_cors_headers(cors_client, rasa):
    response = cors_client.post("/api/chat", json={"session_id": "s1", "text": "你好"}, headers={"Origin": OTHER_ORIGIN})
    assert cors_headers(response) == {}  # so the browser does not let that page read it


def test_cors_origins_are_comma_separated_in_the_environment(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", f" {ALLOWED_ORIGIN} ,http://localhost:3000,")
    assert Settings().cors_origins == [ALLOWED_ORIGIN, "http://localhost:3000"]

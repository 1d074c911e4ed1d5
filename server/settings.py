"""Gateway configuration, read once from the environment (names are upper-case: RASA_URL, ...).

List settings (RASA_URLS, CORS_ORIGINS) are comma-separated in the environment."""
from pathlib import Path
from typing import Any

from pydantic import BaseSettings, Field, validator

REPO_ROOT = Path(__file__).resolve().parent.parent
_LISTS = ("rasa_urls", "cors_origins")


class Settings(BaseSettings):
    rasa_url: str = Field(default="http://127.0.0.1:5005", description="Rasa server (run with --enable-api --auth-token)")
    rasa_urls: list[str] = Field(
        default_factory=list,
        description="several Rasa processes sharing one tracker store; each conversation sticks to one "
        "(empty: RASA_URL alone)",
    )
    action_server_url: str = Field(default="http://127.0.0.1:5055", description="rasa-sdk action server")
    rasa_token: str = Field(default="dev-rasa-token", description="Rasa --auth-token, sent as ?token= to the HTTP API")
    rasa_timeout: float = Field(default=30.0, gt=0, description="seconds to wait for Rasa or the action server")
    # Rasa answers one message at a time; a few at once keep it busy while one waits for the action server.
    rasa_in_flight: int = Field(default=8, gt=0, description="requests at once to each Rasa process; more wait")
    rasa_wait_seconds: float = Field(
        default=5.0, gt=0, description="longest wait for one of them; then the user is told the system is busy"
    )
    hotline_api_key: str | None = Field(default=None, description="X-Api-Key for /api/hotline/*; unset -> 503")
    handoff_api_key: str | None = Field(default=None, description="X-Api-Key for /api/handoff*; unset -> 503")
    gateway_db: Path = Field(
        default=Path("var/gateway.db"), description="SQLite file of the gateway's store (when GATEWAY_DB_URL is unset)"
    )
    gateway_db_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the gateway's store, e.g. postgresql://user@host:5432/gateway "
        "(several gateway processes share it); unset: the SQLite file GATEWAY_DB",
    )
    max_text: int = Field(default=500, gt=0, description="longer messages are cut to this many characters")
    hard_max_text: int = Field(default=5000, gt=0, description="longer messages are refused with 413")
    asr_min_confidence: float = Field(default=0.5, ge=0, le=1, description="below this the caller is asked to repeat")
    asr_lexicon_dir: Path = Field(
        default=REPO_ROOT / "nlu" / "jieba", description="folder of jieba user dictionaries: the 医保 lexicon"
    )
    # A person types or speaks at most a message every few seconds: 30 a minute per chat
    # session or call leaves room for quick-reply clicks in a row and stops a script.
    rate_session_per_min: int = Field(default=30, gt=0, description="messages per minute per chat session or call")
    # Several people may share one address (a family, an office, a service hall behind one NAT):
    # 120 a minute is four sessions at full speed, and one client cannot flood Rasa.
    rate_client_per_min: int = Field(default=120, gt=0, description="chat messages per minute per client address")
    # The phone bridge is one client for every call: 600 a minute is 60 calls at a turn every 6 s.
    rate_hotline_client_per_min: int = Field(
        default=600, gt=0, description="hotline turns per minute per client address (the phone bridge)"
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="origins allowed to call the API from a browser (empty: no CORS)"
    )
    # Human service. The hours and the callback promise are the bureau's to set: the defaults are
    # placeholders for development, not published figures.
    service_hours: str = Field(
        default="mon-fri 09:00-17:00",
        description="when agents take conversations: 'always', or days and times such as "
        "'mon-fri 08:30-12:00,13:30-17:30; sat 09:00-12:00' (local time, SERVICE_UTC_OFFSET)",
    )
    service_utc_offset: int = Field(default=8, ge=-12, le=14, description="hours east of UTC of SERVICE_HOURS")
    work_order_reply_hours: int = Field(
        default=24, gt=0, description="a callback work order is promised an answer within this many hours"
    )
    hotline_transfer_to: str = Field(
        default="queue:yibao-agents", description="where the phone system transfers a handed-off call"
    )
    agent_presence_seconds: int = Field(
        default=90, gt=0, description="an agent counts as available while their workspace was open this recently"
    )
    agent_session_hours: int = Field(default=12, gt=0, description="an agent's sign-in lasts this long")
    cookie_secure: bool = Field(
        default=False, description="mark the agents' session cookie Secure even on plain http (behind a TLS proxy)"
    )
    live_poll_seconds: float = Field(
        default=0.7, gt=0, description="how often a live stream (widget, agent workspace) looks for new messages"
    )
    live_stream_seconds: float = Field(
        default=120, gt=0, description="a live stream ends after this long; the browser reconnects where it left off"
    )
    forwarded_allow_ips: str = Field(
        default="",
        description="addresses of trusted proxies (comma-separated) whose X-Forwarded-For names the client; "
        "empty: the header is ignored (make run-scaled: 127.0.0.1, nginx)",
    )
    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8000

    @validator(*_LISTS, pre=True)
    def comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @validator("rasa_urls", always=True)
    def at_least_rasa_url(cls, urls: list[str], values: dict[str, Any]) -> list[str]:
        urls = [url.rstrip("/") for url in urls or [values.get("rasa_url", "")]]
        if len(set(urls)) != len(urls):
            raise ValueError("RASA_URLS lists a URL twice")
        return urls

    @property
    def database_url(self) -> str:
        return self.gateway_db_url or f"sqlite:///{self.gateway_db}"

    class Config:
        @classmethod
        def parse_env_var(cls, field_name: str, raw_val: str) -> Any:
            # lists come as "a,b" (split by the validator), not as JSON
            return raw_val if field_name in _LISTS else cls.json_loads(raw_val)  # type: ignore[attr-defined]

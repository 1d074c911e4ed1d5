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
    hotline_api_key: str | None = Field(default=None, description="X-Api-Key for /api/hotline/*; unset -> 503")
    handoff_api_key: str | None = Field(default=None, description="X-Api-Key for /api/handoff*; unset -> 503")
    gateway_db: Path = Field(default=Path("var/gateway.db"), description="SQLite file of the hand-off queue")
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

    class Config:
        @classmethod
        def parse_env_var(cls, field_name: str, raw_val: str) -> Any:
            # lists come as "a,b" (split by the validator), not as JSON
            return raw_val if field_name in _LISTS else cls.json_loads(raw_val)  # type: ignore[attr-defined]

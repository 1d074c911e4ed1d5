"""Gateway configuration, read once from the environment (names are upper-case: RASA_URL, ...)."""
from pathlib import Path
from typing import Optional

from pydantic import BaseSettings, Field

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    rasa_url: str = Field("http://127.0.0.1:5005", description="Rasa server (run with --enable-api --auth-token)")
    action_server_url: str = Field("http://127.0.0.1:5055", description="rasa-sdk action server")
    rasa_token: str = Field("dev-rasa-token", description="Rasa --auth-token, sent as ?token= to the HTTP API")
    rasa_timeout: float = Field(30.0, gt=0, description="seconds to wait for Rasa or the action server")
    hotline_api_key: Optional[str] = Field(None, description="X-Api-Key for /api/hotline/*; unset -> 503")
    handoff_api_key: Optional[str] = Field(None, description="X-Api-Key for /api/handoff*; unset -> 503")
    gateway_db: Path = Field(Path("var/gateway.db"), description="SQLite file of the hand-off queue")
    max_text: int = Field(500, gt=0, description="longer messages are cut to this many characters")
    hard_max_text: int = Field(5000, gt=0, description="longer messages are refused with 413")
    asr_min_confidence: float = Field(0.5, ge=0, le=1, description="below this the caller is asked to repeat")
    asr_lexicon_dir: Path = Field(
        REPO_ROOT / "nlu" / "jieba", description="folder of jieba user dictionaries: the 医保 lexicon"
    )
    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8000

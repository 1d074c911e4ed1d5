"""What the live tests share: where Rasa is, the API keys their in-process gateway uses, fresh ids."""
import os
import uuid

RASA_URL = os.environ.get("RASA_URL", "http://127.0.0.1:5005")
RASA_TOKEN = os.environ.get("RASA_TOKEN", "dev-rasa-token")

HOTLINE_KEY = "live-test-hotline-key"
HANDOFF_KEY = "live-test-handoff-key"
AGENT_PASSWORD = "live-test-password"


def new_id() -> str:
    return uuid.uuid4().hex[:16]

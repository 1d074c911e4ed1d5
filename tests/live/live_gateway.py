"""What the live tests of the gateway share: the API keys their in-process gateway uses, fresh ids."""
import uuid

HOTLINE_KEY = "live-test-hotline-key"
HANDOFF_KEY = "live-test-handoff-key"
AGENT_PASSWORD = "live-test-password"


def new_id() -> str:
    return uuid.uuid4().hex[:16]

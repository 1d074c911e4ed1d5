"""The domain's button payloads come out of Rasa's slot filling as the intent and entities they name."""
import json
import re
from pathlib import Path

import pytest
import yaml
from rasa.core.nlg import interpolator

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"
PAYLOAD = re.compile(r"^/(?P<intent>\w+)(?P<entities>\{.*\})?$")


def buttons():
    for path in sorted(DOMAIN.rglob("*.yml")):
        responses = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        for name, variants in responses.items():
            for variant in variants:
                for button in variant.get("buttons") or ():
                    yield pytest.param(button["payload"], id=f"{name}:{button['title']}")


@pytest.mark.parametrize("payload", list(buttons()))
def test_a_payload_is_filled_without_error_into_an_intent_and_its_entities(payload, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError(f"Rasa could not fill {payload!r}: {kwargs}")

    monkeypatch.setattr(interpolator.structlogger, "exception", fail)
    filled = interpolator.interpolate_text(payload, {"region": "binzhou"})
    if not filled.startswith("/"):
        return  # a text payload, read by the NLU like any message
    match = PAYLOAD.match(filled)
    assert match, filled
    if match["entities"]:
        assert isinstance(json.loads(match["entities"]), dict)

"""What the gateway itself says to users (server/data/texts.yml)."""
from dataclasses import dataclass
from functools import lru_cache

from server.data_files import load_yaml


@dataclass(frozen=True)
class Texts:
    busy: str
    truncated: str
    not_heard: str
    not_heard_question: str
    repeat_intro: str
    details_offer: str
    more_offer: str
    choices_intro: str
    choices_joiner: str
    choices_last_joiner: str

    def truncated_note(self, max_text: int) -> str:
        return self.truncated.format(max_text=max_text)


@lru_cache(maxsize=1)
def load_texts() -> Texts:
    return Texts(**load_yaml("texts.yml"))

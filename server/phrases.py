"""Requests the gateway recognises itself: a person, the details of the last answer, hearing it again,
small talk."""
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from knowledge.reading.choices import names_a_choice
from knowledge.reading.person_request import asks_about_the_transfer
from server.data_files import load_yaml

# everything but letters and digits: spaces, punctuation and emoji ("人工🙏" asks for a person too)
_NOT_WORD = re.compile(r"[\W_]+")


def _bare(text: str) -> str:
    return _NOT_WORD.sub("", text).lower()


class Phrases:
    def __init__(
        self,
        handoff_contains: Mapping[str, Iterable[str]],
        handoff_exact: Mapping[str, Iterable[str]],
        details: Iterable[str],
        details_how: Iterable[str],
        small_talk: Iterable[str],
        polite: Sequence[str],
        repeat: Mapping[str, Any],
    ) -> None:
        self._polite = sorted(polite, key=len, reverse=True)
        self._handoff_contains = {ch: tuple(map(_bare, words)) for ch, words in handoff_contains.items()}
        self._handoff_exact = {ch: {self._core(w) for w in words} for ch, words in handoff_exact.items()}
        self._details = {self._core(w) for w in details}
        self._details_how = tuple(sorted(map(_bare, details_how), key=len, reverse=True))
        self._small_talk = {_bare(w) for w in small_talk}
        self._repeat_contains = tuple(map(_bare, repeat["contains"]))
        self._repeat_exact = {self._core(w) for w in repeat["exact"]}
        self._repeat_max_chars = int(repeat["max_chars"])

    def _core(self, text: str) -> str:
        """The message without punctuation and polite words: 请帮我转人工吧！ -> 转人工."""
        core = _bare(text)
        for word in self._polite:
            core = core.replace(word, "")
        return core

    def asks_for_person(self, text: str, channel: str) -> bool:
        bare = _bare(text)
        if any(phrase in bare for phrase in self._handoff_contains.get(channel, ())):
            return not asks_about_the_transfer(text)
        core = self._core(text)
        # said again and again on a call ("喂 人工 人工"): the same request
        return any(core and not core.replace(phrase, "") for phrase in self._handoff_exact.get(channel, set()))

    def asks_for_details(self, text: str) -> bool:
        core = self._core(text)
        how = next((words for words in self._details_how if core.endswith(words)), "")
        return core in self._details or bool(how) and core.removesuffix(how) in self._details

    def asks_to_repeat(self, text: str) -> bool:
        """The caller did not catch the last answer: "没听清", "你再说一遍", "啥？"; not when it names whose or which
        one ("你再说一遍 刚才那个退休的 个人掏多少" after the 在职 what-if: the dialogue answers it)."""
        core = self._core(text)
        bare = _bare(text)
        repeat = core in self._repeat_exact or (
            len(core) <= self._repeat_max_chars and any(phrase in bare for phrase in self._repeat_contains)
        )
        # the choice readers run only on the few messages asking to hear it again, not on every call's turn
        return repeat and not names_a_choice(text)

    def is_small_talk(self, text: str) -> bool:
        return _bare(text) in self._small_talk


@lru_cache(maxsize=1)
def load_phrases() -> Phrases:
    data = load_yaml("requests.yml")
    return Phrases(
        handoff_contains=data["handoff"]["contains"],
        handoff_exact=data["handoff"]["exact"],
        details=data["details"],
        details_how=data["details_how"],
        small_talk=data["small_talk"],
        polite=data["polite"],
        repeat=data["repeat"],
    )

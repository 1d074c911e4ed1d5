"""Hotline transcript normalization: turn what the ASR heard into text the NLU was trained on.

Steps, in order: width/space clean-up, a caller correcting themselves, fillers, stutters and repeats, spoken amounts, known
confusions, and homophones of 医保 words (knowledge/reading/homophones.py: the lexicon is the
NLU's jieba user dictionary, the canonical terms and the topics' key terms). Every correction is
guarded: a pass that rewrote ordinary Chinese (一共计算, 共计五百元, 三家医院) would do more harm
than the ASR error it fixes.
"""
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.reading.homophones import NUMERALS, HomophoneCorrector, domain_lexicon, word_boundaries
from knowledge.reading.vocabulary import alternation
from server.data_files import load_yaml

_PAUSE = "，,。.、！!？?；;…~～ "
_PAUSE_CLASS = "[" + re.escape(_PAUSE) + "]"
_CJK = "\u4e00-\u9fff"


# Two spoken numbers with a space between ("一万二 一万两千块"): joined, they read as no amount at all.
_TWO_AMOUNTS = re.compile(rf"([{NUMERALS}]{{2,}})\s+(?=([{NUMERALS}]{{2,}}))")
_UNITS = "亿万千百"


def _pause_between_amounts(numbers: re.Match[str]) -> str:
    """A pause between two amounts when the second is as large as the first (its largest unit again: "一万二
    一万两千", a figure said again); not when it goes on with smaller units ("一万 两千": 12,000) or each
    character came spaced ("一 万 二")."""
    first, second = numbers.group(1), numbers.group(2)
    largest = next((unit for unit in _UNITS if unit in first), None)
    return first + ("，" if largest is not None and largest in second else " ")


def _once_unless_a_number_goes_on(repeat: re.Match[str]) -> str:
    """A repeat said once, but not a word and a number when the number goes on after it: "不是一万是一万二"
    corrects an amount (said once, 不是 would deny the new one); "两千两千七百" is said once, the longer."""
    unit, after = repeat.group(1), repeat.string[repeat.end():repeat.end() + 1]
    if unit[-1] in NUMERALS and unit.strip(NUMERALS) and after and after in NUMERALS:
        return repeat.group(0)
    return repeat.group(1)


@dataclass(frozen=True)
class Confusion:
    heard: str
    meant: str
    context: tuple[str, ...]
    unless_before_number: bool


class TranscriptNormalizer:
    def __init__(
        self,
        lexicon: Sequence[str],
        confusions: Sequence[Confusion],
        always_fillers: Sequence[str],
        filler_words: Sequence[str],
        filler_before: Sequence[str],
        standalone_fillers: Sequence[str],
        stutter_chars: Sequence[str],
        self_corrections: Sequence[str],
    ) -> None:
        self._homophones = HomophoneCorrector(lexicon)
        self._confusions = tuple(confusions)
        self._self_correction = re.compile(rf"(?:{alternation(self_corrections)}){_PAUSE_CLASS}*")

        self._always = re.compile(alternation(always_fillers))
        words = alternation(filler_words)
        before = "".join(map(re.escape, filler_before))
        # a filler word stands at the start, after a pause or after 我/你/您, and is followed by
        # a pause, the end, another filler word or the start of "我想问..."
        self._filler_word = re.compile(
            rf"(?:^|(?<={_PAUSE_CLASS})|(?<=[我你您]))(?:{words})"
            rf"(?={_PAUSE_CLASS}|$|[{before}]|(?:{words}))"
        )
        standalone = "|".join(map(re.escape, standalone_fillers))
        self._standalone = re.compile(rf"(?:^|(?<={_PAUSE_CLASS}))(?:{standalone})(?![度外定数头])")
        self._stutter = re.compile(rf"([{re.escape(''.join(stutter_chars))}])(?:{_PAUSE_CLASS}*\1)+")
        self._triple = re.compile(rf"([{_CJK}])(?:{_PAUSE_CLASS}*\1){{2,}}")
        self._repeat = re.compile(rf"([{_CJK}]{{2,4}}?)(?:{_PAUSE_CLASS}*\1)+")
        self._spoken_yuan = re.compile(rf"(?<=[{NUMERALS}])块钱?")

    @classmethod
    def from_files(cls, lexicon_dir: Path) -> "TranscriptNormalizer":
        rules = load_yaml("transcript.yml")
        confusions = [
            Confusion(
                heard=item["heard"],
                meant=item["meant"],
                context=tuple(item.get("context", ())),
                unless_before_number=bool(item.get("unless_before_number", False)),
            )
            for item in load_yaml("asr_confusions.yml")
        ]
        fillers = rules["fillers"]
        return cls(
            lexicon=domain_lexicon(lexicon_dir),
            confusions=confusions,
            always_fillers=fillers["always"],
            filler_words=fillers["words"],
            filler_before=fillers["before"],
            standalone_fillers=fillers["standalone"],
            stutter_chars=rules["stutter_chars"],
            self_corrections=rules["self_corrections"],
        )

    def normalize(self, text: str) -> str:
        text = self._clean(text)
        text = self._self_correction.sub("不对，", text)
        text = self._drop_fillers(text)
        text = self._collapse_repeats(text)
        text = self._spoken_yuan.sub("元", text)
        text = self._apply_confusions(text)
        text = self._homophones.correct(text)
        text = self._tidy_pauses(text)
        return text if re.search(r"\w", text) else ""  # nothing but pauses: nothing was said

    # --- steps -------------------------------------------------------------------------

    @staticmethod
    def _clean(text: str) -> str:
        # full-width letters and digits as ASCII; Chinese punctuation stays as it is
        text = "".join(unicodedata.normalize("NFKC", c) if c.isalnum() and "\uff01" <= c <= "\uff5e" else c for c in text)
        text = _TWO_AMOUNTS.sub(_pause_between_amounts, text)
        # ASR engines put spaces between Chinese characters; they are not pauses
        text = re.sub(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])", "", text)
        return re.sub(r"\s+", " ", text).strip()

    def _drop_fillers(self, text: str) -> str:
        text = self._always.sub("", text)
        text = self._standalone.sub("", text)
        # 那个那个我想问: each pass drops the filler that now stands before a filler or 我
        while True:
            reduced = self._filler_word.sub("", text)
            if reduced == text:
                return text
            text = reduced

    def _collapse_repeats(self, text: str) -> str:
        text = self._repeat.sub(_once_unless_a_number_goes_on, text)  # 医保医保 -> 医保, 我想我想问 -> 我想问
        text = self._triple.sub(lambda m: m.group(1) if m.group(1) not in NUMERALS else m.group(0), text)
        return self._stutter.sub(r"\1", text)  # 我我想问 -> 我想问 (谢谢 and 妈妈 stay)

    def _apply_confusions(self, text: str) -> str:
        for confusion in self._confusions:
            if confusion.context and not any(word in text for word in confusion.context):
                continue
            boundaries = word_boundaries(text)
            pieces, cursor = [], 0
            for match in re.finditer(re.escape(confusion.heard), text):
                start, end = match.span()
                if start not in boundaries or end not in boundaries:
                    continue  # inside a longer word: 一共计算
                if confusion.unless_before_number and end < len(text) and text[end] in NUMERALS:
                    continue  # 共计五百元 is a total
                pieces.append(text[cursor:start] + confusion.meant)
                cursor = end
            text = "".join(pieces) + text[cursor:]
        return text

    @staticmethod
    def _tidy_pauses(text: str) -> str:
        text = re.sub(r"([，,、；;])(?:\s*[，,、；;])+", r"\1", text)
        text = re.sub(r"[，,、；;]+(?=[。.！!？?])", "", text)
        return text.strip(" ，,、；;")

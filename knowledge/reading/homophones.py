"""Slips of 医保 words that sound right and are written wrong, corrected by sound.

A pinyin keyboard offers 专院 for zhuanyuan and 被案 for bei'an; an ASR engine hears 医宝 for
医保. Both write a word that sounds (toneless pinyin) like a 医保 word of the lexicon, so a
span of the text that sounds like a lexicon word and is not ordinary Chinese is rewritten to
that word. Every correction is guarded: a pass that rewrote ordinary Chinese (一共计算,
三家医院, 祝愿) would do more harm than the slip it fixes.

The hotline gateway applies it to transcripts; the NLU (nlu/term_normalizer.py) to every
message, typed or spoken, in training and at run time.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import jieba
from pypinyin import Style, pinyin

from knowledge.faq.model import knowledge_base
from knowledge.reading.terms import shipped_terms

NUMERALS = "0123456789零〇一二两三四五六七八九十百千万亿"
_CJK = "\u4e00-\u9fff"
# a CJK word is "common" (so never treated as a misheard 医保 word) from this jieba frequency on
COMMON_WORD_FREQ = 50
MIN_WORD, MAX_WORD = 2, 6


@lru_cache(maxsize=1)
def _general_dictionary() -> jieba.Tokenizer:
    """jieba with its general dictionary only: the judge of what ordinary Chinese looks like."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=4096)
def _reading(char: str) -> str:
    """The character's usual toneless pinyin: rare readings would make 跨县 sound like 跨省 (省 xian)."""
    return str(pinyin(char, style=Style.NORMAL)[0][0])


def word_boundaries(text: str) -> set[int]:
    """Offsets where the general dictionary puts a word boundary (no guessing of new words)."""
    offsets, position = {0}, 0
    for token in _general_dictionary().cut(text, HMM=False):
        position += len(token)
        offsets.add(position)
    return offsets


def _usable(words: Iterable[str]) -> list[str]:
    """The words of 2-6 Chinese characters, longest first."""
    kept = {w for w in words if MIN_WORD <= len(w) <= MAX_WORD and re.fullmatch(f"[{_CJK}]+", w)}
    return sorted(kept, key=lambda w: (-len(w), w))


def load_lexicon(folder: Path) -> list[str]:
    """The words of every jieba user dictionary in the folder (the NLU's: nlu/jieba)."""
    words: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if fields and not fields[0].startswith("#"):
                words.add(fields[0])
    return _usable(words)


def domain_lexicon(folder: Path) -> list[str]:
    """The user dictionaries' words, the canonical terms (lexicon/terms.yml) and the words of the FAQ
    topics' key terms (专院 is heard and typed for 转院, a key term): one list, longest first."""
    terms = set(shipped_terms().canonical_of.values())
    keys = {word for topic in knowledge_base().trained_topics() for group in topic.key_terms for word in group}
    return _usable({*load_lexicon(folder), *terms, *keys})


class HomophoneCorrector:
    """Lexicon words in the order they are tried (longest first), each with its usual sound."""

    def __init__(self, lexicon: Iterable[str]) -> None:
        words = _usable(lexicon)
        self._rank = {word: rank for rank, word in enumerate(words)}
        self._by_sound: dict[tuple[str, ...], list[str]] = {}
        for word in words:
            self._by_sound.setdefault(tuple(map(_reading, word)), []).append(word)

    def correct(self, text: str) -> str:
        """Each word in turn, each span of the text from the left: a span that sounds like the word,
        overlaps nothing written as a lexicon word or already corrected, and passes the guards
        becomes the word. Only spans with the word's sound are tried: looked up by sound, not
        compared with every word of the lexicon (the NLU corrects every message)."""
        protected = [False] * len(text)
        written_to: dict[str, int] = {}  # where a lexicon word's last occurrence ends (none overlap)
        readings = [_reading(char) for char in text]
        candidates: list[tuple[int, int, str]] = []
        for size in range(MIN_WORD, MAX_WORD + 1):
            for start in range(len(text) - size + 1):
                span = text[start : start + size]
                if span in self._rank and start >= written_to.get(span, 0):
                    protected[start : start + size] = [True] * size
                    written_to[span] = start + size
                for word in self._by_sound.get(tuple(readings[start : start + size]), ()):
                    candidates.append((self._rank[word], start, word))
        boundaries: set[int] | None = None
        replacements: list[tuple[int, str]] = []
        for _, start, word in sorted(candidates):
            size = len(word)
            if any(protected[start : start + size]):  # a span corrected before is protected too
                continue
            boundaries = word_boundaries(text) if boundaries is None else boundaries
            if self._sounds_like(text[start : start + size], word, text, start, boundaries):
                replacements.append((start, word))
                protected[start : start + size] = [True] * size
        for start, word in sorted(replacements, reverse=True):
            text = text[:start] + word + text[start + len(word) :]
        return text

    def _sounds_like(self, span: str, word: str, text: str, start: int, boundaries: set[int]) -> bool:
        changed = [i for i, (heard, meant) in enumerate(zip(span, word, strict=False)) if heard != meant]
        if not changed or len(changed) > len(word) // 2:
            return False  # identical, or too little left of the word to trust the sound alone
        for i in changed:
            if start + i > 0 and text[start + i - 1] in NUMERALS:
                return False  # a number and its measure word: 三家医院 is not 三甲医院
            if span[i] in NUMERALS and len(word) < 4:
                return False  # 一包: only a longer word (异地就一备案) shows 一 was misheard
        if not all(_reading(h) == _reading(m) for h, m in zip(span, word, strict=False)):
            return False
        if _general_dictionary().FREQ.get(span, 0) >= COMMON_WORD_FREQ:
            return False  # an ordinary word in its own right: 祝愿 is not 住院
        return start in boundaries and start + len(span) in boundaries

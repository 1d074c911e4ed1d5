"""Closed-choice slot values in free answers: scheme, status, care, level, group, disease, offsite,
filing, yes/no, region.

The vocabularies are data, one file per slot in knowledge/reading/lexicon/ (format in scheme.yml),
so an operator adds a word without touching code. An answer is read in four steps:
1. `normalize`: halfwidth, lower case, no spaces, in the canonical vocabulary of terms.yml
   (退修 → 退休, 新农合 → 居民医保), as the NLU reads it.
2. Scan left to right for the longest word of the slot (values and exceptions alike), so
   an exception is read before the value it contains: 没退休 before 退休, 慢性病门诊 before 门诊.
3. A value word right after a negation (没住院, 不是职工, 没有去住院) says nothing.
4. Exactly one value named → that value; none, or several different ones → None, and
   the bot asks again. (A slot may `combine` values said together: 高血压 + 糖尿病.) Of several,
   those said of the past in their clause give way (原来在厂里上班 beside 退休职工).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from knowledge.reading import vocabulary as lexicon
from knowledge.reading.terms import asked, canonical

UNKNOWN = "unknown"  # the exceptions key of words that only stop a wrong match

_MATCHING = lexicon.read("matching")
_NOT_KNOWN = tuple(lexicon.read("not_known")["words"])
_NO_FIGURE = tuple(lexicon.read("not_known")["no_figure"])
_NOT_SETTLED = tuple(lexicon.read("not_known")["not_settled"])
_HOSPITAL_WORDS = tuple(lexicon.read("level")["hospital_words"])
# Text ending in a negation, optionally with one gap character: "没", "不是", "没有去".
_NEGATED = re.compile(
    f"(?:{lexicon.alternation(_MATCHING['negations'])})"
    f"(?:{lexicon.alternation(_MATCHING['negation_gap'])})?$"
)
_CORRECTION = re.compile(lexicon.alternation(_MATCHING["corrections"]))


def _earlier_in_clause(words: list[str], unless: list[str] | None = None) -> re.Pattern:
    """One of the words earlier in the same clause as the end of the text, with none of `unless`
    between them."""
    in_clause = f"(?:(?!{lexicon.alternation(unless)})[^,.;!?、])" if unless else "[^,.;!?、]"
    return re.compile(f"(?:{lexicon.alternation(words)}){in_clause}*$")


# A past word earlier in the same clause, no present word after it: "原来在厂里上班", "以前是新农合".
_PAST = _earlier_in_clause(_MATCHING["past"], unless=_MATCHING["present"])

# "这次" earlier in the same clause: "这次在县人民医院（二级）"
_THIS_TIME = _earlier_in_clause(_MATCHING["this_time"])


@dataclass(frozen=True)
class _Slot:
    meaning: dict[str, str | None]  # surface word → canonical value, None for an UNKNOWN exception
    negatable: frozenset[str]  # the `values` words: a negation before them cancels them
    combine: dict[str, frozenset[str]]  # value standing for several values said together
    pattern: re.Pattern  # all words, longest first: leftmost-longest matching


def parse_scheme(text: str) -> str | None:
    """"职工" or "居民"."""
    return _read("scheme", text)


def parse_status(text: str) -> str | None:
    """"在职" or "退休" (没退休 → 在职)."""
    return _read("status", text)


def parse_care(text: str) -> str | None:
    """"住院", "普通门诊", "门诊慢特病" or "两病"; a stay told with its length between 住 and 院 is 住院."""
    return _read("care", stay_said_plainly(normalize(text)))


def care_kinds_said(text: str) -> set[str]:
    """Every kind of care a message names, a negated one not ("没住院"): where `parse_care` finds several."""
    slot, plain = _slot("care"), normalize(stay_said_plainly(normalize(text)))
    return {
        meaning
        for match in slot.pattern.finditer(plain)
        if not (match.group() in slot.negatable and _NEGATED.search(plain, 0, match.start()))
        and (meaning := slot.meaning[match.group()])
    }


def parse_level(text: str) -> int | None:
    """1, 2 or 3; None for a hospital named without its level (县医院, 市人民医院): ask."""
    value = _read("level", text)
    return int(value) if value else None


def parse_group(text: str) -> str | None:
    """"低保" or "特困" (medical-assistance groups)."""
    return _read("group", text)


def parse_disease(text: str) -> str | None:
    """"高血压", "糖尿病" or "高血压和糖尿病"."""
    return _read("disease", text)


def adds_a_disease(text: str) -> bool:
    """"我还有糖尿病", "又查出了高血压", "那糖尿病也有呢": the disease said is one more (disease.yml `also`,
    `also_after`)."""
    plain = letters(text)
    words = lexicon.read("disease")
    return any(
        word + disease in plain or word + "了" + disease in plain for word in words["also"] for disease in value_words("disease")
    ) or any(disease + word in plain for word in words["also_after"] for disease in value_words("disease"))


def both_diseases(one: str, other: str) -> str:
    """The value that stands for two diseases had together ("高血压" and "糖尿病": "高血压和糖尿病")."""
    return _combined(_slot("disease"), {one, other}).pop() if one != other else one


def parse_offsite(text: str) -> bool | None:
    """True for care in another place (异地, 外省, 在天津), False for 本地, None when not said; where one is
    insured is no place of care ("她是在济南交的", "我爸在东营参保")."""
    return _yes(_read("offsite", _INSURED_THERE.sub("", text)))


def asks_each_level(text: str) -> bool:
    """"一级二级三级医院各要自己掏多少", "各级医院分别能报多少": every level asked at once (level.yml)."""
    words = lexicon.read("level")
    plain = normalize(text)
    if any(word in plain for word in words["each_level"]):
        return True
    compared = (*words["each"], *_MATCHING["compared"])  # "二级还是三级划算"
    return len(_values_named("level", plain)) >= 2 and any(word in plain for word in compared)


def says_level_not_known(text: str) -> bool:
    """"住院花了两万 不知道是几级医院", "医院几级的不清楚": a clause that says the level is not known, whatever was
    asked (level.yml `asked`, not_known.yml)."""
    level_words = lexicon.read("level")["asked"]
    if not any(word in letters(text) for word in level_words):
        return False  # most messages: no clause to split (read_facts asks this of every message)
    return any(
        says_not_known(clause) and any(word in letters(clause) for word in level_words) for clause in typed_clauses(text)
    )


def names_a_choice(text: str) -> bool:
    """Whom or which care a message names ("刚才那个退休的", "三级的那个"): a scheme, status, care or level."""
    return any(parser(text) is not None for parser in (parse_scheme, parse_status, parse_care, parse_level))


def names_both_schemes(text: str) -> bool:
    """"俺是职工在职的 俺媳妇是居民 她住院…": two people's schemes, whose the bill is not known; "职工和居民
    哪个报得多": both compared (scheme.yml `both_named`)."""
    return _names_both("scheme", normalize(text))


def compares_both(slot_name: str, text: str) -> bool:
    """"在职跟退休各付多少", "职工和居民各自要掏多少", "在职退休哪个报得多": two values of the slot named and compared
    (matching.yml `compared`), or named together by a word of the slot file's `both_named`; "俺是在职职工 俺媳妇是居民"
    names two people's."""
    plain = normalize(text)
    return _names_both(slot_name, plain) and any(word in plain for word in _MATCHING["compared"])


def _names_both(slot_name: str, plain: str) -> bool:
    return len(_values_named(slot_name, plain)) >= 2 or any(
        word in plain for word in _slot_files()[slot_name].get("both_named", ())
    )


def _values_named(slot_name: str, plain: str) -> set[str]:
    slot = _slot(slot_name)
    return {value for match in slot.pattern.finditer(plain) if (value := slot.meaning.get(match.group()))}


def parse_childbirth(text: str) -> bool | None:
    """True for a bill of giving birth or of the pregnancy (生孩子, 剖腹产, 产检), None when not said."""
    return _yes(_read("childbirth", text))


def insured_here(text: str) -> bool:
    """滨州's scheme named as one's own ("我是滨州的居民医保", "俺在滨州参保"): insured here, not elsewhere."""
    return bool(_insurance_of(_places("region")).search(text)) or any(
        match.group("place").endswith(_places("region")) for match in _INSURED_AT.finditer(text)
    )


def insured_elsewhere(text: str) -> bool:
    """Insured in a place other than 滨州 and 乌海 ("我是济南参保的居民", "她在东营交的医保"), or asking about
    the insurance of a city named ("我是淄博的居民医保", "济南职工住院报销比例多少", "那淄博的起付线呢"). Care
    in that city ("在淄博的医院住院", "去济南的住院报销") is not, nor another city's beside 滨州's named ("济南职工
    门诊报销挺高的，滨州职工看门诊…": the asker's is 滨州's)."""
    if insured_here(text):
        return False
    return any(names_elsewhere(match.group("place")) for match in _INSURED_AT.finditer(text)) or bool(
        _insurance_of(_places("offsite")).search(text)
    )


def names_elsewhere(text: str) -> bool:
    """A place other than 滨州 named, whatever for: care there, or being insured or living there."""
    return _read("offsite", text) == "yes"


# What follows a place where one is insured ("在济南交的医保", "东营参保", "在北京交的。").
_INSURED = r"(?:交的医保|交的保险|交的社保|交医保|参保|参的保|上的医保|交的(?=$|[\s,，。;；!！?？]))"
_INSURED_AT = re.compile(rf"(?P<place>\w{{2,5}}?){_INSURED}")
_INSURED_THERE = re.compile(rf"在\w{{1,6}}?{_INSURED}")


@cache
def _places(slot_name: str) -> tuple[str, ...]:
    """滨州's places (region.yml), or the cities elsewhere (offsite.yml's places, not its `unnamed` words)."""
    data = lexicon.read(slot_name)
    if slot_name == "region":
        return tuple(data["values"]["binzhou"])
    return tuple(word for word in data["values"]["yes"] if word not in data["unnamed"])


@cache
def _insurance_of(places: tuple[str, ...]) -> re.Pattern:
    """One of the places, then its scheme ("淄博的居民医保", "济南职工"; not 济南职工医院, nor "济南居民", who may
    live there insured here) or, after 的 and not after a verb of going, its rules ("淄博的报销比例")."""
    named = lexicon.alternation(places)
    return re.compile(
        rf"(?:{named})的?(?:职工(?!医院)|(?:城乡)?居民(?:医保|医疗保险)|医保|医疗保险|社保|合作医疗|新农合)"
        rf"|(?<![在去到来])(?:{named})的(?:报销比例|报销标准|报销政策|医保政策|政策|起付线|封顶线|住院报销|门诊报销)"
    )


def parse_filing(text: str) -> bool | None:
    """True for 备了案/已备案, False for 没备案, None when not said or only asked about (要备案吗)."""
    return _yes(_read("filing", text))


def _yes(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def parse_yes_no(text: str) -> bool | None:
    """True for 是/对/有/办了/备案了, False for 不是/没有/没办/不对, None otherwise (不知道, 有没有)."""
    return _yes(_read("yes_no", text))


def says_not_known(text: str) -> bool:
    """The answer says the caller does not know ("不清楚", "这个真不知道"): not_known.yml."""
    plain = letters(text)
    return any(word in plain for word in _NOT_KNOWN)


def says_no_figure(text: str) -> bool:
    """"大几千吧", "花了好几万": an amount without a figure (not_known.yml `no_figure`), or "还没出院呢": a bill
    not settled yet (`not_settled`)."""
    plain = letters(text)
    return any(word in plain for word in (*_NO_FIGURE, *_NOT_SETTLED))


def names_a_hospital(text: str) -> bool:
    """"县医院", "滨医附院": a hospital named, its level told or not (level.yml `hospital_words`)."""
    plain = letters(text)
    return any(word in plain for word in _HOSPITAL_WORDS)


def parse_region(text: str) -> str | None:
    """A region code of knowledge/shared_facts.yml."""
    return _read("region", text)


def load_lexicon() -> dict[str, dict[str, dict[str, list[str]]]]:
    """The slot vocabularies, for building NLU patterns (EntityRuler, jieba user dictionary).

    Per slot: {"values": {canonical value: [surface words]}, "exceptions": {canonical value
    or "unknown": [surface words]}}. `values` words are safe as positive patterns.
    `exceptions` words are negations (没退休 → 在职) or mentions that decide nothing
    (县医院, key "unknown"): never use them as patterns for the value they contain.
    Canonical values are strings as in the files (level "1"/"2"/"3", yes_no "yes"/"no").
    Surface words are as written in the files; run `normalize` on text before matching.
    """
    return {
        name: {
            "values": {str(k): list(v) for k, v in data["values"].items()},
            "exceptions": {str(k): list(v) for k, v in data.get("exceptions", {}).items()},
        }
        for name, data in _slot_files().items()
    }


@cache
def value_words(slot: str, value: str | None = None) -> tuple[str, ...]:
    """The surface words of a slot's values (of one value when given), as written in the files: kept,
    since the follow-up readers take them out of each message."""
    values = {str(k): words for k, words in _slot_files()[slot]["values"].items()}
    chosen = [values[value]] if value is not None else list(values.values())
    return tuple(str(word) for words in chosen for word in words)


# How long or how often, said between 住 and 院: 住了半个来月的院, 住了俩月院, 住过三回院, 住了好几回院 (the care
# lexicon lists words; the counts and durations between the two halves are too many to list).
_STAY_SPLIT = re.compile(r"住([了过])[0-9一二两三四五六七八九十百几好半俩仨个多来天日周星期礼拜月年回次趟的]{1,8}院")


def stay_said_plainly(text: str) -> str:
    """"住了半个月院" → "住了院": how long or how often a stay was does not change what care it is."""
    return _STAY_SPLIT.sub(r"住\1院", text)


def normalize(text: str) -> str:
    """Halfwidth, lower case, no spaces, in the canonical vocabulary, the dialect's 多钱 as 多少钱 (terms.yml)."""
    return asked(canonical(re.sub(r"\s+", "", lexicon.halfwidth(text)).lower()))


def letters(text: str) -> str:
    """`normalize`d, without punctuation: what is left to compare with a list of words."""
    return re.sub(r"[^\w]", "", normalize(text))


def typed_clauses(text: str) -> list[str]:
    """The clauses of a message as typed: punctuation or a space ends one ("那退休的呢 俺爸也少了")."""
    return [clause for clause in _TYPED_CLAUSE_END.split(text) if clause]


_TYPED_CLAUSE_END = re.compile(r"[,，。;；!！?？\s]+")


def nothing_but(plain: str, words: tuple[str, ...]) -> bool:
    """Nothing of `plain` (from `letters`) is left once `words` are taken out, longest first."""
    return not _removal(words).sub("", plain)


def one_of_and_nothing_but(plain: str, words: Sequence[str], beside: Sequence[str] = ()) -> bool:
    """One of `words` is in `plain` (from `letters`), and nothing else but them and `beside`."""
    return any(word in plain for word in words) and nothing_but(plain, (*words, *beside))


def left_over(plain: str, words: tuple[str, ...]) -> list[str]:
    """The pieces of `plain` (from `letters`) left once `words` are taken out, longest first."""
    return [piece for piece in _removal(words).split(plain) if piece]


@cache
def _removal(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(lexicon.alternation(words))


def _read(slot_name: str, text: str) -> str | None:
    slot = _slot(slot_name)
    answer = normalize(text)
    found: set[str] = set()
    current: set[str] = set()  # not said of the past
    this_time: set[str] = set()  # said of this time
    corrected: set[str] = set()  # said after the last correction
    last_correction = max((m.end() for m in _CORRECTION.finditer(answer)), default=None)
    for match in slot.pattern.finditer(answer):
        word = match.group()
        if word in slot.negatable and _NEGATED.search(answer, 0, match.start()):
            continue
        meaning = slot.meaning[word]
        if meaning is not None:
            found.add(meaning)
            if not _PAST.search(answer, 0, match.start()):
                current.add(meaning)
            if _THIS_TIME.search(answer, 0, match.start()):
                this_time.add(meaning)
            if last_correction is not None and match.start() >= last_correction:
                corrected.add(meaning)
    named = _combined(slot, corrected or found)  # "高血压 不对 糖尿病": not both
    if len(named) > 1:
        named = _combined(slot, corrected or this_time or current)
    return named.pop() if len(named) == 1 else None


def _combined(slot: _Slot, found: set[str]) -> set[str]:
    """Values said together as the one that stands for them; a part said beside it is of it ("我还有糖尿病，
    两样都有呢")."""
    for value, parts in slot.combine.items():
        if parts <= found or value in found:
            found = (found - parts) | {value}
    return found


@cache
def _slot(name: str) -> _Slot:
    data = _slot_files()[name]
    meaning: dict[str, str | None] = {}
    for value, words in data.get("exceptions", {}).items():
        meaning |= {normalize(w): None if value == UNKNOWN else str(value) for w in words}
    values = {normalize(w): str(value) for value, words in data["values"].items() for w in words}
    negatable = frozenset(values) - meaning.keys()
    meaning |= {w: values[w] for w in negatable}
    return _Slot(
        meaning=meaning,
        negatable=negatable,
        combine={value: frozenset(parts) for value, parts in data.get("combine", {}).items()},
        pattern=re.compile(lexicon.alternation(meaning)),
    )


@cache
def _slot_files() -> dict[str, dict]:
    """Every lexicon file that declares a `slot`, by slot name."""
    files = (lexicon.read(path.stem) for path in sorted(lexicon.FOLDER.glob("*.yml")))
    return {data["slot"]: data for data in files if "slot" in data}

"""Money amounts in what citizens type or say: "一万六", "1.6万", "三块五", "¥16,000", "八百多".

`parse_amount` reads an answer that is (mostly) an amount; `find_amount` picks the money
amount out of a longer sentence and must not take a level (三级), a date (2023年5月), a
count (第3次), a phone number or a percentage. `read_amount` gives the same with an
`approximate` flag ("八百多", "五千块左右", "大概一万"). `amount_mentions` gives every money
amount of a sentence with its place, for a caller that tells them apart by the words around
them (the total, the self-paid part …: knowledge/cost/bill_amounts.py).

cn2an reads the Chinese numerals (一万六 = 16000 colloquially, 一千二, 三千零五十); this module
adds the units (块/元/毛/角/分), the forms cn2an does not read (X点Y万, 1万6, 三四千) and
the context words of knowledge/reading/lexicon/amount_words.yml. A negative amount keeps its sign
(负五千 → -5000) so that the caller can refuse it; no upper limit is applied here.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

import cn2an

from knowledge.reading import vocabulary as lexicon

_WORDS = lexicon.read("amount_words")

_CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖幺"
_CN_MAGNITUDES = "十拾百佰千仟万萬亿億"
_MAGNITUDE_VALUE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
                    "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_DIGIT_VALUE = (
    {c: i for i, c in enumerate("零一二三四五六七八九")}
    | {c: i for i, c in enumerate("壹贰叁肆伍陆柒捌玖", start=1)}
    | {"〇": 0, "两": 2, "幺": 1}
)


# One numeral: ASCII digits (thousands commas only in groups of three, an optional decimal
# part), Chinese numeral characters, 点 as a decimal point when a digit follows (一点五, 1点5)
# and 几 ("十几万"), in any mix ("1.6万", "1万6千").
_NUMERAL = re.compile(
    rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?"
    rf"|[{_CN_DIGITS}{_CN_MAGNITUDES}几]"
    rf"|点(?=[\d{_CN_DIGITS}]))+"
)
_D = rf"[\d{_CN_DIGITS}]"  # one digit, as in the jiao and fen places
_NOT_AFTER = lexicon.alternation(_WORDS["not_money_after"])
# What may follow a numeral, every part optional, in this order:
#   多/余/来 ("八百多", "1.6万余元", "八百来块": 来 only before a unit), 多 with 点 or 一点 ("八千多点",
#   "一万多一点儿": a little more, not 点 the o'clock or the decimal point),
#   a unit: 块/元/圆/人民币 with optional jiao and fen digits ("三块五", "三块五毛五", "三块零五"),
#           or 毛/角 with an optional fen digit ("五毛", "五毛五"), or 分 before 钱 or at the end
#           of a clause ("五分钱", "伍分": not "五分钟", "十分感谢"),
#   钱, 整 ("两万块钱", "三万二千元整"), then an approximate word ("五千块左右").
# A lone jiao digit after 块 must not start another word ("两千块五月份" is not 2000.5) or amount
# ("一万五千块一万五", a spoken repeat run together, is not 15000.1).
_TAIL = re.compile(
    rf"(?P<approx_in>多(?:一?点儿?)?|余|来(?=[块元]))?"
    rf"(?:(?P<yuan>块|元|圆|人民币)"
    rf"(?:零(?P<fen_only>{_D})分?|(?P<jiao>{_D})(?:[毛角](?:(?P<fen>{_D})分?)?|(?!{_NOT_AFTER}|{_D}|[{_CN_MAGNITUDES}])))?"
    rf"|(?P<mao>[毛角])(?:(?P<mao_fen>{_D})分?)?"
    rf"|(?P<fen_unit>分)(?=钱|\W|$))?"
    rf"(?P<qian>钱)?整?"
    rf"(?P<approx_out>{lexicon.alternation(_WORDS['approximate_after'])})?"
)
# A currency sign or word before the numeral, and the sign of the amount.
_PREFIX = re.compile(r"(?P<sign>(?<![0-9A-Za-z])[-−]|负)?(?P<currency>[¥$]|人民币|rmb)?$", re.I)
_CLAUSE_END = re.compile(r"[,，。.;；!！?？\n]")
_DATE_OR_PHONE_SEPARATOR = re.compile(r"\d[-/:]$")
# "1.6万", "一点五万", and digits before a magnitude ("12千" from the typed "12k": cn2an reads no 一十二千)
_DECIMAL_THEN_MAGNITUDE = re.compile(rf"(?P<head>\d+(?:\.\d+)?|.*[.点].*?)(?P<magnitudes>[{_CN_MAGNITUDES}]+)")
_LARGE_MAGNITUDE = re.compile(f"[{_CN_MAGNITUDES[2:]}]")  # 百 and up: a number of money's size
# "二十多万", "十来万": the rough word said before the magnitude; moved after it ("二十万多") it is read as in "两万多"
_ROUGH_BEFORE_MAGNITUDE = re.compile(rf"(?<=[\d{_CN_DIGITS}十百千])(?P<rough>[多余来])(?P<magnitude>[万千百]+)")
# "多扣这一块", "那一块报得多": a part of the bill, not one yuan ("这一块钱" is); "俩加一块", "合一块算",
# "放在一块", or before what is done together ("跟住院一块算", "能一块报不"): together
_A_PART = re.compile("(?<=[这那哪加合在到])一块(?!钱)|一块(?=儿|算|报|结|交|弄|办|去|住|看)")
_CONSECUTIVE_DIGITS = re.compile("[一二两三四五六七八][二两三四五六七八九]")  # 三四千, 一两万
# "百把块", "千把块钱", "花了万把": about one hundred, thousand, ten thousand (not "一万把椅子")
_ABOUT_ONE_MAGNITUDE = re.compile(
    rf"(?<![\d{_CN_DIGITS}{_CN_MAGNITUDES}几])(?P<magnitude>[百千万])把(?=[块元钱]|左右|的|\W|$)"
)


@dataclass(frozen=True)
class Amount:
    value: Decimal
    approximate: bool  # 八百多, 五千块左右, 大概一万, 三四千 (the lower bound is kept)
    text: str  # as written, e.g. "一万六" (for a confirmation question)


@dataclass(frozen=True)
class AmountMention:
    """A money amount found in a sentence: `start`/`end` index `normalize_for_amounts(text)`."""

    amount: Amount
    start: int
    end: int
    preference: tuple[bool, bool, bool]  # after a cost word (花了, 一共), with a unit, sizable


@dataclass(frozen=True)
class _Candidate:
    amount: Amount
    start: int
    end: int
    total_cue: bool  # 花了/费用/一共 ... shortly before it
    money_unit: bool  # 元/块/毛/¥ ...
    sizable: bool  # 百/千/万/亿 or 3 to 6 digits: a plausible cost even without a unit
    lone_digit: bool  # 一, 两 without a unit: inside a sentence a word (一共, 两病, 一下)
    whole_answer: bool  # nothing else was said ("五", "两千")

    def rank(self) -> tuple[bool, bool, bool]:
        return self.total_cue, self.money_unit, self.sizable


def parse_amount(text: str) -> Decimal | None:
    """The amount in an answer to "how much?" ("一万六", "16000元", "两千块左右"); None if none."""
    amount = read_amount(text, whole_answer=True)
    return amount.value if amount else None


def find_amount(text: str) -> Decimal | None:
    """The money amount inside a longer sentence; None if no number in it reads as money."""
    amount = read_amount(text, whole_answer=False)
    return amount.value if amount else None


def read_amount(text: str, *, whole_answer: bool) -> Amount | None:
    """The best money amount in `text`, with its approximate flag.

    whole_answer=True: the text answers "how much?", so a bare number counts as money.
    whole_answer=False: only a number with a unit, a cost word before it or a plausible size
    (百/千/万 or three digits or more) counts. Among several, the one after a cost word
    (花了, 一共) wins, then one with a unit, then a sizable one, then the first.
    """
    usable = amount_mentions(text, whole_answer=whole_answer)
    best = max(enumerate(usable), key=lambda pair: (pair[1].preference, -pair[0]), default=None)
    return best[1].amount if best else None


def amount_mentions(text: str, *, whole_answer: bool) -> list[AmountMention]:
    """Every number of `text` that reads as money (the rules of `read_amount`), in order."""
    return [
        AmountMention(amount=c.amount, start=c.start, end=c.end, preference=c.rank())
        for c in _candidates(normalize_for_amounts(text))
        if (c.whole_answer or not c.lone_digit) and (whole_answer or any(c.rank()))
    ]


def normalize_for_amounts(text: str) -> str:
    """Halfwidth, lower case, each run of white space as one space, and the typed shorthand w/k
    after a digit as 万/千 ("1.6w", "5k"), "五个亿" as 五亿, the colloquial "万把块" (about ten thousand)
    as 约一万块, "二十多万" as 二十万多 and "这一块" (a part) as 这部分 (each keeping its length). A space still separates words: "两万 个人掏多少" is not "两万个人" (twenty thousand people)."""
    plain = re.sub(r"\s+", " ", lexicon.halfwidth(text)).strip().lower()
    plain = re.sub(r"(?<=\d)[wk](?![a-z])", lambda m: {"w": "万", "k": "千"}[m.group()], plain)
    plain = _ABOUT_ONE_MAGNITUDE.sub(r"约一\g<magnitude>", plain)
    plain = _ROUGH_BEFORE_MAGNITUDE.sub(r"\g<magnitude>\g<rough>", plain)
    plain = _A_PART.sub("部分", plain)
    # spoken "五个亿" is 五亿 (a measure word before 亿 only: "两个万" is not said)
    return re.sub(r"(?<=[\d一二两三四五六七八九十])个亿", "亿", plain)


def _candidates(text: str) -> Iterator[_Candidate]:
    for match in _NUMERAL.finditer(text):
        numeral, start = _before_a_following_word(match.group(), text[match.end():]), match.start()
        tail = _TAIL.match(text, start + len(numeral))
        before = text[:start]
        prefix = _PREFIX.search(before)
        assert tail is not None and prefix is not None  # every part of both patterns is optional
        after = text[tail.end():]
        money_unit = bool(tail["yuan"] or tail["mao"] or tail["fen_unit"] or tail["qian"] or prefix["currency"])
        if _rejected(numeral, before, after, money_unit):
            continue
        read = _numeral_value(numeral)
        if read is None:
            continue
        value, approximate = read
        value = _in_yuan(value, tail)
        if prefix["sign"]:
            value = -value
        clause = _CLAUSE_END.split(before)[-1]
        approximate = (approximate or bool(tail["approx_in"] or tail["approx_out"])
                       or any(w in clause[-4:] for w in _WORDS["approximate_before"]))
        span_start = start - len(prefix.group())
        span = text[span_start:tail.end()]
        yield _Candidate(
            amount=Amount(value=value, approximate=approximate, text=span),
            start=span_start,
            end=tail.end(),
            total_cue=any(w in clause[-6:] for w in _WORDS["total_before"]),
            money_unit=money_unit,
            sizable=_sizable(numeral),
            lone_digit=not money_unit and re.fullmatch(f"[{_CN_DIGITS}]", numeral) is not None,
            whole_answer=not re.sub(r"\W", "", text.replace(span, "", 1)),
        )


def _before_a_following_word(numeral: str, after: str) -> str:
    """"三千五三" before 级: the amount 三千五 and the level 三级; "两百一" before 年: 两百 and 一年; said with a pause
    the text lost (amount_words.yml `runs_into`)."""
    head = numeral[:-1]
    runs_into = any(
        numeral[-1] in word["digits"] and any(after.startswith(w) for w in word["words"]) for word in _WORDS["runs_into"]
    )
    return head if runs_into and _LARGE_MAGNITUDE.search(head) else numeral


def _rejected(numeral: str, before: str, after: str, money_unit: bool) -> bool:
    """True for a number that is not money: an ordinal, a percentage, a level, a date, a phone number."""
    if any(before.endswith(w) for w in _WORDS["not_money_before"]):
        return True
    if money_unit:
        return False
    digits = numeral.replace(",", "")
    return (
        (
            any(after.startswith(w) for w in _WORDS["not_money_after"])
            and not any(after.startswith(w) for w in _WORDS["money_after_anyway"])
        )
        or bool(_DATE_OR_PHONE_SEPARATOR.search(before)) or re.match(r"[-/:]\d", after) is not None
        or re.fullmatch(r"0\d+|1\d{10}|\d{12,}", digits) is not None  # area code, mobile, ID number
        or re.fullmatch(r"(19|20)\d\d\.\d{1,2}", digits) is not None  # 2023.5: a year and month
    )


def _sizable(numeral: str) -> bool:
    digits = re.sub(r"\D", "", numeral.split(".")[0])
    return bool(_LARGE_MAGNITUDE.search(numeral)) or 3 <= len(digits) <= 6


def _in_yuan(value: Decimal, tail: re.Match) -> Decimal:
    """The numeral's value in yuan given the unit after it: "三块五" → 3.5, "五毛五" → 0.55, "五分钱" → 0.05."""
    if tail["mao"]:  # the numeral counts jiao, a digit after 毛 counts fen
        value = (value + _fraction(tail["mao_fen"], 10)) / 10
    elif tail["fen_unit"]:
        value = value / 100
    else:
        value += _fraction(tail["jiao"], 10) + _fraction(tail["fen"] or tail["fen_only"], 100)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value  # 1.6万: 16000, not 16000.0


def _fraction(digit: str | None, per_yuan: int) -> Decimal:
    return Decimal(_digit(digit)) / per_yuan if digit else Decimal(0)


def _digit(char: str) -> int:
    return int(char) if char.isdigit() else _DIGIT_VALUE[char]


def _numeral_value(numeral: str) -> tuple[Decimal, bool] | None:
    """The value of one numeral and whether it is approximate (几, 三四千), or None if unreadable."""
    approximate = "几" in numeral
    text = numeral.replace("几", "").replace(",", "")
    if not text or text[0] in _CN_MAGNITUDES[2:]:  # "千万别", "万一"
        return None
    if re.fullmatch(f"[{_CN_DIGITS}]{{2,}}", text):  # read digit by digit: a year or a phone number
        return None
    if decimal := _DECIMAL_THEN_MAGNITUDE.fullmatch(text):  # "1.6万", "一点五万", "1点5万"
        head = _plain_value(decimal["head"])
        factor = reduce(lambda a, c: a * _MAGNITUDE_VALUE[c], decimal["magnitudes"], 1)
        return (head * factor, approximate) if head is not None else None
    if (value := _plain_value(text)) is not None:
        return value, approximate
    # "三四千", "一万六七": a range of two consecutive digits reads as its lower bound
    narrowed = _CONSECUTIVE_DIGITS.sub(_lower_of_range, text, count=1)
    if narrowed != text and (value := _plain_value(narrowed)) is not None:
        return value, True
    return None


def _lower_of_range(pair: re.Match) -> str:
    low, high = pair.group()
    return low if _DIGIT_VALUE[high] == _DIGIT_VALUE[low] + 1 else pair.group()


def _plain_value(text: str) -> Decimal | None:
    """Digits ("16000.50", "1点5") or Chinese numerals with digits mixed in ("一万六", "1万6")."""
    ascii_decimal = text.replace("点", ".")
    if re.fullmatch(r"\d+(\.\d+)?", ascii_decimal):
        return Decimal(ascii_decimal)
    if re.search(r"\d\.|\.\d", text):
        return None
    chinese = re.sub(r"\d+", lambda m: cn2an.an2cn(m.group()), text)
    try:
        return Decimal(str(cn2an.cn2an(chinese, "normal")))
    except (ValueError, KeyError, IndexError, TypeError):
        return None

"""Personal numbers users type (身份证号, 手机号, 银行卡号), masked before anything keeps them.

Each message is masked as it arrives (server/message_text.py), so Rasa and its tracker
store, the gateway's memory, logs and hand-off queue only ever see e.g. "[身份证号尾号1234]":
the bot never needs the numbers, and an agent can still check the last four with a caller.
"尾号" stands right before the digits because the bot's amount reader (knowledge/reading/amounts.py)
never takes a number after 尾号 for money.

What is masked (digits may be full-width, as Chinese input methods type them):
  身份证号  18 characters: a 6-digit region, a birth date 18xx–20xx, 3 digits and a check
            digit or X, possibly grouped 6-8-4 by spaces or dashes. The check digit is not
            verified: a mistyped ID number is still personal. Or the first-generation 15
            digits: region, a YYMMDD birth date, 3 digits.
  手机号    1[3-9] and 9 more digits, after an optional +86/0086/86, possibly grouped 3-4-4.
  银行卡号  16–19 digits, in one run or in groups of four, starting as the cards used in China
            do (3 JCB/Amex, 4 Visa, 5 Mastercard, 6 UnionPay, 9 older domestic debit cards) and
            passing the Luhn check. A run failing it (a serial number, a mistyped card) stays,
            and so do 4-digit groups that read as a list of amounts: all round (3000 4500 1200
            6000), or part of a longer list (500 3000 4000 5000 6000).
Everything else stays: amounts (16000, 1,600,000), dates (20240501), landlines
(0543-3163123), 11-digit numbers that are not mobile numbers.
"""
import re
from collections.abc import Callable

from server.digits import digits_of

# full-width digits, X, plus, dash and space as ASCII, one character for one, so that
# offsets found in the ASCII view are offsets in the original text
_ASCII = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "Ｘ": "X", "ｘ": "x", "＋": "+", "－": "-", "\u3000": " "}
)
_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # MMDD

_ID_18 = re.compile(rf"(?<!\d)\d{{6}}[ -]?(?:18|19|20)\d\d{_DATE}[ -]?\d{{3}}[\dXx](?!\d)")
_ID_15 = re.compile(rf"(?<!\d)\d{{6}}\d\d{_DATE}\d{{3}}(?!\d)")
# Digits in a row, as typed or said (幺 and 两 too), with the pauses between groups: a number amid words.
_DIGIT_RUN = re.compile(r"[0-9０-９零〇一二三四五六七八九幺两 \-]{7,}")
_MOBILE = re.compile(r"(?<![\d+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
# one run, or groups of four that are not part of a longer list of numbers
_CARD = re.compile(r"(?<!\d)\d{16,19}(?!\d)|(?<!\d)(?<!\d[ -])\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?(?![ -]?\d)")
_CARD_NETWORKS = "34569"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _is_card(number: str) -> bool:
    groups = re.split(r"[ -]", number)
    if len(groups) > 1 and all(group.endswith("00") for group in groups[:4]):
        return False  # round amounts, one after another
    digits = "".join(groups)
    return digits[0] in _CARD_NETWORKS and luhn_valid(digits)


def _always(number: str) -> bool:
    return True


# (label, pattern, test of the matched number): the first kind to claim a span keeps it
_KINDS: tuple[tuple[str, "re.Pattern[str]", Callable[[str], bool]], ...] = (
    ("身份证号", _ID_18, _always),
    ("身份证号", _ID_15, _always),
    ("银行卡号", _CARD, _is_card),
    ("手机号", _MOBILE, _always),
)


def _label(label: str, digits: str) -> str:
    return f"[{label}尾号{digits[-4:]}]"


def mask_personal_numbers(text: str) -> str:
    """The text with every ID, mobile and bank card number replaced by its masked label."""
    plain = text.translate(_ASCII)
    found: list[tuple[int, int, str]] = []
    for label, pattern, accepts in _KINDS:
        for match in pattern.finditer(plain):
            start, end = match.span()
            if accepts(match.group()) and not any(start < e and s < end for s, e, _ in found):
                found.append((start, end, _label(label, re.sub(r"[^\dX]", "", match.group().upper()))))
    for start, end, masked in sorted(found, reverse=True):
        text = text[:start] + masked + text[end:]
    return text


# A number to call back: a mobile number, or a landline with its area code (0543-3163123, 05433163123).
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[ -]?\d{7,8}(?!\d)")


def find_callback_number(text: str) -> str | None:
    """The first mobile or landline number in what the user typed, digits only (a landline keeps
    the dash after its area code). Only the work-order flow asks for this, before masking."""
    plain = text.translate(_ASCII)
    mobile = _MOBILE.search(plain)
    if mobile:
        return re.sub(r"\D", "", mobile.group())[-11:]
    landline = _LANDLINE.search(plain)
    if landline:
        digits = re.sub(r"\D", "", landline.group())
        area = 3 if digits[1] in "12" else 4  # 010, 02x: three-digit area codes; the rest four
        return f"{digits[:area]}-{digits[area:]}"
    return None


def mask_callback_number(number: str) -> str:
    """How a callback number is shown outside the agents' workspace: [手机号尾号5678]."""
    return _label("手机号" if not number.startswith("0") else "电话", re.sub(r"\D", "", number))


class Unmasked:
    """The message as the user typed or said it, before masking. Only the work-order flow reads it,
    and only for what it asks for (the number to call back, a ticket's digits); it is never stored,
    logged or shown (its repr hides the text)."""

    def __init__(self, text: str, spoken: bool = False) -> None:
        self._text = text
        self._spoken = spoken  # an ASR transcript: numbers may be words (幺三八)

    def __repr__(self) -> str:
        return "Unmasked(…)"

    def callback_number(self) -> str | None:
        if self._spoken:
            return find_callback_number(digits_of(self._text))
        # typed, or said into a phone's voice input: "一三九 一二三四 五六七八"
        return find_callback_number(self._text) or find_callback_number(digits_of(self._text))

    def callback_number_among_words(self) -> str | None:
        """A number told amid other words ("…还没到账 俺电话是幺三八一二三四五六七八"): read from a run of
        digits, typed or said, not from the digits of every word ("一个月")."""
        return find_callback_number(self._text) or next(
            (number for run in _DIGIT_RUN.findall(self._text) if (number := find_callback_number(digits_of(run)))),
            None,
        )

    def digits(self) -> str:
        return digits_of(self._text)

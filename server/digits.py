"""Digit strings as people say them: 幺三八 read as 138, 2611 said as 二六一一 (phone numbers, tickets)."""

_DIGIT_WORDS = {"零": "0", "〇": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4",
                "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_SPOKEN_DIGITS = "零一二三四五六七八九"


def digits_of(text: str) -> str:
    """The digits of a spoken or typed number: 一三八 幺二三 -> 138123 (anything else dropped)."""
    return "".join(_DIGIT_WORDS.get(char, char) for char in text if char.isdigit() or char in _DIGIT_WORDS)


def say_digits(digits: str) -> str:
    """Digits one by one for the phone: 2611 -> 二六一一."""
    return "".join(_SPOKEN_DIGITS[int(d)] if d.isdigit() else d for d in digits)

"""Messages typed in traditional characters ("三級醫院住院花了兩萬") read as simplified ones.

Every reader and the NLU know the simplified script only; some people type in traditional characters
(a phone or input method set that way). Each character outside GB2312 (the simplified character set)
becomes the simplified character OpenCC's t2s gives it alone; a character of GB2312 is never changed.
Not OpenCC's conversion of whole phrases: it rewrites simplified text too ("眼镜打坏了" → "眼镜打坯了",
a traditional phrase of brick-making), and the conversion runs on every message.
"""
from __future__ import annotations

import re
from functools import cache

import opencc

# The CJK unified ideographs and the compatibility ones (豈 …): where the traditional characters are.
_BLOCKS = (range(0x4E00, 0xA000), range(0xF900, 0xFB00))


def _in_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@cache
def _table() -> dict[int, str]:
    """Each traditional character → its simplified one (built once, on the first message: about 50 ms)."""
    t2s = opencc.OpenCC("t2s")
    table: dict[int, str] = {}
    for block in _BLOCKS:
        for point in block:
            character = chr(point)
            if not _in_gb2312(character):
                simple = t2s.convert(character)
                if simple != character and len(simple) == 1:
                    table[point] = simple
    return table


@cache
def _traditional() -> re.Pattern[str]:
    return re.compile("[" + "".join(map(chr, sorted(_table()))) + "]")


def simplified(text: str) -> str:
    """`text` with each traditional character simplified; everything else (simplified characters, digits,
    Latin, punctuation) as it was."""
    # looked for first: the readers call this about a hundred times a message, nearly always on simplified text
    return text.translate(_table()) if _traditional().search(text) else text

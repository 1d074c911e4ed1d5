"""Bot replies as speech for TTS: no markup, links, emoji, brackets or buttons; amounts read out.

Long answers are cut to a short spoken summary at a sentence boundary; the rest is kept so
the caller can ask for it ("详细").
"""
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from knowledge.cost.render import SPOKEN_DETAILS_OFFER
from knowledge.speech.numbers import say_amount, say_percent
from server.bot_turn import Reply
from server.texts import Texts

SUMMARY_LIMIT = 120
# A rest shorter than this is spoken with the summary: asking the caller to say 详细 for one short
# sentence (often the bot's own offer of its details) costs more than hearing it.
MIN_REST = 40

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# a link and the words that point at it ("详见 https://...") mean nothing on the phone
_URL = re.compile(
    r"(?:(?:详见|请见|参见|请访问|访问|网址|链接|官网)[:：]?\s*)?(?:https?://|www\.)[^\s\u4e00-\u9fff，。；！？、）)】]+",
    re.IGNORECASE,
)
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\u20E3]")
_LIST_MARK = re.compile(r"^\s*(?:[-*+•·#]+\s*|\d+(?:[.)]\s+|、))", re.MULTILINE)
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
# 80/75/65% means 80%, 75% and 65%
_PERCENT_SERIES = re.compile(rf"({_NUMBER})(?=(?:/{_NUMBER})+\s*[%％])")
_PERCENT = re.compile(rf"({_NUMBER})\s*[%％]")
_AMOUNT = re.compile(rf"({_NUMBER})\s*(万)?\s*元")
# 2-3个工作日, 80%-90%; a longer number after a dash is a phone number (0543-3163123)
_RANGE = re.compile(r"(?<=[\d%％元万])\s*[-–—~～]\s*(?=\d{1,6}(?!\d))")
_DASH = re.compile(r"\s*[-–—~～]+\s*")
_OPENING = re.compile(r"[（(\[【〔{]")
_CLOSING = re.compile(r"[）)\]】〕}]")
# 医保服务站（村卫生室）办理 is spoken 医保服务站，村卫生室办理
_CLOSING_IN_SENTENCE = re.compile(r"[）)\]】〕}](?=[\u4e00-\u9fff])")
_DROPPED = re.compile(r"[*_`#|\\^=<>《》〈〉「」『』\"“”‘’']")
# “换成二级医院”“花了三万呢”: quoted examples one after another are a list when spoken
_QUOTES_IN_A_ROW = re.compile(r"(?<=[”」』’])\s*(?=[“「『‘])")
_SENTENCE_END = "。！？；"


@dataclass(frozen=True)
class SpokenAnswer:
    speech: str
    rest: str | None = None  # what the summary left out, read when the caller says 详细


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _say_percent(match: "re.Match[str]") -> str:
    return say_percent(_number(match.group(1)) / 100)


def _say_amount(match: "re.Match[str]") -> str:
    value = _number(match.group(1)) * (10000 if match.group(2) else 1)
    return say_amount(value)


def speakable(text: str) -> str:
    """One reply's text as plain spoken Chinese."""
    text = _LINK.sub(r"\1", text)
    text = _URL.sub("", text)
    text = _EMOJI.sub("", text)
    text = _LIST_MARK.sub("", text)
    text = _PERCENT_SERIES.sub(r"\1%", text).replace("/", "、")
    text = _RANGE.sub("至", text)
    text = _DASH.sub("，", text)
    text = _PERCENT.sub(_say_percent, text)
    text = _AMOUNT.sub(_say_amount, text)
    text = text.replace("×", "乘").replace("&", "和").replace("+", "加")
    text = _OPENING.sub("，", text)
    text = _CLOSING_IN_SENTENCE.sub("", text)
    text = _CLOSING.sub("，", text)
    text = _QUOTES_IN_A_ROW.sub("、", text)
    text = _DROPPED.sub("", text)
    # each line is a sentence when spoken
    lines = [line.strip(" ，,") for line in text.splitlines()]
    text = "".join(line if line[-1] in _SENTENCE_END + "：" else line + "。" for line in lines if line)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[，,、]+(?=[。！？；：])", "", text)
    text = re.sub(r"([，,、])[，,、]+", r"\1", text)
    text = re.sub(r"(?<=[。！？；：])[，,、]+", "", text)
    return text.strip("，,、")


def _sentences(text: str) -> list[str]:
    return re.findall(rf"[^{_SENTENCE_END}]+[{_SENTENCE_END}]?", text)


def _summarize(text: str, limit: int) -> "tuple[str, str]":
    """The longest run of whole sentences within the limit, and the rest."""
    summary = ""
    for sentence in _sentences(text):
        if len(summary) + len(sentence) > limit:
            break
        summary += sentence
    if not summary:  # one very long sentence: cut at its last comma within the limit
        head = text[:limit]
        comma = max(head.rfind("，"), head.rfind("、"))
        summary = (head[:comma] if comma > 0 else head) + "。"
        return summary, text[len(summary) - 1 :].lstrip("，、")
    return summary, text[len(summary) :]


def spoken_choices(titles: Sequence[str], texts: Texts) -> str:
    if not titles:
        return ""
    if len(titles) == 1:
        listed = titles[0]
    else:
        listed = texts.choices_joiner.join(titles[:-1]) + texts.choices_last_joiner + titles[-1]
    return f"{texts.choices_intro}{listed}。"


_ASIDE = re.compile(r"[（(]([^）)]*)[）)]")


def spoken_title(title: str, said: str) -> str:
    """A button's title as a spoken choice; an aside in brackets the question already says is left out
    ("一级（卫生院、社区）" after "乡镇卫生院、社区卫生服务中心一般是一级" is just 一级)."""
    def aside(match: "re.Match[str]") -> str:
        words = [w for w in re.split(r"[、，,\s]+", match.group(1)) if w]
        return "" if words and all(w in said for w in words) else match.group(0)

    return speakable(_ASIDE.sub(aside, title)).rstrip("。")


def render_speech(replies: Sequence[Reply], texts: Texts, limit: int = SUMMARY_LIMIT, more: bool = False) -> SpokenAnswer:
    """The replies spoken: within `limit` whole, else their first sentences, an offer of the rest, and the rest
    (for 详细). `more`: the caller asked for the details, so the offer says more of them follow."""
    body = "".join(speakable(reply.text) for reply in replies if reply.text.strip())
    titles = [spoken_title(button.title, body) for reply in replies for button in reply.buttons]
    choices = spoken_choices([t for t in titles if t], texts)
    if len(body) <= limit:
        return SpokenAnswer(body + choices)
    summary, rest = _summarize(body, limit)
    if len(rest.removesuffix(SPOKEN_DETAILS_OFFER)) < MIN_REST:
        # the bot's own offer of its details is no rest to be asked for ("居民大病保险没算在内…需要详细说明的话，请说详细"
        # was all the first 详细 got)
        return SpokenAnswer(body + choices)
    offer = texts.more_offer if more else texts.details_offer
    return SpokenAnswer(summary + offer + choices, rest=rest + choices if rest else None)

"""Whether a message the NLU reads as `cancel`, said while nothing is being counted, asks a question
("听说取消个人账户了", "门诊统筹取消了吗") rather than stops (knowledge/reading/lexicon/cancel_or_question.yml).
The word 取消 is what the policy questions and the requests to stop share. Some words stop whatever
else the message says (`stops_asking`)."""
import re

from knowledge.reading.choices import normalize
from knowledge.reading.vocabulary import alternation, read

_TRAILING = re.compile(r"[^\w?]+$")


def asks_rather_than_stops(text: str) -> bool:
    words = read("cancel_or_question")
    plain = _TRAILING.sub("", normalize(text))
    return any(word in plain for word in words["asking"]) or plain.endswith(tuple(words["ending"]))


def stops_asking(text: str) -> bool:
    """"算了不问了", "先不算了，回头再说": the caller stops, whatever fact the message also names."""
    plain = normalize(text)
    return any(word in plain for word in read("cancel_or_question")["stopping"])


def question_after_stop(text: str) -> str | None:
    """"算了，我先不算了，问问慢病怎么办吧" → "问问慢病怎么办吧": what the caller asks once they stopped, if anything."""
    words = read("cancel_or_question")
    plain = normalize(text)
    ends = [m.end() for m in re.finditer(alternation(words["stopping"]), plain)]
    if not ends:
        return None
    rest = plain[ends[-1]:].lstrip("，,。.;；!！ 了吧啊")
    asks = any(word in rest for word in words["asks_next"]) or asks_rather_than_stops(rest)
    return rest if rest and asks and not any(word in rest for word in words["not_asking_next"]) else None


def goes_on_counting(text: str) -> bool:
    """"哦不行 那算了 接着算": the 算了 drops what was just asked, and the counting goes on (`going_on`)."""
    plain = normalize(text)
    return any(word in plain for word in read("cancel_or_question")["going_on"]) and not stops_asking(text)


def checks_what_it_heard(text: str) -> bool:
    """"那不算父母是吧": it ends asking whether what it heard is so (`checking_endings`)."""
    return _TRAILING.sub("", normalize(text)).endswith(tuple(read("cancel_or_question")["checking_endings"]))

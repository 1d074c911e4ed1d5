"""Whether a message asks the assistant to look up the caller's own record
(knowledge/reading/lexicon/record_request.yml)."""
from knowledge.reading.choices import normalize
from knowledge.reading.vocabulary import read


def asks_to_look_up_a_record(text: str) -> bool:
    """"我要查一下我卡里还有多少钱", "帮我查查我的缴费记录"; not "个人账户余额在哪查" (how to look it up)
    nor "卡里还剩三千多 咋办"."""
    words = read("record_request")
    plain = normalize(text)
    return (
        any(word in plain for word in words["look_up"])
        and any(word in plain for word in words["records"])
        and not any(word in plain for word in words["how"])
    )


def record_topic() -> str:
    """The FAQ topic that answers such requests: what the assistant can and cannot do."""
    return str(read("record_request")["topic"])

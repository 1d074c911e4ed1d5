"""Whether a message that names the transfer to a person asks about it rather than for it
(knowledge/reading/lexicon/person_request.yml)."""
from knowledge.reading.choices import normalize
from knowledge.reading.vocabulary import read


def asks_about_the_transfer(text: str) -> bool:
    """"怎么转人工" or "转人工以后要重新说吗" asks about the service; "转人工" and "能转人工吗" ask for it."""
    plain = normalize(text)
    return any(word in plain for word in read("person_request")["asking_about"])


def transfer_topic() -> str:
    """The FAQ topic that answers questions about the transfer."""
    return str(read("person_request")["topic"])

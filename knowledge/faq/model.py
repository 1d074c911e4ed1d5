"""The FAQ knowledge base: one YAML file per topic in knowledge/faq/, loaded and checked here.

Operators edit those files; `make train` regenerates the Rasa data from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.articles import known_articles, published
from knowledge.reading.choices import letters
from knowledge.reading.terms import canonical
from knowledge.shared_facts import CARE_KINDS, DEFAULT_REGION, REGIONS, SCHEMES

FAQ_DIR = Path(__file__).parent / "topics"
MIN_PHRASINGS = 12
MAX_SPEECH_CHARS = 120
# What a TTS engine would read out literally or stumble over.
# full-width digits too: an operator typing with a Chinese input method writes ３０００ as easily as 3000
_SPEECH_FORBIDDEN = re.compile(r"[0-9０-９%％¥￥/()（）:*#<>\[\]{}|~_=+]|https?|www")


class FaqDataError(ValueError):
    """A topic file breaks the schema: the message names the file and the problem."""


@dataclass(frozen=True)
class Article:
    """Another article some facts of an answer come from: a seed page holds several."""

    seed: str
    title: str
    region: str = DEFAULT_REGION  # whose paper: 乌海's, cited in a 滨州 answer, says so


@dataclass(frozen=True)
class Source:
    seed: str
    title: str
    date: str | None = None
    date_note: str | None = None
    also: tuple[Article, ...] = ()

    @property
    def shown_date(self) -> str:
        """The date as an answer names it: one printed, or when the article appeared (knowledge/articles.yml)."""
        return self.date or published(self.seed)


@dataclass(frozen=True)
class Topic:
    id: str
    region: str
    title: str
    chat: str
    speech: str
    phrasings: tuple[str, ...]
    source: Source | None = None
    source_note: str | None = None
    counterpart: str | None = None
    offers_estimate: bool = False  # a benefit topic: a question with an amount is a cost question
    scheme: str | None = None  # whose benefit this is (职工 or 居民), when only one scheme's
    scheme_counterpart: str | None = None  # the same question for the other scheme
    care: str | None = None  # the kind of care the benefit is for (住院, 普通门诊), when only one
    # the topic saying what this one's care pays: "能报多少" right after how to apply for 门诊慢特病 asks that
    pays: str | None = None
    # Each: words that together name this topic ("跨省+慢病" → {"跨省", "慢病"}), canonical vocabulary.
    key_terms: tuple[frozenset[str], ...] = ()
    # Answered only by its key terms, where nothing else would be ("我不太会打字"); not trained into the
    # classifier, whose other answers a new topic's phrasings shift.
    key_terms_only: bool = False
    # Whole messages that ask this topic's question when said alone ("你们几点下班"), where the words
    # elsewhere ask something else ("医保局几点下班"): answered where the message would be declined.
    said_alone: frozenset[str] = frozenset()

    def key_terms_in(self, plain: str) -> tuple[frozenset[str], ...]:
        """Its key terms all of whose words are in `plain` (text in canonical vocabulary)."""
        return tuple(words for words in self.key_terms if all(word in plain for word in words))

    def citation(self) -> str:
        """One line naming the article the answer comes from."""
        if self.source is None:
            return f"说明：{self.source_note or '本服务说明'}"
        line = f"来源：《{self.source.title}》（{self.source.shown_date}）"
        if self.source.also:
            line += "；另据" + "、".join(self._cited(article) for article in self.source.also)
        return line

    def _cited(self, article: Article) -> str:
        whose = "" if article.region == self.region else f"（{REGIONS[article.region]}的报道）"
        return f"《{article.title}》{whose}"


@dataclass(frozen=True)
class KnowledgeBase:
    topics: dict[str, Topic] = field(default_factory=dict)

    def get(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def trained_topics(self) -> list[Topic]:
        """The topics the classifier learns and the key terms name: all but those answered by their key
        terms only, whose everyday words stay out of the NLU."""
        return [topic for topic in self.topics.values() if not topic.key_terms_only]

    def for_region(self, topic: Topic, region: str | None) -> Topic:
        """The same question answered for the user's city, where the data has that city's version."""
        if region and topic.region != region and topic.counterpart:
            return self.topics[topic.counterpart]
        return topic


def _article(entry: Any, path: Path) -> Article:
    if not isinstance(entry, dict):
        raise FaqDataError(f"{path.name}: each of source.also is a mapping with seed and title (and region)")
    region = str(entry.get("region", DEFAULT_REGION))
    if region not in REGIONS:
        raise FaqDataError(f"{path.name}: source.also region must be one of {tuple(REGIONS)}")
    return Article(seed=str(_require(entry, "seed", path)), title=str(_require(entry, "title", path)), region=region)


def _require(data: dict[str, Any], key: str, path: Path) -> Any:
    if key not in data or data[key] in (None, ""):
        raise FaqDataError(f"{path.name}: missing '{key}'")
    return data[key]


def parse_topic(data: dict, path: Path) -> Topic:
    """Build one Topic from a file's YAML, checking what the generator and the bot rely on."""
    topic_id = str(_require(data, "id", path))
    if path.stem != topic_id:
        raise FaqDataError(f"{path.name}: id '{topic_id}' must match the file name")
    region = data.get("region", DEFAULT_REGION)
    if region not in REGIONS:
        raise FaqDataError(f"{path.name}: region must be one of {tuple(REGIONS)}")
    answer = _require(data, "answer", path)
    chat = str(_require(answer, "chat", path)).strip()
    speech = " ".join(str(_require(answer, "speech", path)).split())
    if len(speech) > MAX_SPEECH_CHARS:
        raise FaqDataError(f"{path.name}: speech answer has {len(speech)} characters (max {MAX_SPEECH_CHARS})")
    if _SPEECH_FORBIDDEN.search(speech):
        raise FaqDataError(f"{path.name}: speech answer contains a symbol or digit a TTS would misread")
    key_terms_only = bool(data.get("key_terms_only", False))
    phrasings = tuple(str(p).strip() for p in data.get("phrasings") or () if str(p).strip())
    if key_terms_only and (phrasings or not data.get("key_terms")):
        raise FaqDataError(f"{path.name}: a key_terms_only topic has key terms and no phrasings")
    if not key_terms_only and len(phrasings) < MIN_PHRASINGS:
        raise FaqDataError(f"{path.name}: {len(phrasings)} phrasings (at least {MIN_PHRASINGS})")
    source = None
    if data.get("source"):
        src = data["source"]
        source = Source(
            seed=str(_require(src, "seed", path)),
            title=str(_require(src, "title", path)),
            date=src.get("date"),
            date_note=src.get("date_note"),
            also=tuple(_article(entry, path) for entry in src.get("also") or ()),
        )
        if source.date is None and source.seed not in known_articles():
            raise FaqDataError(f"{path.name}: source.seed {source.seed} is not in knowledge/articles.yml (when it appeared)")
    elif not data.get("source_note"):
        raise FaqDataError(f"{path.name}: needs a 'source' (seed, title, date) or a 'source_note'")
    key_terms = tuple(
        frozenset(canonical(word.strip()) for word in str(term).split("+") if word.strip())
        for term in data.get("key_terms") or ()
    )
    if any(not words for words in key_terms):
        raise FaqDataError(f"{path.name}: an empty key term")
    scheme = data.get("scheme")
    if scheme is not None and scheme not in SCHEMES:
        raise FaqDataError(f"{path.name}: scheme must be one of {SCHEMES}")
    if data.get("scheme_counterpart") and scheme is None:
        raise FaqDataError(f"{path.name}: a scheme_counterpart needs the topic's own scheme")
    care = data.get("care")
    if care is not None and care not in CARE_KINDS:
        raise FaqDataError(f"{path.name}: care must be one of {CARE_KINDS}")
    return Topic(
        id=topic_id,
        region=region,
        title=str(_require(data, "title", path)),
        chat=chat,
        speech=speech,
        phrasings=phrasings,
        source=source,
        source_note=data.get("source_note"),
        counterpart=data.get("counterpart"),
        offers_estimate=bool(data.get("offers_estimate", False)),
        key_terms=key_terms,
        key_terms_only=key_terms_only,
        said_alone=frozenset(letters(str(message)) for message in data.get("said_alone") or ()),
        scheme=scheme,
        scheme_counterpart=data.get("scheme_counterpart"),
        care=care,
        pays=data.get("pays"),
    )


def load_knowledge_base(directory: Path = FAQ_DIR) -> KnowledgeBase:
    topics: dict[str, Topic] = {}
    for path in sorted(directory.glob("*.yml")):
        with path.open(encoding="utf-8") as handle:
            topic = parse_topic(yaml.safe_load(handle) or {}, path)
        topics[topic.id] = topic
    for topic in topics.values():
        for other in (topic.counterpart, topic.scheme_counterpart, topic.pays):
            if other and other not in topics:
                raise FaqDataError(f"{topic.id}.yml: counterpart '{other}' has no file")
        twin = topics.get(topic.scheme_counterpart or "")
        if twin is not None and (twin.scheme_counterpart != topic.id or twin.scheme == topic.scheme):
            raise FaqDataError(f"{topic.id}.yml: scheme_counterpart '{twin.id}' must point back, for the other scheme")
    return KnowledgeBase(topics)


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The knowledge base as shipped, loaded once per process."""
    return load_knowledge_base()

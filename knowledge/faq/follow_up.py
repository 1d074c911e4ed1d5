"""A follow-up right after an FAQ answer: "那乌海那边呢", "那居民呢", "退休的呢", "那要办啥手续".

The same question, asked for another city (the topic's `counterpart`) or another scheme (its
`scheme_counterpart`; 退休/在职 are employees). A follow-up naming neither is not one of these
(it is a what-if of the cost conversation: "那二级医院呢"), unless it asks more about the same
thing without naming anything (`asks_more_about_it`).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from knowledge.cost.facts import asks_how_much, is_question, says_a_figure_back, says_money, settled
from knowledge.faq.answer import answering
from knowledge.faq.choice import (
    DEFAULT_POLICY,
    NOT_UNDERSTOOD,
    OOK_INTENT,
    OUT_OF_KNOWLEDGE,
    OUT_OF_SCOPE,
    FaqChoice,
    Policy,
    Reading,
    named_topics,
)
from knowledge.faq.model import KnowledgeBase, Topic
from knowledge.reading.amounts import amount_mentions, parse_amount
from knowledge.reading.choices import (
    left_over,
    letters,
    names_elsewhere,
    nothing_but,
    one_of_and_nothing_but,
    parse_care,
    parse_group,
    parse_level,
    parse_region,
    parse_scheme,
    parse_status,
    typed_clauses,
    value_words,
)
from knowledge.reading.rates import rate_mentions
from knowledge.reading.vocabulary import read

EMPLOYEE = "职工"


@dataclass(frozen=True)
class FollowUp:
    region: str | None  # the city named, if any
    scheme: str | None  # the scheme named or implied (退休 → 职工), if any

    @classmethod
    def read(cls, text: str) -> FollowUp:
        scheme = parse_scheme(text) or (EMPLOYEE if parse_status(text) else None)
        return cls(region=parse_region(text), scheme=scheme)

    @property
    def names_anything(self) -> bool:
        return self.region is not None or self.scheme is not None


# Letters of a message short enough to lean on the answer before it ("以前是多少", "我爸70多了不会弄").
SHORT_FOLLOW_UP = 20


def follows_the_answer(reading: Reading, choice: FaqChoice, text: str, policy: Policy = DEFAULT_POLICY) -> bool:
    """Right after an answer, with no topic named: a short message the NLU could not place on its own (not
    known, off-topic, or a question it did not understand), and was not sure of that: it leans on that answer
    ("以前是多少" after the cap's new figure, "我家离城里远" after who can help with a claim)."""
    if choice.kind not in (OUT_OF_KNOWLEDGE, OUT_OF_SCOPE, NOT_UNDERSTOOD) or len(letters(text)) > SHORT_FOLLOW_UP:
        return False
    if choice.kind == NOT_UNDERSTOOD and not asks_about_something(text):
        return False  # "好的", "嗯嗯": no question ("俺老丈人呢" is one)
    sure = max(reading.intents.get(OOK_INTENT, 0.0), reading.intents.get(OUT_OF_SCOPE, 0.0))
    return sure < policy.ook_sure


def asks_more_about(kb: KnowledgeBase, topic: Topic, text: str) -> bool:
    """Right after `topic` was answered: a short question of how or where (`asks_more_about_it`), or
    "那糖尿病呢" naming a word of the answer itself (the answer says what there is about it). After an
    answer that is no benefit's, who one is told alone, when the answer says it for them ("我是退休的"
    after how the personal account is paid into), or any disease after an answer that says which ones
    it holds for ("我有关节炎" after which diseases settle across provinces: `answers_for_any_disease`);
    after any answer, whether it holds for a word ("有没有冠心病", "那糖尿病肯定算吧"), or a disease as a what-if
    ("她要是同时还有糖尿病呢" after 两病, whose answer says it); not a word that names another topic ("那亲情账户呢"
    after 家庭共济, whose answer warns about 亲情账户)."""
    if asks_more_about_it(text) or asks_what_it_says(topic, text):
        return True
    if not topic.offers_estimate and (asks_how_it_goes_for_them(text) or _tells_who_it_names(topic, text)):
        return True
    plain = letters(text)
    # "我是糖尿病" after which diseases settle across provinces: so it applies to them (after a
    # benefit's answer, told so, the caller is counted for)
    # "有没有冠心病" after how many diseases are covered: whether it is among them, after any answer
    named = (
        _NAMES_A_WORD.fullmatch(plain)
        or _ASKS_IF_IT_HOLDS.fullmatch(plain)
        or _ASKED_IF_IT_HOLDS.fullmatch(plain)
        or (None if topic.offers_estimate else _TELLS_A_WORD.fullmatch(plain))
    )
    word = named["word"] if named else None
    if word is None and (what_if := _WHAT_IF_A_DISEASE.fullmatch(plain)) and _is_a_disease(what_if["word"]):
        word = what_if["word"]
    if word is None and not topic.offers_estimate and len(plain) <= _LONGEST_WORD and _is_a_disease(plain):
        word = plain  # "糖尿病" alone after how to apply for chronic-disease care
    if word is None:
        return False
    for_any_disease = topic.id in read("follow_up")["answers_for_any_disease"] and _is_a_disease(word)
    if for_any_disease:
        return True  # "高血压" after how to apply: a disease, though it also names the 两病 benefit
    return word in topic.chat and not _says_which_benefit(word) and not set(named_topics(kb, word)) - {topic.id}


def _is_a_disease(word: str) -> bool:
    return word.endswith(tuple(read("follow_up")["disease_endings"]))


def _tells_who_it_names(topic: Topic, text: str) -> bool:
    """"我是退休的", "俺是在职职工": who one is and nothing else, a status or scheme the answer names."""
    words = read("follow_up")
    plain = letters(text)
    return _names_who_it_names(topic, text) and nothing_but(plain, (*_who_words(), *words["since_when"], *words["plain_words"]))


def _names_who_it_names(topic: Topic, text: str) -> bool:
    """The message names a status or scheme, and the answer names each one it names."""
    who = [value for value in (parse_status(text), parse_scheme(text)) if value is not None]
    return bool(who) and all(value in topic.chat for value in who)


def _who_words() -> tuple[str, ...]:
    """The words of schemes and statuses (职工, 居民, 退休 …)."""
    return (*value_words("scheme"), *value_words("status"))


def _says_which_benefit(word: str, region: str | None = None) -> bool:
    """A care, scheme, status, level or city (but `region`, the answer's own): "那门诊呢" asks about another
    benefit, or is a what-if."""
    readers = (parse_care, parse_scheme, parse_status, parse_level, parse_group)
    return any(read(word) is not None for read in readers) or parse_region(word) not in (None, region)


_LONGEST_WORD = 6
# "那糖尿病呢", "尿毒症呢": two to six letters between an optional 那 and 呢
_NAMES_A_WORD = re.compile(r"(?:那么|那)?(?P<word>\w{2,6}?)(?:的)?呢")
# "有没有冠心病", "包括痛风吗": whether the answer holds for it
_ASKS_IF_IT_HOLDS = re.compile(r"(?:那)?(?:有没有|包不包括|包括不包括|包括|含不含|算不算)(?P<word>\w{2,6}?)(?:吗|呢|么|不)?")
# ... the word first ("高血压算不算", "冠心病包括吗")
_ASKED_IF_IT_HOLDS = re.compile(
    r"(?:那)?(?P<word>\w{2,6}?)(?:算不算|算吗|算不|肯定算吧|也算吧|算吧|包括吗|包括不|包不包括|在里面吗|在不在里面)"
)
# "她要是同时还有糖尿病呢" after 两病: a disease as a what-if (a disease only: "要是三级医院呢" is counted)
_WHAT_IF_A_DISEASE = re.compile(r"(?:那)?(?:她|他|我|俺|我妈|我爸|俺娘|俺爹)?(?:要是|如果)(?:同时)?(?:还|也)?(?:有|得了)?(?P<word>\w{2,6}?)呢")
# "我是糖尿病", "俺有高血压", "我爸得的是尿毒症": what one has, two to six letters
_TELLS_A_WORD = re.compile(r"(?:我|俺|我爸|我妈|俺爹|俺娘|老伴|孩子)?(?:是|有|得的是|得了|患了|查出)(?P<word>\w{2,6}?)(?:病人|患者|的)?")


def asks_it_for(text: str) -> bool:
    """"退休的呢", "那居民的呢 俺爸也少了": the question just answered, asked again for what the message
    names (its last clause ends in 呢, or an earlier one that begins with 那: "还在岗呢 没退" only stresses
    it), not a statement of who one is ("职工，在职")."""
    clauses = [letters(clause) for clause in typed_clauses(text)]
    return letters(text).endswith("呢") or any(c.startswith("那") and c.endswith("呢") for c in clauses)


def names_nothing_of_its_own(text: str) -> bool:
    """"那我该找谁问", "一个月能给多少钱", "咋申请": a short question with no subject of its own, only words of
    asking how, where, what it takes or a figure (`asks_more`, `asks_what_it_says`, `plain_words`)."""
    words = read("follow_up")
    plain = letters(text)
    figures = (word for group in words["asks_what_it_says"] for word in group["asks"])
    return 0 < len(plain) <= words["max_chars"] and nothing_but(plain, (*words["asks_more"], *figures, *words["plain_words"]))


def asks_beyond_it(text: str) -> bool:
    """"那单位交的那一块去哪了", "我们厂也想弄 找谁" right after an answer: a question of how, where, who or what
    to bring (`asks_more`, `asks_beyond`), in a message no longer than a follow-up."""
    words = read("follow_up")
    plain = letters(text)
    return len(plain) <= 2 * words["max_chars"] and any(word in plain for word in (*words["asks_more"], *words["asks_beyond"]))


def only_acknowledges(text: str) -> bool:
    """"好好好", "行 我记一下", "中 俺记住了", "👍": taking it in, and nothing else (`acknowledges`,
    `acknowledging_emoji`)."""
    words = read("follow_up")
    plain = letters(text)
    if not plain:
        signs = [char for char in text if not char.isspace() and char not in "\ufe0f\u200d"]  # emoji variation marks
        return bool(signs) and all(char in words["acknowledging_emoji"] for char in signs)
    return one_of_and_nothing_but(plain, words["acknowledges"], words["acknowledging_plain"])


def says_back_what_it_heard(topic: Topic, text: str) -> bool:
    """"百分之八十 好", "十个工作日是吧 行行行" right after the answer that says it: words of the answer said
    back (figures as it writes them or in words), with a clause that only takes it in (`acknowledges`),
    and nothing asked."""
    words = read("follow_up")
    if not 0 < len(letters(text)) <= words["max_chars"]:
        return False
    clauses = [letters(clause) for clause in typed_clauses(text)]
    taken_in = [one_of_and_nothing_but(clause, words["acknowledges"], words["acknowledging_plain"]) for clause in clauses]
    said_back = "".join(clause for clause, taken in zip(clauses, taken_in, strict=True) if not taken)
    if not any(taken_in) or not said_back or is_question(said_back):
        return False
    pieces = left_over(said_back, tuple(words["checks_what_it_heard"]))
    rest = _not_its_own(pieces, topic)
    return rest != "".join(pieces) and nothing_but(rest, tuple(words["plain_words"]))


def asks_its_source(text: str, said: Mapping[str, Any]) -> bool:
    """"这是哪个文件说的", "你给的数是从哪来的，是不是自己编的", "2022年的？现在还算数吗": where the answer just
    given comes from or whether it still holds (`asks_its_source`), no cost fact (`said`) or city beside."""
    plain = letters(text)
    asks = any(word in plain for word in read("follow_up")["asks_its_source"])
    return asks and not set(said) - {"care_date"} and FollowUp.read(text).region is None


def asks_to_repeat(text: str) -> bool:
    """"再说一遍", "没看清 再发一遍": the answer again, and nothing else said (`asks_to_repeat`)."""
    words = read("follow_up")
    plain = (*words["plain_words"], *words["did_not_follow"], *words["repeat_politely"])
    return one_of_and_nothing_but(letters(text), words["asks_to_repeat"], plain)


def names_only_it(topic: Topic, text: str) -> bool:
    """"居民普通门诊" right after that answer: its title typed (as a button shows it), and nothing else."""
    return letters(text) == letters(topic.title)


def did_not_follow(text: str) -> bool:
    """"没听明白 说简单点": the answer was not followed, and nothing else is said (`did_not_follow`)."""
    words = read("follow_up")
    plain = letters(text)
    return one_of_and_nothing_but(plain, words["did_not_follow"], words["plain_words"])


def follow_up_topic(kb: KnowledgeBase, last_topic: str, follow_up: FollowUp) -> str | None:
    """The topic that answers the last question for the city or scheme named; None when this
    knowledge base has no answer for that scheme (两病 is a 居民 benefit: "那职工呢")."""
    topic = kb.topics[last_topic]
    if follow_up.region is not None:
        topic = kb.for_region(topic, follow_up.region)
    if follow_up.scheme is None or topic.scheme in (None, follow_up.scheme):
        return topic.id
    if topic.scheme_counterpart is None and follow_up.scheme in topic.chat:
        return topic.id  # 家庭共济 is 职工's; its answer says what it does for relatives in 居民医保
    return topic.scheme_counterpart


def of_the_scheme_just_answered(kb: KnowledgeBase, last_topic: str, chosen: str, text: str) -> str:
    """"她在县医院住 二级的 报几成" right after the 居民 inpatient benefit, which the NLU takes for the 职工
    one: a benefit's question naming no scheme is of the scheme just answered for (`last_topic`, when
    `chosen` is its other scheme's twin); any other choice stands."""
    if kb.topics[last_topic].scheme_counterpart == chosen and FollowUp.read(text).scheme is None:
        return last_topic
    return chosen


def says_back_a_figure(kb: KnowledgeBase, topic: Topic, text: str, said: Mapping[str, Any]) -> bool:
    """"五千五啊", "退休5500？", "400也太少了吧", "二级医院是百分之九十", "一年最多报四千五是吧 退休的五千五" right
    after an answer giving those figures (`said`: the cost facts read from `text`; the figures of a topic the
    message names count too: "大额补助最高八十万是吧"): figures of the answer said back, maybe
    with whom, which hospital or care they are for or the disease the answer is about ("两个病都有，限额是600，
    还是300加400" after 两病), no bill ("我花了五千五", with a verb of paying in its clause, is one, unless it
    is asked to be confirmed: "最多报四千五是吧"; "花了两万对吧" tells a bill)."""
    beside = {"region", "scheme", "status", "level", "care", "total"}
    if "disease" in said and settled({"scheme": topic.scheme, "disease": said["disease"]}).get("care") == topic.care:
        beside.add("disease")
    if set(said) - beside:
        return False
    amounts = {mention.amount.value for mention in amount_mentions(text, whole_answer=False)}
    rates = rate_mentions(text)
    # "退休的能到九十五是吧" after "退休人员最高可达95%": a bare number, no sum of money, may be a rate of the answer
    bare = set() if says_money(text) else {mention.amount.value for mention in amount_mentions(text, whole_answer=True)}
    if not (amounts or rates or bare):
        return False
    given_amounts, given_rates = _figures(topic.chat)
    for named in named_topics(kb, text):
        named_amounts, named_rates = _figures(kb.topics[named].chat)
        given_amounts, given_rates = given_amounts | named_amounts, given_rates | named_rates
    rates |= bare & given_rates
    amounts -= bare & given_rates
    if not (amounts or rates):
        return False
    # a verb of paying in the clause of the figure makes it a bill ("我花了五千五"), and so does asking how much
    # ("四千五 能报多少"); a verb elsewhere asks about something else ("400也太少了吧 有无别的能报的"); a figure of
    # what is paid back asked to be confirmed is the answer's ("一年最多报四千五是吧")
    words = read("cost_question")
    clauses = [letters(clause) for clause in typed_clauses(text) if amount_mentions(clause, whole_answer=False)]
    confirmed = any(word in letters(text) for word in words["rate_confirms"])
    verbs = [verb for verb in words["money_verbs"] if not (confirmed and verb in words["paid_back_verbs"])]
    if any(verb in clause for clause in clauses for verb in verbs) or asks_how_much(text):
        return False
    return amounts <= given_amounts and rates <= given_rates


@lru_cache(maxsize=128)
def _figures(answer: str) -> tuple[frozenset[Decimal], frozenset[Decimal]]:
    """The amounts and the rates an answer gives (read once per answer: this runs on every message after one)."""
    return frozenset(m.amount.value for m in amount_mentions(answer, whole_answer=False)), frozenset(rate_mentions(answer))


def asks_more_about_it(text: str) -> bool:
    """"那要办啥手续", "在哪办", "得带啥材料": a short question of how, where or what to bring that
    names no subject of its own (knowledge/reading/lexicon/follow_up.yml)."""
    words = read("follow_up")
    plain = letters(text)
    return len(plain) <= words["max_chars"] and one_of_and_nothing_but(plain, words["asks_more"], words["plain_words"])


def asks_what_it_says(topic: Topic, text: str) -> bool:
    """"报几成" after 两病, "起付线多少" after 大病保险, "手机上能弄吗" after how to file: a short question of
    something the answer says in its own words (`asks_what_it_says`), and nothing else."""
    words = read("follow_up")
    plain = letters(text)
    if not plain or len(plain) > words["max_chars"]:
        return False
    asked = [
        group for group in words["asks_what_it_says"]
        if any(word in plain for word in group["asks"])
        and not (topic.offers_estimate and group.get("counted_after_a_benefit"))
    ]
    if not asked:
        return False
    # who one is may be said beside, when the answer names them ("那我自己 在职的 限额是多少来着")
    who = _who_words() if _names_who_it_names(topic, text) else ()
    return (
        all(any(said in topic.chat for said in group["says"]) for group in asked)
        and nothing_but(plain, (*(word for group in asked for word in group["asks"]), *words["asks_more"], *who, *words["plain_words"]))
    )


def asks_of_its_own_words(topic: Topic, text: str) -> bool:
    """"一站式是啥意思" after 医疗救助, "那手工的去哪交" after which services are online, "医院就能办是吧"
    after how to apply, "俺不大会弄手机 能不能打电话办" after how to file (questions no topic answers alone): a
    short question of how, where or whether it is so (`asks_more`, `checks_what_it_heard`), whose other
    words the answer itself uses (two letters or more each, none a care, scheme, status, level or city:
    "住院能用吗" asks of another benefit), or of something the answer says (`asks_what_it_says`); not being
    able to do it oneself may be said beside."""
    words = read("follow_up")
    plain = letters(text)
    says = _asks_it_says(topic)
    asking = (*words["asks_more"], *words["checks_what_it_heard"], *says)
    if not 0 < len(plain) <= words["max_chars"] or not any(word in plain for word in asking):
        return False
    # the asking words first: "几次" in "能看几次病" is asked, though the answer may say it
    pieces = left_over(plain, asking)
    rest = _not_its_own(pieces, topic)
    # not being able to do it oneself may be said beside ("俺不大会弄手机 能不能打电话办")
    around = (*words["plain_words"], *words["cannot_do_it"], *words["cannot_do_it_plain"])
    of_the_answer = rest != "".join(pieces) or any(word in plain for word in says)
    return of_the_answer and nothing_but(rest, around)


def _not_its_own(pieces: list[str], topic: Topic) -> str:
    """What is left of `pieces` without the answer's figures and its own words."""
    chat = letters(topic.chat)
    return "".join(_without_its_words(_without_its_figures(piece, topic), chat, topic.region) for piece in pieces)


# a number in digits or words; of one letter only 十 ("十个工作日" of "10个工作日"): 一 is in too many words
_NUMBER = re.compile(r"(?:百分之)?(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万点]{2,})|百分之[一二三四五六七八九十]|十")


def _without_its_figures(piece: str, topic: Topic) -> str:
    """`piece` without the figures the answer writes, said in digits or in words ("八十" of 80%)."""
    written = set(re.findall(r"\d+(?:\.\d+)?", topic.chat))

    def unless_written(number: re.Match) -> str:
        value = parse_amount(number.group().removeprefix("百分之"))
        return "" if value is not None and format(value.normalize(), "f") in written else number.group()

    return _NUMBER.sub(unless_written, piece)


def _asks_it_says(topic: Topic) -> tuple[str, ...]:
    """The words of `asks_what_it_says` questions that this topic's answer says."""
    groups = read("follow_up")["asks_what_it_says"]
    return tuple(
        word for group in groups
        if any(said in topic.chat for said in group["says"])
        and not (topic.offers_estimate and group.get("counted_after_a_benefit"))
        for word in group["asks"]
    )


def _without_its_words(plain: str, chat: str, region: str) -> str:
    """`plain` without the longest pieces (two letters or more) that `chat` also has, none a care,
    scheme, status, level or city other than the answer's `region`, read from left to right."""
    kept, start = [], 0
    while start < len(plain):
        end = next(
            (end for end in range(len(plain), start + 1, -1)
             if plain[start:end] in chat and not _says_which_benefit(plain[start:end], region)),
            None,
        )
        if end is None:
            kept.append(plain[start])
            start += 1
        else:
            start = end
    return "".join(kept)


def asks_how_it_goes_for_them(text: str) -> bool:
    """"我是退休的 那我的怎么算" after how the personal account is paid into: who one is, with a short
    question of how it goes for them (`asks_for_oneself`), and nothing else. After a benefit's answer
    the caller asks what they would pay, which counting answers: its caller leaves those out."""
    words = read("follow_up")
    plain = letters(text)
    who = _who_words()
    return (
        bool(FollowUp.read(text).scheme)
        and any(word in plain for word in words["asks_for_oneself"])
        and nothing_but(plain, (*who, *words["asks_for_oneself"], *words["since_when"], *words["plain_words"]))
    )


def asks_it_for_them(text: str) -> bool:
    """"那居民有吗", "退休的也能享受吗", "她是居民医保，不是职工，这样也行？": a scheme or status and a short
    question about it (`asks_for_them`, one of `asking_for_them`), nothing else: the question just
    answered, asked for them."""
    words = read("follow_up")
    plain = letters(text)
    return (
        FollowUp.read(text).scheme is not None
        and parse_region(text) is None
        and any(word in plain for word in words["asking_for_them"])
        and nothing_but(plain, (*_who_words(), *words["asks_for_them"]))
    )


def tells_only_where(text: str) -> bool:
    """"我在无棣", "俺家在阳信", "那乌海那边呢": a place we know and nothing else (`where_words`), not "那明天
    滨州下不下雨"."""
    plain = letters(text)
    return parse_region(text) is not None and nothing_but(plain, (*value_words("region"), *read("follow_up")["where_words"]))


def topic_for_a_place_told(kb: KnowledgeBase, last: str, text: str) -> str | None:
    """A place told alone right after the answer on `last`: "我在无棣" after where to find a pharmacy gets
    it for that place; "我在北京" after how to file for care elsewhere gets that answer again, which holds
    wherever one is (`answers_for_elsewhere`). None: no place told alone, or none the answer fits."""
    if tells_only_where(text):
        return follow_up_topic(kb, last, FollowUp.read(text))
    words = read("follow_up")
    if last not in words["answers_for_elsewhere"] or not names_elsewhere(text):
        return None
    return last if nothing_but(letters(text), (*value_words("offsite", "yes"), *words["where_words"])) else None


def cannot_do_it_alone(text: str) -> bool:
    """"我不会弄", "俺岁数大了 手机上弄不了": one cannot do it oneself, and says nothing else."""
    words = read("follow_up")
    plain = letters(text)
    return one_of_and_nothing_but(plain, words["cannot_do_it"], (*words["cannot_do_it_plain"], *words["plain_words"]))


def helping_topic() -> str:
    """The topic that says who helps one do it (`helps_doing_it`)."""
    return str(read("follow_up")["helps_doing_it"])


def topic_for_another_care(kb: KnowledgeBase, last: str, text: str) -> str | None:
    """"那住院呢" right after the 居民 outpatient benefit: the same question for that care, the benefit of
    the same scheme (and city) for it; None when the message is not that, or no one topic answers it."""
    topic = kb.topics[last]
    named = _NAMES_A_WORD.fullmatch(letters(text))
    care = parse_care(named["word"]) if named else None
    if topic.care is None or care in (None, topic.care):
        return None
    fitting = [
        t.id for t in kb.topics.values()
        if t.care == care and t.region == topic.region and (topic.scheme is None or t.scheme in (None, topic.scheme))
    ]
    return fitting[0] if len(fitting) == 1 else None


# Facts a question about an answer may tell (its_sentence_answers): what care, where, what group ("出院能直接结算不" after 医疗救助)
_TOLD_OF_THE_ANSWER = frozenset({"offsite", "care", "group", "region"})


def its_sentence_answers(kb: KnowledgeBase, topic: Topic, text: str, said: Mapping[str, Any]) -> bool:
    """"先自付多少" after how to file for care elsewhere, "出院能直接给报了不" after 医疗救助: right after an answer,
    a question that one of its sentences clearly answers ("…都先由个人自付5%", "出院时“一站式”结算"), naming no
    other topic and telling nothing of whose bill or how much (`said`: a care, a place or a group may be told,
    which such answers are about): that sentence, not the cost form, whatever the NLU took it for. After a
    benefit's answer, how much one gets is counted ("那先自付多少" after the stay benefit)."""
    return (
        not (topic.offers_estimate and asks_how_much(text))
        and not set(said) - _TOLD_OF_THE_ANSWER
        and asks_about_something(text)
        and not set(named_topics(kb, text)) - {topic.id}
        and answering(kb, topic.id, topic.region, text) is not None
    )


def asks_about_something(text: str) -> bool:
    """A question, "…呢" asking about something ("我退休了呢", "膝关节呢"), or a figure said back ("两千五吧")."""
    return is_question(text) or asks_it_for(text) or says_a_figure_back(text)


def topic_for_what_it_pays(kb: KnowledgeBase, last: str, text: str) -> str | None:
    """"俺是居民 能报多少" right after how to apply for 门诊慢特病: the topic saying what that care pays (the
    answer's `pays`), when how much is asked and no bill is told (one told is counted)."""
    pays = kb.topics[last].pays
    if pays is None or not asks_how_much(text) or amount_mentions(text, whole_answer=False):
        return None
    return pays


def topic_for_the_next_message(kb: KnowledgeBase, last: str, text: str) -> str | None:
    """A place told alone, another care asked for, or what the care pays asked right after the answer on
    `last` ("我在无棣", "那住院呢", "能报多少"): the topic that answers it, if one does."""
    return topic_for_a_place_told(kb, last, text) or topic_for_another_care(kb, last, text) or topic_for_what_it_pays(kb, last, text)

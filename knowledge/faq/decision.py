"""What a 医保 question gets, all steps together: the NLU's reading (choice.py), narrowed to the topics
that fit what the message says (its scheme and care), and for a question about benefits in general
the benefit topics it may mean (benefits.py). The FAQ action and nlu/evaluate_faq.py both decide so."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from knowledge.cost.facts import asks_if_it_covers_care_elsewhere, is_question, names_the_care, one_way
from knowledge.faq.benefits import asks_about_benefits_in_general, benefit_choice
from knowledge.faq.choice import (
    ANSWER,
    CLARIFY,
    DEFAULT_POLICY,
    NOT_UNDERSTOOD,
    OUT_OF_KNOWLEDGE,
    OUT_OF_SCOPE,
    FaqChoice,
    Policy,
    Reading,
    choose,
    named_topic,
    narrow,
)
from knowledge.faq.follow_up import of_the_scheme_just_answered
from knowledge.faq.model import KnowledgeBase
from knowledge.reading.choices import letters
from knowledge.reading.record_request import asks_to_look_up_a_record, record_topic
from knowledge.reading.terms import canonical
from knowledge.reading.vocabulary import read

_PLAIN_OUTPATIENT = "普通门诊"


def decide(
    kb: KnowledgeBase,
    reading: Reading,
    text: str,
    said: Mapping[str, Any],
    just_answered: str | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> FaqChoice:
    """`said`: the cost facts the message states (knowledge.cost.facts.read_facts)."""
    choice = _decide(kb, reading, text, said, just_answered, policy)
    if choice.kind == ANSWER and choice.topic is not None and just_answered in kb.topics:
        # "她在县医院住 二级的 报几成" right after the 居民 stay, which the NLU takes for the 职工 one
        return FaqChoice(ANSWER, of_the_scheme_just_answered(kb, just_answered, choice.topic, text))
    return choice


def _decide(
    kb: KnowledgeBase,
    reading: Reading,
    text: str,
    said: Mapping[str, Any],
    just_answered: str | None,
    policy: Policy,
) -> FaqChoice:
    if not letters(text):
        return FaqChoice(NOT_UNDERSTOOD)  # "？？？", "😊": no word to answer, whatever the NLU guessed
    if asks_to_look_up_a_record(text) and record_topic() in kb.topics:
        # "我要查一下我卡里还有多少钱": no topic's words, but what the assistant cannot do (see records)
        return FaqChoice(ANSWER, record_topic())
    scheme, care = one_way(said.get("scheme")), said.get("care")
    named = named_topic(kb, text)
    choice = choose(reading, named, policy, just_answered)
    if of_another_city(kb, said, choice):
        return FaqChoice(ANSWER, INSURED_ELSEWHERE)
    choice = narrow(_of_the_care_said(kb, _of_the_scheme_said(kb, choice, scheme), care), kb, scheme, care)
    if _not_a_benefit(kb, choice, named) and not (named and kb.topics[named].care is None) and asks_about_benefits_in_general(text):
        # "退休了看病怎么报": no topic is about it alone, but the benefits it may mean are known; nor is a
        # topic other than a benefit one about it ("我在乌海参保的，在乌海住院能报多少" is no question
        # about 乌海's 家庭共济, whatever the classifier ranks first: its words name nothing else); one the
        # message names that is no benefit's is ("大额补助封顶多少")
        benefits = benefit_choice(kb, [topic for topic, _ in reading.ranking], scheme, care)
        if benefits.kind == CLARIFY and just_answered in benefits.candidates:
            # "社区医院报多少" right after the 职工 门诊 benefit: more about that one, not which one
            return FaqChoice(ANSWER, just_answered)
        return benefits
    if (
        choice.kind in _DECLINES
        and asks_if_it_covers_care_elsewhere(text, said)
        and _ELSEWHERE["topic"] in kb.topics
        and (just_answered is None or names_the_care(text))
    ):
        # "去天津看病 咱这医保能用不": no bill, a place elsewhere and whether 医保 works there (right after another
        # answer, care said: "俺闺女能用不 俺闺女在济南上班" after 家庭共济 is about that answer)
        return FaqChoice(ANSWER, _ELSEWHERE["topic"])
    if choice.kind in _DECLINES or (_about_the_service(kb, choice) and not is_question(text)):
        # "我儿子给我装的这个，我不太会打字": no question (or none the classifier took for one about the
        # service: "俺眼神不好 字太小了" for 人工服务), but what a topic answered by these words says
        plain, alone = canonical(text), letters(text)
        helper = next(
            (t.id for t in kb.topics.values() if (t.key_terms_only and t.key_terms_in(plain)) or alone in t.said_alone),
            None,
        )
        return choice if helper is None else FaqChoice(ANSWER, helper)
    return choice


_DECLINES = (OUT_OF_SCOPE, NOT_UNDERSTOOD, OUT_OF_KNOWLEDGE)
_ELSEWHERE = read("care_elsewhere")
INSURED_ELSEWHERE = "insured_elsewhere"


def of_another_city(kb: KnowledgeBase, said: Mapping[str, Any], choice: FaqChoice) -> bool:
    """A benefit's question ("住院能报多少", or one right after a benefit's answer) from someone insured in another
    city or about its rules ("我是淄博的居民医保", "那淄博的住院报销比例是多少"): 滨州's figures are not theirs. The
    choice: a benefit's answer (the care it pays for) or a choice among benefits. (家庭共济 is no benefit; a question
    no topic answers stays honestly not known: "深圳医保个人账户的钱能转到滨州吗".)"""
    if not said.get("insured_elsewhere") or INSURED_ELSEWHERE not in kb.topics:
        return False
    topics = (choice.topic,) if choice.kind == ANSWER else choice.candidates if choice.kind == CLARIFY else ()
    return bool(topics) and all(topic in kb.topics and kb.topics[topic].care is not None for topic in topics)


def _about_the_service(kb: KnowledgeBase, choice: FaqChoice) -> bool:
    """An answer about the assistant itself (人工服务, what it can do): a topic no article is the source of."""
    return choice.kind == ANSWER and choice.topic is not None and kb.topics[choice.topic].source is None


def _not_a_benefit(kb: KnowledgeBase, choice: FaqChoice, named: str | None) -> bool:
    """No topic, or one that is no benefit's and that the message does not name (大额补助 is one); "住院费怎么算",
    which the classifier took for a question beyond 医保, too (it names nothing but the care)."""
    if choice.kind in (OUT_OF_KNOWLEDGE, NOT_UNDERSTOOD, OUT_OF_SCOPE):
        return True
    topic = choice.topic
    return choice.kind == ANSWER and topic is not None and topic != named and kb.topics[topic].care is None


def _of_the_scheme_said(kb: KnowledgeBase, choice: FaqChoice, scheme: str | None) -> FaqChoice:
    """A benefit answered for the other scheme than the one said ("俺没上过班 在家种地 住院能报多少" ranked
    职工住院 first, for its 上班): its twin for the scheme said."""
    topic = kb.topics[choice.topic] if choice.kind == ANSWER and choice.topic else None
    if topic is None or topic.scheme_counterpart is None or scheme in (None, topic.scheme):
        return choice
    return FaqChoice(ANSWER, topic.scheme_counterpart)


def _of_the_care_said(kb: KnowledgeBase, choice: FaqChoice, care: str | None) -> FaqChoice:
    """A benefit answered for another kind of care than the one said ("慢特病门诊报销怎么算？居民，糖尿病"
    ranked 两病 first, for the disease): the benefits of the care said are offered, to be narrowed."""
    topic = kb.topics[choice.topic] if choice.kind == ANSWER and choice.topic else None
    if topic is None or topic.care is None or care in (None, topic.care, _PLAIN_OUTPATIENT):
        return choice  # a plain 门诊 is read as 普通门诊, but says too little to overrule the ranking
    return FaqChoice(CLARIFY, candidates=tuple(t.id for t in kb.topics.values() if t.care == care))

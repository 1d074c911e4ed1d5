"""What a message is to the cost conversation: an answer, a what-if, a new cost question, or none.

Facts first: whether a message states a cost fact is read by the same readers that fill the slots
(knowledge.cost.facts), for any wording the vocabularies know; the intent classifier's guess only
decides among the messages without one. A message with a fact is a stop or an FAQ question only when
it asks about the rules ("异地就医要备案吗"). Used by the cost form's validation (actions/) and by
FactsFirstPolicy (bot/facts_first_policy.py), so both decide alike.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from knowledge.cost.facts import (
    FACT_SLOTS,
    asks_a_rule_figure,
    asks_about_rules,
    asks_for_the_cap,
    asks_how_much,
    asks_if_it_covers_care_elsewhere,
    asks_only_by_its_mark,
    asks_own_cost,
    asks_to_count,
    asks_to_pay_less,
    asks_what_the_bill_gets,
    asks_why,
    checks_what_was_counted,
    compares_with_another,
    is_cost_question,
    is_question,
    merge_all,
    names_a_rule_figure,
    needed_facts,
    read_facts,
    returns_to_the_bill,
    same_fact,
    says_money,
    says_the_same_case,
    states_own_bill,
)
from knowledge.cost.glossary import term_asked
from knowledge.faq.choice import CANCEL_INTENT, FALLBACK_INTENT, FAQ_INTENT, OOK_INTENT, OUT_OF_SCOPE, named_topic
from knowledge.faq.follow_up import asks_it_for
from knowledge.faq.model import knowledge_base
from knowledge.reading.amounts import amount_mentions, normalize_for_amounts
from knowledge.reading.cancel_or_question import asks_rather_than_stops, stops_asking
from knowledge.reading.choices import (
    letters,
    normalize,
    nothing_but,
    one_of_and_nothing_but,
    says_not_known,
    typed_clauses,
)
from knowledge.reading.vocabulary import read

# Below this an FAQ-looking message is not trusted to be a question: in the form it is an (unclear) answer.
FAQ_MIN_CONFIDENCE = 0.6
# Intents that end or leave the cost conversation; rules handle them.
STOPS = frozenset({CANCEL_INTENT, "goodbye", "thank", "human_handoff"})
# Actions that end one cost question: what was said before them belongs to an earlier bill.
# A cancel in the form (actions/cancel.py) ends it, or answers a question and resumes it: the form holds
# the facts told so far in its slots either way.
COST_ENDINGS = frozenset({"action_estimate_cost", "action_change_fact", "action_reset_cost", "action_cancel_in_form"})
INFORM_REGION = "inform_region"
# Facts that say nothing about a bill on their own ("我是乌海的" sets the city: a rule's job).
NOT_ABOUT_THE_BILL = frozenset({"region"})


@dataclass(frozen=True)
class Message:
    text: str
    intent: str | None
    confidence: float
    best_guess: str | None = None  # the intent the NLU ranked first besides nlu_fallback (read when unsure)


def _left_to_the_rules(message: Message, facts: dict) -> bool:
    """A stop without a fact, or saying it stops whatever else it names ("算了不问了，等出院了再说吧"), or
    asking about the rules; a confident 医保 question (one a topic answers or one it does not) asking
    about the rules, or a question without a fact; a figure of the rules asked with no fact, whatever the NLU
    thought of it. An FAQ-looking message
    that asks nothing ("我也说不上来") is an (unclear) answer; so is any message the NLU was unsure of,
    but a cancel that asks ("听人讲门诊统筹取消了 真的吗", where 门诊 is no answer): that is a question."""
    if not facts and message.intent in (FALLBACK_INTENT, OUT_OF_SCOPE) and asks_a_rule_figure(message.text):
        # "一年最多给多少", "还得先花够多少钱才给报不" (off-topic or unsure to the NLU): a figure of the rules
        return True
    if message.confidence < FAQ_MIN_CONFIDENCE:
        unsure_cancel = message.best_guess == CANCEL_INTENT and message.intent in (CANCEL_INTENT, FALLBACK_INTENT)
        return unsure_cancel and asks_rather_than_stops(message.text)
    if message.intent in STOPS:
        return not facts or asks_about_rules(message.text) or stops_asking(message.text)
    if message.intent in (FAQ_INTENT, OOK_INTENT):
        text = message.text
        # the cap asked with no bill ("那一年都在社区看 最多能报多少") is for the rules too, and so is a topic asked
        # about by name ("大病保险呢")
        return asks_about_rules(text) or asks_for_the_cap(text) or (not facts and (is_question(text) or _asks_of_a_topic(text)))
    return False


# a bill this small said without a unit or a verb of paying, in a question, is a rate checked
_MOST_A_RATE_IS = 100


def _a_rate_said_bare(text: str, facts: Mapping[str, Any]) -> bool:
    """A question whose figure is a bare number no larger than a rate ("是不是也是八十五"), with no unit or spending
    said ("花了八十五" is a bill; "报" names a rate as often: "三级报八十五吗")."""
    return "total" in facts and facts["total"] <= _MOST_A_RATE_IS and is_question(text) and not says_money(text)


def _asks_of_a_topic(text: str) -> bool:
    """"大病保险呢", "那大额补助呢": a topic named by its words, asked about with "…呢"."""
    return asks_it_for(text) and named_topic(knowledge_base(), text) is not None


def answers_the_form(message: Message, requested: str | None, today: datetime.date) -> bool:
    """In the cost form: the form reads this message (an answer, maybe an unclear one), or it is left
    to the rules (算了, 再见, 谢谢, 转人工, "异地就医怎么备案"). The fact asked for, said unsure
    ("医院等级记不清，好像三级？") or not known with the question said back and no topic named ("哪级医院
    俺不知道 就是滨医附院"; not "不知道哪级的 异地就医怎么备案"), is an answer."""
    facts = read_facts(message.text, today, requested)
    if requested in facts and asks_only_by_its_mark(message.text):
        return True
    if requested == "total" and _a_rate_said_bare(message.text, facts):
        return False  # "二级医院是不是也是八十五": 85%, its 百分之 unsaid, checked; no bill of 85 yuan
    if requested not in facts and message.intent not in STOPS and asks_a_rule_figure(message.text):
        # "去滨州大医院三级的也报75%对吧" while the amount is asked: a rate of the rules checked, whatever the NLU
        # took it for; the level it names is no answer (the form asks again after the rules answer)
        return False
    if requested in facts and says_not_known(message.text) and named_topic(knowledge_base(), message.text) is None:
        return True
    return not _left_to_the_rules(message, facts)


def changes_the_estimate(message: Message, today: datetime.date, counted: Mapping[str, Any]) -> bool:
    """After an estimate (or back to it after other questions: `returns_to_the_bill`): a correction or a
    what-if ("不对是二级的", "那要是两万呢"); not a question of how it was reached that names only what it
    counted with ("是按二级医院算的吧" after an estimate for 二级: `counted`, the estimate's facts), nor a
    check naming one it did not ("你是按退休算的吧" after 在职: `checks_an_uncounted_fact`)."""
    facts = read_facts(message.text, today)
    return (
        bool(set(facts) - NOT_ABOUT_THE_BILL)
        and not (asks_why(message.text) and not _not_counted(facts, counted))
        and not _uncounted_and_checked(message, facts, counted)
        and not (_left_to_the_rules(message, facts) and not ("group" in facts and asks_to_pay_less(message.text)))
        and not _thanks_repeating_a_figure(message, facts)
        and not compares_with_another(message.text)
        and not _checks_a_figure_heard(message.text, facts)
        and not _asks_of_a_topic_where_another_is(message.text, facts)
        # "那我今年大病保险能报吗": this year's care is the one counted; what 大病保险 came to is asked
        and not (_not_counted(facts, counted) <= {"care_date"} and term_asked(message.text) is not None)
    )


def _asks_of_a_topic_where_another_is(text: str, facts: Mapping[str, Any]) -> bool:
    """"我儿子在外地 他的医保卡能给我用不 那个叫家庭共济是吧" after an estimate: a question naming a topic that is no
    question of care elsewhere, whose place elsewhere is no fact of the bill (it is where someone is)."""
    if set(facts) - NOT_ABOUT_THE_BILL != {"offsite"} or not is_question(text):
        return False
    named = named_topic(knowledge_base(), text)
    return named is not None and "offsite" not in read_facts(knowledge_base().topics[named].title, datetime.date.min)


def _checks_a_figure_heard(text: str, facts: dict) -> bool:
    """"2780对不对", "俺自己出3150 没错吧" after an estimate: an amount alone, asked back to be confirmed
    (`rate_confirms`; not "不对不对，是一万八", which corrects it: a correction before the amount), not after a word
    of the bill ("花了两万对吧" tells the bill again)."""
    if set(facts) - NOT_ABOUT_THE_BILL != {"total"}:
        return False
    mentions = amount_mentions(text, whole_answer=True)
    before = normalize_for_amounts(text)[:mentions[-1].start] if mentions else ""
    corrected = any(word in before for word in read("cost_question")["taken_back"])
    confirms = not corrected and any(word in letters(text) for word in read("cost_question")["rate_confirms"])
    of_the_bill = any(mention.preference[0] for mention in mentions)
    return confirms and not of_the_bill and not asks_how_much(text)


def tells_another_persons_bill(message: Message, today: datetime.date) -> bool:
    """"那我爸呢 他退休职工 上个月住的院 花了2w3" right after the mother's estimate: another person (`next_person`
    opening a clause), who they are and their bill; a new estimate, not a what-if of hers (unless the care is
    said to be the same: `same_care`)."""
    if not names_another_person(message.text):
        return False  # the facts are read only then: this runs on every message after an estimate
    if any(word in letters(message.text) for word in _SAME_CARE):
        return False  # the same hospital, the same care: a what-if of the estimate for them
    facts = read_facts(message.text, today)
    return "total" in facts and bool({"scheme", "status"} & set(facts))


def names_another_person(text: str) -> bool:
    """A clause opens with another person ("那我老伴呢", "还有我爸"): what follows is theirs, not the caller's."""
    return any(normalize(clause).startswith(_NEXT_PERSON) for clause in typed_clauses(text))


def person_named(text: str) -> str | None:
    """The one relative a message names ("第三次住院呢 我妈": 母亲), None for none or several (`persons`)."""
    plain = normalize(text)
    named = {person for person, words in _PERSONS.items() if any(word in plain for word in words)}
    return named.pop() if len(named) == 1 else None


_NEXT_PERSON = tuple(read("cost_question")["next_person"])
_PERSONS: dict[str, tuple[str, ...]] = {person: tuple(words) for person, words in read("cost_question")["persons"].items()}
_SAME_CARE = tuple(read("cost_question")["same_care"])


def _thanks_repeating_a_figure(message: Message, facts: dict) -> bool:
    """"哦 四百 好 好 行 谢谢你啊" after "一年最多报四百元": a thanks that repeats a figure just heard, no
    bill (one would come with a cost word: "谢谢，我花了八千")."""
    return message.intent in _CLOSING and set(facts) <= {"total"} and not is_cost_question(message.text)


_CLOSING = frozenset({"thank", "goodbye"})


# Kept per text: each turn reads the conversation's earlier messages again (FactsFirstPolicy), which
# without it was an eighth of Rasa's time per turn by turn 30 of one conversation (py-spy).
@lru_cache(maxsize=4096)
def personal_facts(text: str, today: datetime.date) -> frozenset[str]:
    """Which facts about the person's own bill a message gives, besides amounts and dates: who (scheme
    or status), the care, the level, the group, off-site, the disease, the admission."""
    said = set(read_facts(text, today)) & _PERSONAL
    return frozenset("who" if name in ("scheme", "status") else name for name in said)


_PERSONAL = frozenset({"scheme", "status", "care", "level", "group", "offsite", "disease", "admission"})


def _told(messages: Iterable[Message], today: datetime.date) -> frozenset[str]:
    return frozenset().union(*(personal_facts(m.text, today) for m in messages))


def asks_about_own_bill(message: Message, today: datetime.date, earlier: Sequence[Message] = ()) -> bool:
    """A question about what the user's own bill costs them: a cost word or "how much" with an amount,
    or a question about their own pay ("自己要出多少"), with a fact about the person beyond the kind of
    care (which only names the benefit an FAQ answer is about); or an amount of their bill with three
    facts ("在职职工 三级医院 住院三万 怎么报"). A question for a figure of the rules ("…报销比例多少",
    "…一年最多报多少") is answered by the rules first, whatever bill it tells. Facts count when said now or in the `earlier`
    messages of this conversation."""
    text = message.text
    asks_cost = is_cost_question(text) or asks_own_cost(text)
    tells_bill = states_own_bill(text) and not asks_a_rule_figure(text)
    if not (asks_cost or tells_bill):
        return False
    facts = personal_facts(text, today) | _told(earlier, today)
    return (asks_cost and bool(facts - {"care"})) or (tells_bill and len(facts) >= 3)


def _complete(messages: Sequence[Message], today: datetime.date) -> bool:
    return not needed_facts(merge_all({}, [read_facts(m.text, today) for m in messages]))


def starts_an_estimate(
    message: Message, today: datetime.date, earlier: Sequence[Message] = (), estimable: bool = True
) -> bool:
    """Outside a cost conversation: a question about the user's own bill that the rules would not
    start the estimate for. `earlier`: the user's messages since the last cost question ended;
    `estimable`: the region has cost parameters (else the estimate at once says it cannot be made).

    A question about the user's own pay ("住院报完了自个儿还得出多少", "帮我算一下") starts it whatever
    the intent (the classifier's guess between ask_cost and an FAQ topic is not reliable there).
    Otherwise, taken for an FAQ question, it starts only when it (with the earlier messages) says everything the
    estimate needs, or the region has none; otherwise the FAQ answer comes first and the next message
    with a fact goes on (`continues_a_cost_question`): a question about the rules with an example
    amount stays an FAQ question; a bill handed over with who it is of and nothing asked starts it. Facts
    the classifier could not place start it when there are two ("职工 退休 三级医院"); thanks or a greeting with a cost
    question too. Taken for a question no topic answers, a care and its bill with "how much does it get",
    or a bill told alone, start it (no FAQ answer would come first)."""
    if asks_own_cost(message.text) and message.intent not in STOPS:
        return True  # "自个儿还得出多少", "帮我算一下": the user's own pay, whatever the classifier says
    if not estimable and is_cost_question(message.text) and message.intent not in STOPS:
        return True  # "我是乌海的医保 …住院花了5万 能报多少": told at once it cannot be counted here
    if tells_a_bill_of_whom(message.text, today) and message.intent not in STOPS:
        return True  # "zg在职 二级 3w": a bill to count, whatever topic its words are near
    if message.intent == FAQ_INTENT:
        return asks_about_own_bill(message, today, earlier) and (
            not estimable or _complete([*earlier, message], today)
        )
    if message.intent == FALLBACK_INTENT:
        # "要去济南住院 这医保到那还认不认" tells two facts, and asks whether 医保 works there: no bill to count
        facts_told = len(personal_facts(message.text, today)) >= 2
        elsewhere = facts_told and asks_if_it_covers_care_elsewhere(message.text, read_facts(message.text, today))
        return (facts_told and not elsewhere) or asks_about_own_bill(message, today, earlier)
    if message.intent in (OOK_INTENT, INFORM_REGION) and tells_what_the_care_cost(message.text, today):
        # "住了半个月院 花了四万多 能报多少", "花了1.5w": counted, not "no reliable information"; "俺是 沾化的 …
        # 俺住院 滨医附院 花了 两万挂零" counted, not only its county remembered
        return True
    return asks_about_own_bill(message, today, earlier)


def tells_a_bill_of_whom(text: str, today: datetime.date) -> bool:
    """Who the person is, another fact of the care and what it cost, with nothing asked ("职工在职 二级 3w",
    "特困 居民 二级 2w", "我爸 职工退休 二级 1w 范围9k"): a bill handed over to be counted."""
    if is_question(text) or names_a_rule_figure(text) or "total" not in read_facts(text, today):
        return False  # "职工门诊年度限额是3000还是4500" asks which figure
    told = personal_facts(text, today)
    return "who" in told and len(told) >= 2


def tells_what_the_care_cost(text: str, today: datetime.date) -> bool:
    """A bill told alone ("花了1.5w"), or a care and its bill, asked what it gets ("住了半个月院 花了四万多
    能报多少") or with nothing asked ("心脏支架手术 县医院 花了3万8"): counted, where no topic answers."""
    if tells_only_a_bill(text, today):
        return True
    told = asks_what_the_bill_gets(text) or (states_own_bill(text) and not is_question(text) and not asks_a_rule_figure(text))
    return told and "care" in personal_facts(text, today)


def asks_how_the_estimate_was_reached(message: Message, today: datetime.date, counted: Mapping[str, Any]) -> bool:
    """Of the estimate just given, with no fact but those it `counted` with (told or taken by default): how
    it was reached ("起付线200是定死的还是你估的", "你是按第一次住院算的？"); a figure of it asked back
    ("2780对不对"); what a word of it means ("统筹基金是干啥的": knowledge/cost/glossary.yml); or beside another
    person's bill ("我同事一样的情况才花了一千多"), whatever it says."""
    if compares_with_another(message.text) or term_asked(message.text) is not None:
        return True
    facts = read_facts(message.text, today)
    if _uncounted_and_checked(message, facts, counted):
        return True
    new = {name: facts[name] for name in _not_counted(facts, counted)}
    return (_of_the_estimate(message, new) and asks_why(message.text)) or _checks_a_figure_heard(message.text, facts)


def checks_an_uncounted_fact(message: Message, today: datetime.date, counted: Mapping[str, Any]) -> dict[str, Any]:
    """"你是按退休算的吧", "是按三级医院算的吗" right after an estimate that counted 在职, 二级: a check of what it
    counted with (`checks_what_was_counted`), not a what-if; the facts it names that were not counted, {} when
    it is no such check. Strangers expect "no, it was 在职", the amount unchanged."""
    return _uncounted_and_checked(message, read_facts(message.text, today), counted)


def _uncounted_and_checked(message: Message, facts: Mapping[str, Any], counted: Mapping[str, Any]) -> dict[str, Any]:
    """checks_an_uncounted_fact with the message's facts already read by the caller (no second read_facts)."""
    if message.intent in STOPS or not checks_what_was_counted(message.text):
        return {}
    return {name: facts[name] for name in _not_counted(facts, counted)}


def _not_counted(facts: Mapping[str, Any], counted: Mapping[str, Any]) -> set[str]:
    """The facts of a bill in `facts` (held in slots: not the city, nor how care was named) that differ from
    what the estimate counted with."""
    return {
        name
        for name, value in facts.items()
        if name in _BILL_FACTS and not (name in counted and same_fact(value, counted[name]))
    }


_BILL_FACTS = frozenset(FACT_SLOTS)


def asks_for_the_same_case(message: Message, today: datetime.date, counted: Mapping[str, Any]) -> bool:
    """Right after an estimate, someone else said to be in the same case, with no fact but those it counted
    with and no city ("那我老伴也是这情况呢", "俺兄弟也是这样 他能报多少"): the same estimate."""
    facts = read_facts(message.text, today)
    return (
        says_the_same_case(message.text)
        and not _not_counted(facts, counted)
        and not set(facts) & NOT_ABOUT_THE_BILL
        and message.intent not in STOPS
    )


def asks_what_one_pays_again(message: Message, today: datetime.date) -> bool:
    """Of the estimate just given, with no new fact: what one pays after all ("别讲那么多，就说我自己出多少"),
    or what the insurance pays ("那还能报多少"; not the most the rules pay, "那一年最多能报多少": the rules
    answer it); not a request to count ("那你按滨州的给我算算"), which is a new cost question."""
    text = message.text
    asks = asks_own_cost(text) or (asks_how_much(text) and not asks_a_rule_figure(text))
    return _of_the_estimate(message, read_facts(text, today)) and asks and not asks_to_count(text)


def _of_the_estimate(message: Message, facts: Mapping[str, Any]) -> bool:
    """About the estimate just given: no fact of a bill told (`facts`: the message's), and no stop."""
    return not set(facts) - NOT_ABOUT_THE_BILL and message.intent not in STOPS


def leaves_it_to_the_estimate(message: Message) -> bool:
    """Right after an estimate, only "不知道" / "这个真不清楚" / "不知道 单子上没写" / "单子没看", or "全是" /
    "都是医保内的" (to what it took as the usual case, the policy part or the stay of the year): the estimate
    stands, said again; it was "not understood"."""
    words = read("not_known")
    plain = letters(message.text)
    return one_of_and_nothing_but(plain, (*words["words"], *words["unread"], *words["as_taken"]), words["alone_words"])


def back_to_the_estimate(message: Message, today: datetime.date, counted: Mapping[str, Any]) -> bool:
    """After other questions, a what-if of the last estimate said as coming back to it ("好的，回到刚才那个，
    今年第一次住院，全是政策内的"), not a new cost question that forgets it."""
    return returns_to_the_bill(message.text) and changes_the_estimate(message, today, counted)


def tells_only_who(text: str, today: datetime.date, care: str | None = None) -> bool:
    """Who the person is and nothing else of the bill, not asked: "职工，退休了", "她是村里交的那种
    医保，没单位" (an answer to "which scheme?" the bot has not asked yet); with `care`, the care of the
    benefit just answered may be told too ("我退休了 住院了" after the inpatient rates: their own stay)."""
    said = read_facts(text, today)
    facts = set(said) - NOT_ABOUT_THE_BILL
    if care is not None and said.get("care") == care:
        facts.discard("care")
    # a city named makes it a follow-up for that city ("那乌海呢 我哥在乌海上班")
    return bool(facts) and facts <= {"scheme", "status"} and not set(said) & NOT_ABOUT_THE_BILL and not is_question(text)


def asks_only_what_one_pays(text: str, today: datetime.date) -> bool:
    """"你说慢点 最后俺自己掏多少钱", "自己得掏多少 你就说个数": what one pays asked, and no fact of the bill."""
    return asks_own_cost(text) and not set(read_facts(text, today)) - NOT_ABOUT_THE_BILL


def tells_only_a_bill(text: str, today: datetime.date) -> bool:
    """"我花了三十万", "前后花了两万多 能报多少": the amount of one's own bill and nothing else but words
    of spending or asking what it gets (`bill_only_words`): not a figure of the rules ("一年最多报四百是吧"),
    one repeated ("哦 四百 好") or a bill of something named ("根管治疗花了1500 能刷医保卡吗")."""
    facts = set(read_facts(text, today)) - {"care_date", "region"}
    if facts != {"total"} or not is_cost_question(text):
        return False
    plain = normalize_for_amounts(text)
    for mention in reversed(amount_mentions(text, whole_answer=False)):  # the amount itself, where it was read
        plain = plain[: mention.start] + plain[mention.end :]
    return nothing_but(letters(plain), tuple(read("cost_question")["bill_only_words"]))


def continues_a_cost_question(message: Message, earlier: Sequence[Message], today: datetime.date) -> bool:
    """Right after an FAQ answer to a question about the user's own bill ("我是职工，住院自己出多少？"),
    a message with a fact of that bill ("三级医院，花了一万二") goes on with the estimate; after facts
    about their own care were told (and answered as an FAQ question), the bill's amount ("花了七千") does;
    and so does a caller telling their own care bit by bit ("我老伴住院的事" … "她是居民医保" … "在镇上
    卫生院住的"): a fact of this care (not who they are: with that it is a new situation, FAQ first),
    once who they are has been told; the bill's amount, once who they are and their care were told,
    together or bit by bit, before it or with it, or once how much the care pays was asked ("住院能报多少"
    … "花了两万五")."""
    if not earlier:
        return False
    facts = read_facts(message.text, today)
    if _left_to_the_rules(message, facts) or _thanks_repeating_a_figure(message, facts):
        return False
    if asks_a_rule_figure(message.text):
        return False  # "退休的最多95%是吧" checks a rate of the answer: the rules', not a fact of this bill
    if asks_about_own_bill(earlier[-1], today, earlier[:-1]):
        return bool(set(facts) - NOT_ABOUT_THE_BILL)
    told_now = personal_facts(message.text, today)
    told = _told(earlier, today)  # in one message or bit by bit
    if told_now and "who" not in told_now and "who" in told:
        # telling, not asking (a question about the rules is one too, and "那住院呢" asks it for that care)
        return not is_question(message.text) and not asks_it_for(message.text)
    told_all = told | told_now  # "居民的 县医院 八千" after "住院能报多少": who with the bill, the care before
    if "total" not in facts:
        return False
    # "花了两万五" after "住院能报多少": the care asked about is this bill's; who they are is asked next
    asked_about_care = "care" in told_all and any(asks_how_much(m.text) for m in earlier)
    return ("who" in told_all and len(told_all) >= 2) or asked_about_care

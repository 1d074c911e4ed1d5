"""Answer 医保 questions from knowledge/: a topic's answer, "which one?", or an honest "I don't know"."""
from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.channel import is_spoken
from actions.cost_slots import earlier_facts, fact_events, today
from actions.estimate_form import FORM
from actions.history import before_the_latest_message, last_reply_of, last_reply_texts, last_reply_was, said_before
from actions.turn_meta import meta
from knowledge.cost.facts import (
    asks_a_rule_figure,
    asks_how_much,
    asks_what_a_bill_costs,
    asks_what_the_bill_gets,
    is_cost_question,
    is_question,
    one_way,
    read_facts,
    states_own_bill,
)
from knowledge.cost.glossary import meaning, term_asked
from knowledge.cost.turns import tells_only_a_bill, tells_only_who, tells_what_the_care_cost
from knowledge.faq.answer import answering, compose_reply, other_scheme_note, schemes_compared
from knowledge.faq.benefits import benefit_choice
from knowledge.faq.choice import (
    ANSWER,
    CLARIFY,
    OUT_OF_KNOWLEDGE,
    OUT_OF_SCOPE,
    FaqChoice,
    Reading,
    named_topics,
    unsure_closing,
)
from knowledge.faq.decision import INSURED_ELSEWHERE, decide, of_another_city
from knowledge.faq.focus import NOTHING_ELSE_ANSWERS
from knowledge.faq.follow_up import (
    FollowUp,
    asks_about_something,
    asks_beyond_it,
    asks_it_for,
    asks_it_for_them,
    asks_its_source,
    asks_more_about,
    asks_of_its_own_words,
    asks_to_repeat,
    cannot_do_it_alone,
    did_not_follow,
    follow_up_topic,
    follows_the_answer,
    helping_topic,
    its_sentence_answers,
    names_nothing_of_its_own,
    names_only_it,
    only_acknowledges,
    says_back_a_figure,
    says_back_what_it_heard,
    topic_for_the_next_message,
)
from knowledge.faq.model import KnowledgeBase, Topic, knowledge_base
from knowledge.faq.offer import picked_topic, picks_none
from knowledge.faq.small_talk import asks_to_wait, only_opens_the_call
from knowledge.faq.unknown import unknown_subjects
from knowledge.reading.choices import names_both_schemes, parse_region

INFORM, ASK_COST = "inform", "ask_cost"
LAST_TOPIC = "faq_last_topic"  # the topic answered last, for "那居民呢" right after it
HANDOFF = "/human_handoff"
FAQ_PAYLOAD = "/faq"
HANDOFF_BUTTON = {"title": "都不是，转人工", "payload": HANDOFF}
PERSON_BUTTON = {"title": "转人工", "payload": HANDOFF}
WHOLE_ANSWER_TITLE = "完整说明"
ESTIMATE_BUTTON = {"title": "按我说的算一算", "payload": "/ask_cost"}


# Replies after which a "which one?" or an answer still stands: what followed it was not understood or known,
# or taken for off-topic ("我七十三了 身体不好" to 职工 or 居民 住院 is no pick, "我以前在粮所上班 现在退了" two
# turns later is one; "那这个要花钱吗" declined after 医保电子凭证, "我妈七十多了 也能用吗" is about it); or only
# taken in ("好好好", then "那在哪办" is about the answer).
_UNSURE_REPLIES = frozenset(
    {"utter_out_of_knowledge", "utter_out_of_knowledge_spoken", "utter_not_understood", "utter_out_of_scope", "utter_noted"}
)
_UNSURE_IN_A_ROW = 2
# That the answer is all there is on its topic (say_nothing_more)
NOTHING_MORE = frozenset({"utter_nothing_more", "utter_nothing_more_spoken", "utter_nothing_more_again", "utter_nothing_more_again_spoken"})

# The actions that answer a topic (and set LAST_TOPIC), or take in what was said (action_greet's "好的"); a
# question right after one may be about it.
ANSWERING = frozenset(
    {"action_answer_faq", "action_offer_help", "action_answer_follow_up", "action_cancel_outside_form", "action_cancel_in_form",
     "action_greet"}
)


def say_its_source(dispatcher: CollectingDispatcher, topic: Topic) -> list[dict]:
    """Where an answer comes from: its article and date, or that it is the service's own description."""
    if topic.source is None:
        dispatcher.utter_message(response="utter_answer_is_the_services_own")
    else:
        dispatcher.utter_message(response="utter_answer_source", title=topic.source.title, when=topic.source.shown_date)
    return [SlotSet(LAST_TOPIC, topic.id)]


def topic_just_answered(tracker: Tracker) -> str | None:
    """The topic the bot answered right before the latest message, or before replies that did not know
    or understand what followed it (up to two: "我妈七十多了也能绑吗" after "那这个要花钱吗", which got "no
    reliable information", is still about 家庭共济); None after anything else."""
    unsure = 0
    for event in reversed(before_the_latest_message(tracker)):
        kind = event.get("event")
        if kind == "slot" and event.get("name") == LAST_TOPIC and event.get("value"):
            return str(event["value"])
        if kind == "action" and event.get("name") != "action_listen":
            if event.get("name") not in ANSWERING:
                return None
            if not unsure:
                return tracker.get_slot(LAST_TOPIC)
        if kind == "bot" and not ((event.get("data") or {}).get("custom") or {}).get("not_understood"):
            if (event.get("metadata") or {}).get("utter_action") not in _UNSURE_REPLIES or unsure == _UNSURE_IN_A_ROW:
                return None
            unsure += 1
    return None


def said_not_known_just_now(tracker: Tracker) -> bool:
    """The bot's last reply before the latest message was "no reliable information"."""
    return last_reply_was(tracker, _NOT_KNOWN_REPLIES)


_NOT_KNOWN_REPLIES = frozenset({"utter_out_of_knowledge", "utter_out_of_knowledge_spoken"})


def tells_the_other_scheme(kb: KnowledgeBase, last: str | None, follow_up: FollowUp) -> bool:
    """The scheme told is not the one of the benefit just answered, and its twin answers for it."""
    topic = kb.topics.get(last or "")
    return (
        topic is not None
        and topic.scheme_counterpart is not None
        and follow_up.scheme not in (None, topic.scheme)
    )




def offered_just_now(tracker: Tracker) -> list[str]:
    """The topics the bot's last message before the latest one offered as choices ("which one?"), or the
    last that did before replies that did not understand the answers to it."""
    unsure = 0
    for said in reversed(before_the_latest_message(tracker)):
        if said.get("event") != "bot":
            continue
        offered = _offered_by(said)
        if offered:
            return offered
        if ((said.get("data") or {}).get("custom") or {}).get("not_understood"):
            continue  # the marker sent with utter_not_understood
        if (said.get("metadata") or {}).get("utter_action") not in _UNSURE_REPLIES or unsure == _UNSURE_IN_A_ROW:
            return []
        unsure += 1
    return []


def _offered_by(said: dict[str, Any]) -> list[str]:
    offered = []
    for button in (said.get("data") or {}).get("buttons") or []:
        payload = str(button.get("payload") or "")
        # the whole of an answer of which one sentence was given is no choice offered
        if payload.startswith(FAQ_PAYLOAD) and button.get("title") != WHOLE_ANSWER_TITLE:
            offered.append(json.loads(payload[len(FAQ_PAYLOAD) :]).get("faq_topic"))
    return [t for t in offered if isinstance(t, str)]


def answer_another_city(
    dispatcher: CollectingDispatcher, tracker: Tracker, just_answered: str | None, said: dict[str, Any], region: str | None
) -> list[dict] | None:
    """"那淄博的住院报销比例是多少", "我是淄博的居民医保" right after 滨州's benefit: whose rules these are, not a
    follow-up of that answer nor the pick of its twin (None: not so)."""
    kb = knowledge_base()
    if just_answered in kb.topics and of_another_city(kb, said, FaqChoice(ANSWER, just_answered)):
        return answer_topic(dispatcher, tracker, INSURED_ELSEWHERE, region)
    return None


def answer_the_pick(
    dispatcher: CollectingDispatcher, tracker: Tracker, text: str, region: str | None
) -> list[dict] | None:
    """"第二个" / "居民的" right after "which one?": the topic picked is answered; "都不是": a person
    (None: no pick)."""
    offered = offered_just_now(tracker)
    if not offered:
        return None
    if picks_none(text):
        return [FollowupAction("action_human_handoff")]  # as the button "都不是，转人工" would
    said = read_facts(text, today())
    chosen = picked_topic(offered, knowledge_base(), text, one_way(said.get("scheme")), said.get("care"))
    return answer_topic(dispatcher, tracker, chosen, region) if chosen else None


# The actions that give (or restate) an estimate: a question right after one may be about its benefit.
_ESTIMATING = frozenset({"action_estimate_cost", "action_change_fact", "action_explain_estimate"})


def estimate_facts(tracker: Tracker) -> dict[str, Any]:
    """The scheme and care of the estimate given right before the latest message; {} after anything else."""
    last = next((e.get("name") for e in reversed(before_the_latest_message(tracker))
                 if e.get("event") == "action" and e.get("name") != "action_listen"), None)
    if last not in _ESTIMATING:
        return {}
    return {name: value for name in ("scheme", "care") if (value := tracker.get_slot(name))}


def form_facts(tracker: Tracker) -> dict[str, Any]:
    """The scheme and care the cost form has been told, while it runs."""
    if tracker.active_loop_name != FORM:
        return {}
    return {name: value for name in ("scheme", "care") if (value := tracker.get_slot(name))}


def topic_button(topic_id: str) -> dict[str, str]:
    payload = FAQ_PAYLOAD + json.dumps({"faq_topic": topic_id}, ensure_ascii=False)
    return {"title": knowledge_base().topics[topic_id].title, "payload": payload}


def region_events(tracker: Tracker) -> list[dict[str, Any]]:
    """A city named in the question itself ("乌海的家庭共济…") is remembered for the conversation."""
    said = parse_region(tracker.latest_message.get("text") or "")
    if said and said != tracker.get_slot("region"):
        return [SlotSet("region", said)]
    return []


def answer_topic(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    topic_id: str,
    region: str | None,
    buttons: list[dict[str, str]] | None = None,
    again: bool = False,
    whole: bool = False,
) -> list[dict]:
    """`again`: the topic just answered, asked about more: on the hotline the whole answer, not the short
    one, and the sentence of it that answers the message when one clearly does ("能看几次病"), unless
    `whole`: all of it was asked for."""
    spoken = is_spoken(tracker)
    text = tracker.latest_message.get("text") or ""
    # a question ("那特困的呢"), not who one is ("就是他孙女，五岁，居民医保": the whole answer says who may)
    question = read_as_theirs(tracker, text) if again and not whole and asks_about_something(text) else None
    reply = compose_reply(knowledge_base(), topic_id, region, spoken=spoken, detailed=again, question=question)
    if again and not whole and reply.whole and said_before(tracker, reply.text):
        # "那在哪办" after the whole answer, which no one sentence of it answers: the same text word for word
        # again reads as not listening; that it is all there is, and where to ask, does not
        return say_nothing_more(dispatcher, tracker, topic_id, "answer")
    if not reply.whole and not spoken:  # the rest is one tap away (or "详细")
        buttons = [*(buttons or []), {**topic_button(topic_id), "title": WHOLE_ANSWER_TITLE}]
    dispatcher.utter_message(text=reply.text, buttons=buttons or [], json_message=meta("answer", topic=reply.topic_id))
    note = other_scheme_note(knowledge_base(), reply.topic_id)
    if note is not None and not again and not _scheme_told(tracker, text):
        # "住院能报多少" answered for 职工 (the NLU's first): the other scheme's differs, one tap or word away
        said, other = note
        button = {**topic_button(other.id), "title": f"{other.scheme}医保的"}
        dispatcher.utter_message(text=said, buttons=[button], json_message=meta("answer", topic=reply.topic_id))
    return [SlotSet(LAST_TOPIC, reply.topic_id)]


def read_as_theirs(tracker: Tracker, question: str) -> str:
    """A follow-up read with whether the asker works or has retired, when it does not say and they told it
    earlier in the conversation ("那在县医院看门诊 报几成" from someone who said "俺退休好几年了", or whose bill was
    counted as a retiree's): the retirees' rates answer it, not the first rates of the answer."""
    if "status" in read_facts(question, today()):
        return question
    told = [facts["status"] for facts in earlier_facts(tracker) if one_way(facts.get("status"))]
    status = told[-1] if told else one_way(tracker.get_slot("status"))
    return f"{status} {question}" if status else question


def say_nothing_more(dispatcher: CollectingDispatcher, tracker: Tracker, topic_id: str, kind: str) -> list[dict]:
    """A follow-up about the answer just given that it says no more about: that answer is all there is on
    its topic, said again in a few words, and where to ask the rest (`kind`: "answer" when taken for that topic, "out_of_knowledge" when
    not known)."""
    topic = knowledge_base().topics[topic_id]
    said = last_reply_of(tracker, NOTHING_MORE)
    # asked a second thing it says nothing of: the same summary again would read as a loop
    again = said is not None and said.get("title") == topic.title
    response = "utter_nothing_more_again" if again else "utter_nothing_more"
    dispatcher.utter_message(
        response=f"{response}_spoken" if is_spoken(tracker) else response,
        title=topic.title,
        summary=topic.speech,  # the answer in a few words: what was asked may be in it
        buttons=[{**topic_button(topic_id), "title": WHOLE_ANSWER_TITLE}, PERSON_BUTTON],
        json_message=meta(kind, topic=topic_id if kind == "answer" else None),
    )
    return [SlotSet(LAST_TOPIC, topic_id)]


def answer_it_or_say_no_more(
    dispatcher: CollectingDispatcher, tracker: Tracker, topic_id: str, region: str | None, text: str
) -> list[dict]:
    """A question leaning on the answer just given ("我退休了呢", "膝关节呢", "以前是多少来着"): the sentence of
    that answer that clearly answers it, else that the answer is all there is (not known)."""
    if asks_about_something(text) and answering(knowledge_base(), topic_id, region, read_as_theirs(tracker, text)) is not None:
        return answer_topic(dispatcher, tracker, topic_id, region, again=True)
    return say_nothing_more(dispatcher, tracker, topic_id, OUT_OF_KNOWLEDGE)


def _scheme_told(tracker: Tracker, text: str) -> bool:
    """Whose insurance it is was said: now (职工, 退休 …), by picking the topic from a list, or to the cost form."""
    return (
        text.startswith("/")
        or FollowUp.read(text).scheme is not None
        or names_both_schemes(text)
        or tracker.get_slot("scheme") is not None
    )


def said_in_full(tracker: Tracker, topic_id: str) -> bool:
    """The topic's answer before the latest message was its whole text, not a short spoken one or one sentence."""
    region = tracker.get_slot("region")
    whole = compose_reply(knowledge_base(), topic_id, region, spoken=is_spoken(tracker), detailed=True).text
    return whole in last_reply_texts(tracker)


def nothing_else_answers(kb: KnowledgeBase, just_answered: str | None, region: str | None, text: str) -> bool:
    """A question about the answer just given that one of its sentences clearly answers ("价格也一样吗"
    after where to buy 集采 drugs), which would otherwise get "no reliable information" or another topic."""
    return (
        just_answered in kb.topics
        and is_question(text)
        and answering(kb, just_answered, region, text, NOTHING_ELSE_ANSWERS) is not None
    )


def say_out_of_knowledge(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> list[dict]:
    """No reliable information: where to ask, a person, and one topic only if it truly relates."""
    subject = unknown_subjects().closest(text)
    related = [subject.related] if subject is not None and subject.related else []
    dispatcher.utter_message(
        response="utter_out_of_knowledge_spoken" if is_spoken(tracker) else "utter_out_of_knowledge",
        buttons=[topic_button(t) for t in related] + [PERSON_BUTTON],
        json_message=meta("out_of_knowledge", offered=related),
    )
    return [SlotSet(LAST_TOPIC, None)]


def who_after_an_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, last: str | None, text: str, region: str | None
) -> list[dict]:
    """Who the person is, told right after the answer on `last`: "居民的" after a benefit answered for
    职工 asks it for 居民 (the other scheme's twin); after an answer with nothing to count, facts with no
    bill or place ("俺是在职的 单位给交的那种" after 家庭共济, which says who may) get that answer again;
    otherwise ("职工，在职" after a benefit) counting starts, as a bare answer does elsewhere."""
    kb = knowledge_base()
    follow_up = FollowUp.read(text)
    said = read_facts(text, today())
    of_a_bill = set(said) - {"scheme", "status", "region"}  # "居民的 县医院 八千": count it
    if (
        not of_a_bill
        and last is not None
        and (tells_the_other_scheme(kb, last, follow_up) or asks_it_for(text))
        and (target := follow_up_topic(kb, last, follow_up))
    ):
        return answer_topic(dispatcher, tracker, target, region, again=target == last)
    answered = kb.topics.get(last) if last is not None else None
    # a place elsewhere ("俺们在天津" after where to find 滨州's pharmacies) is no more about that answer
    if not {"total", "offsite"} & set(said) and answered is not None and not answered.offers_estimate:
        return answer_topic(dispatcher, tracker, answered.id, region, again=True)
    if not of_a_bill and answered is not None and asks_a_rule_figure(text):
        # "退休的最高到百分之九十五对吧" after the inpatient rates: a figure of the answer checked, no bill to count
        return answer_topic(dispatcher, tracker, answered.id, region, again=True)
    return [FollowupAction(FORM)]


# Messages that ask nothing, whatever the NLU took them for, and their replies, in this order.
_NO_QUESTION = (
    (only_acknowledges, "utter_noted"),  # "行 我记一下" (taken for off-topic), "好的" (unsure): heard
    (asks_to_wait, "utter_take_your_time"),  # "等一下 我拿个笔" (taken for a question nobody can answer)
    (only_opens_the_call, "utter_greet"),  # "喂 喂 能听到吗" (taken for off-topic): the call opened
)


def _no_question_reply(text: str) -> str | None:
    return next((reply for reads, reply in _NO_QUESTION if reads(text)), None)


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        kb = knowledge_base()
        events = region_events(tracker)
        region: str | None = events[0]["value"] if events else tracker.get_slot("region")
        picked = next(tracker.get_latest_entity_values("faq_topic"), None)
        if picked in kb.topics:
            return events + answer_topic(dispatcher, tracker, picked, region)
        text = tracker.latest_message.get("text") or ""
        just_answered = topic_just_answered(tracker)
        said = read_facts(text, today())
        if (elsewhere := answer_another_city(dispatcher, tracker, just_answered, said, region)) is not None:
            return events + elsewhere
        if (pick := answer_the_pick(dispatcher, tracker, text, region)) is not None:
            return events + pick
        if not tracker.active_loop_name and (reply := _no_question_reply(text)):
            dispatcher.utter_message(response=reply)
            return events  # the topic answered stays for a follow-up
        if just_answered in kb.topics and asks_more_about(kb, kb.topics[just_answered], text):
            # "那要办啥手续" names nothing: whatever topic the NLU ranks first is a guess
            return events + answer_topic(dispatcher, tracker, just_answered, region, again=True)
        if just_answered in kb.topics and its_sentence_answers(kb, kb.topics[just_answered], text, said):
            # "先自付多少" after how to file for care elsewhere: the sentence of that answer saying it
            return events + answer_topic(dispatcher, tracker, just_answered, region, again=True)
        if just_answered in kb.topics and says_back_what_it_heard(kb.topics[just_answered], text) and not tracker.active_loop_name:
            # "百分之八十 好", "十个工作日 好": the answer's words said back and taken in
            dispatcher.utter_message(response="utter_noted")
            return events
        if just_answered in kb.topics and says_back_a_figure(kb, kb.topics[just_answered], text, said):
            # "退休5500？", "二级医院是百分之九十" right after the answer giving it: the sentence that says it, no
            # bill to count; "大额补助最高八十万是吧" checks the figure of the topic it names
            named = named_topics(kb, text)
            target = named[0] if len(named) == 1 else just_answered
            return events + answer_topic(dispatcher, tracker, target, region, again=True)
        if just_answered in kb.topics and (target := topic_for_the_next_message(kb, just_answered, text)):
            # "我在无棣" after where to find a pharmacy: the question answered for the place told; "那住院呢"
            # right after the 居民 outpatient benefit: the same question for 住院
            return events + answer_topic(dispatcher, tracker, target, region, again=target == just_answered)
        if just_answered in kb.topics and asks_it_for_them(text):
            # "那居民有吗" right after 职工大额医疗补助 (taken for out of scope): the same question for them, or
            # that nothing is known for them
            target = follow_up_topic(kb, just_answered, FollowUp.read(text))
            if target is None:
                return events + say_out_of_knowledge(dispatcher, tracker, text)
            return events + answer_topic(dispatcher, tracker, target, region, again=target == just_answered)
        if just_answered in kb.topics and kb.topics[just_answered].offers_estimate and tells_only_a_bill(text, today()):
            # "我花了三十万" right after a benefit's answer: what it pays of this bill (the care it is of was
            # asked about, which the form reads from the earlier message)
            return events + fact_events(said) + [FollowupAction(FORM)]
        if just_answered in kb.topics and cannot_do_it_alone(text) and helping_topic() in kb.topics:
            # "我不会弄" after how to do something: who helps, not "not understood"
            dispatcher.utter_message(response="utter_help_is_at_hand")
            return events + answer_topic(dispatcher, tracker, helping_topic(), region)
        if just_answered in kb.topics and asks_its_source(text, said):
            # "这是哪个文件说的，啥时候的": the article the answer comes from, and its date
            return events + say_its_source(dispatcher, kb.topics[just_answered])
        if just_answered in kb.topics and (asks_to_repeat(text) or names_only_it(kb.topics[just_answered], text)):
            return events + answer_topic(dispatcher, tracker, just_answered, region)
        if just_answered in kb.topics and did_not_follow(text):
            # "没听明白 说简单点" (once taken for a thanks): the answer is all there is; other words or a person
            dispatcher.utter_message(response="utter_answer_was_whole", buttons=[PERSON_BUTTON])
            return events + [SlotSet(LAST_TOPIC, just_answered)]
        if just_answered in kb.topics and tells_only_who(text, today(), kb.topics[just_answered].care):
            # "她是村里交的那种医保，没单位" right after an answer, which the NLU took for a question: who
            # they are, as when it says `inform` (ActionAnswerFollowUp); "我退休了 住院了" after the inpatient
            # rates: who, and that the care is theirs
            return events + who_after_an_answer(dispatcher, tracker, just_answered, text, region)
        reading = Reading.from_parse(tracker.latest_message).cancel_as_question(text).small_talk_as_question(text)
        # in the middle of the cost form, the scheme and care told for the bill narrow "which one?" too
        told = {**form_facts(tracker), **said}
        choice = decide(kb, reading, text, told, just_answered)
        if choice.kind != ANSWER and asks_a_rule_figure(text) and (estimated := estimate_facts(tracker) or form_facts(tracker)):
            # "那一年最多能报多少" right after an estimate: the benefit it was counted by (or being counted by)
            benefit = benefit_choice(kb, [t for t, _ in reading.ranking], one_way(estimated.get("scheme")), estimated.get("care"))
            choice = benefit if benefit.kind == ANSWER else choice
        if choice.kind != ANSWER and just_answered in kb.topics and asks_of_its_own_words(kb.topics[just_answered], text):
            # "一站式是啥意思" right after the answer that says it: no topic of its own, that answer again
            return events + answer_topic(dispatcher, tracker, just_answered, region, again=True)
        best = choice.topic if choice.kind == ANSWER else next(iter(choice.candidates), None)
        # "职工住院花了两万五，个人负担多少" is a cost question, not a question about the rules; nor, when
        # the benefit topics are close, a question of which one ("退休的 住院花了两万多 能报多少")
        cost = is_cost_question(text) if choice.kind == ANSWER else asks_what_a_bill_costs(text)
        # "门诊慢病这块能报多少" right after that very answer: its figures were just said; what is left to
        # tell is the caller's own share
        again = choice.kind == ANSWER and best == just_answered and asks_how_much(text) and not asks_a_rule_figure(text)
        # "我妈做了个胆囊手术，总共花了1.8万，大概能报多少" (no topic close enough): counted, not "not known"
        counted = choice.kind == OUT_OF_KNOWLEDGE and tells_what_the_care_cost(text, today())
        # "在收费窗口呢 结算单出来了1.6万 医保能报多少": what one's bill gets, whatever topic its other words are
        # near (the e-voucher's 收费窗口), unless the message names that topic or follows its answer ("一万五 那报
        # 报多少" after 大病保险, whose 起付线 it says back)
        named = named_topics(kb, text)
        counted = counted or (best not in (None, just_answered, *named) and asks_what_the_bill_gets(text))
        # ... and whatever topic it names when it tells whose bill and what care beside the amount ("职工 退休 在济南
        # 住院 花了三十万 备案了 能报多少" names 备案): the bill is counted, filed or not
        counted = counted or (best not in (None, just_answered) and asks_what_the_bill_gets(text)
                              and len({"scheme", "care"} & set(said)) == 2)
        if counted or (best is not None and kb.topics[best].offers_estimate and (cost or again)):
            return events + fact_events(said) + [FollowupAction(FORM)]
        if (choice.kind != ANSWER or (choice.topic != just_answered and not named)) and nothing_else_answers(
            kb, just_answered, region, text
        ):
            # "价格也一样吗" (taken for off-topic), "能不能让村医帮我交" (for another topic) right after the answer
            # one of whose sentences says it: that sentence
            return events + answer_topic(dispatcher, tracker, just_answered, region, again=True)
        if choice.kind == ANSWER and choice.topic is not None:
            # "报销比例是多少？我这回花了三万": the rules answer; the bill told is read when asked to count it
            told_bill = kb.topics[choice.topic].offers_estimate and states_own_bill(text) and not tracker.active_loop_name
            buttons = [ESTIMATE_BUTTON] if told_bill else None
            answered = answer_topic(dispatcher, tracker, choice.topic, region, buttons, again=choice.topic == just_answered)
            compared = schemes_compared(kb, [choice.topic], text)
            if choice.topic in named and len(named) == 2:
                # "家庭共济怎么办 还有异地备案怎么弄": two questions in one message, each answered
                other = next(t for t in named if t != choice.topic)
                answered = answer_topic(dispatcher, tracker, other, region)
            elif compared:
                # "职工和居民住院哪个报得多": the benefit for each scheme, side by side
                answered = answer_topic(dispatcher, tracker, compared[1], region)
            return events + answered
        if choice.kind == CLARIFY and (compared := schemes_compared(kb, choice.candidates, text)):
            answer_topic(dispatcher, tracker, compared[0], region)  # "住院的话职工和居民哪个报得多": both, not which
            return events + answer_topic(dispatcher, tracker, compared[1], region)
        if choice.kind == CLARIFY and len(named) == 2:
            # "备案咋办 另外手工报销要几天" ranked alike: two questions, each named, each answered (not "which one?")
            answer_topic(dispatcher, tracker, named[0], region)
            return events + answer_topic(dispatcher, tracker, named[1], region)
        if choice.kind == CLARIFY:
            offered = list(choice.candidates)
            dispatcher.utter_message(
                response="utter_ask_which_faq",
                buttons=[topic_button(t) for t in offered] + [HANDOFF_BUTTON],
                json_message=meta("clarify", offered=offered),
            )
            return events + [SlotSet(LAST_TOPIC, None)]
        if just_answered in kb.topics and not named and follows_the_answer(reading, choice, text):
            # "以前是多少" (not known), "我爸70多了不会弄" (taken for off-topic) right after an answer: about it
            return events + answer_it_or_say_no_more(dispatcher, tracker, just_answered, region, text)
        if choice.kind in (OUT_OF_KNOWLEDGE, OUT_OF_SCOPE) and (term := term_asked(text, meaning_only=True)) is not None:
            # "起付线是啥意思" with no estimate to point at (the form still asking, or none begun): what the word
            # means in the estimate's rules (knowledge/cost/glossary.yml)
            dispatcher.utter_message(text=meaning(term), json_message=meta("answer"))
            return events + [SlotSet(LAST_TOPIC, None)]
        if choice.kind == OUT_OF_KNOWLEDGE:
            return events + say_out_of_knowledge(dispatcher, tracker, text)
        if choice.kind == OUT_OF_SCOPE and said_not_known_just_now(tracker) and names_nothing_of_its_own(text):
            # "咋申请" right after "no reliable information" on 长期护理保险: about that, still not known
            return events + say_out_of_knowledge(dispatcher, tracker, text)
        if choice.kind == OUT_OF_SCOPE and just_answered in kb.topics and asks_beyond_it(text):
            # "那单位交的那一块去哪了" right after the personal account's answer: about it, and not known
            return events + say_out_of_knowledge(dispatcher, tracker, text)
        if choice.kind == OUT_OF_SCOPE:
            dispatcher.utter_message(response="utter_out_of_scope")
            return events + [SlotSet(LAST_TOPIC, None)]
        if reading.top_intent == ASK_COST:
            # "帮俺算算住院那回的", which the NLU was unsure of, most likely asks what care costs: counted, as ask_cost is
            return events + fact_events(said) + [FollowupAction(FORM)]
        if unsure_closing(reading, text):
            dispatcher.utter_message(response=f"utter_{reading.top_intent}")
            return events + [SlotSet(LAST_TOPIC, None)]
        dispatcher.utter_message(response="utter_not_understood", buttons=[PERSON_BUTTON])
        dispatcher.utter_message(json_message={"not_understood": True})
        return events + [SlotSet(LAST_TOPIC, None)]


class ActionOfferHelp(ActionAnswerFaq):
    """A message the NLU was unsure of, or no rule fits: the same decision, so an unsure 医保
    question is still answered, asked about or honestly not known, and anything else declined."""

    def name(self) -> str:
        return "action_offer_help"


class ActionAnswerFollowUp(Action):
    """Right after an FAQ answer: "那乌海那边呢" / "那居民呢" / "退休的呢" is the same question for
    that city or scheme, as is a bare "居民的" / "我是居民医保" after a benefit answered for 职工 (the
    other scheme's twin), and "那要办啥手续" (which the NLU alone takes for out of scope) asks more
    about the same topic. Anything else (a cost what-if, a city to remember, an off-topic
    question) goes where it would have gone."""

    def name(self) -> str:
        return "action_answer_follow_up"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == OUT_OF_SCOPE:
            # decided as any question, more about the answer or not: "那得带啥材料" and "我在无棣" are about
            # it, "你是机器人吗" (which the NLU takes for out of scope) names a topic
            return await ActionAnswerFaq().run(dispatcher, tracker, domain)
        kb = knowledge_base()
        text = tracker.latest_message.get("text") or ""
        last = tracker.get_slot(LAST_TOPIC)
        follow_up = FollowUp.read(text)
        events = region_events(tracker)
        region: str | None = events[0]["value"] if events else tracker.get_slot("region")
        said = read_facts(text, today())
        if (elsewhere := answer_another_city(dispatcher, tracker, last, said, region)) is not None:
            return events + elsewhere
        if (pick := answer_the_pick(dispatcher, tracker, text, region)) is not None:
            return events + pick
        if last in kb.topics and (target := topic_for_the_next_message(kb, last, text)):
            return events + answer_topic(dispatcher, tracker, target, region, again=target == last)
        if last in kb.topics and says_back_what_it_heard(kb.topics[last], text):
            dispatcher.utter_message(response="utter_noted")  # "百分之八十 好": taken in, as in ActionAnswerFaq
            return events
        if last in kb.topics and (asks_more_about(kb, kb.topics[last], text) or says_back_a_figure(kb, kb.topics[last], text, said)):
            # "我是退休的 那我的怎么算" after how the personal account is paid into: the answer says it for
            # them; "那甲亢呢" (a what-if to the NLU) after which diseases settle across provinces; "五千五啊"
            # right after the answer giving that cap is said back, not a bill to count
            return events + answer_topic(dispatcher, tracker, last, region, again=True)
        if intent == INFORM and not set(said) - {"region"}:
            # "70岁" tells nothing the estimate reads: decided as any message, not the start of counting
            return await ActionAnswerFaq().run(dispatcher, tracker, domain)
        if intent == INFORM:
            return events + who_after_an_answer(dispatcher, tracker, last, text, region)
        of_a_bill = set(said) - {"region"}
        if last in kb.topics and not kb.topics[last].offers_estimate:
            of_a_bill -= {"care"}  # "那心脏支架呢" after the prices of 集采 devices: an item, no stay to count
        if last in kb.topics and not follow_up.names_anything and not of_a_bill:
            # "那要是二胎呢" after the third child's maternity cover: nothing of a bill to count, and nothing more
            # on it than that answer (unless a sentence of it says it)
            return events + answer_it_or_say_no_more(dispatcher, tracker, last, region, text)
        if last not in kb.topics or not follow_up.names_anything:
            return [FollowupAction("action_set_region" if intent == "inform_region" else "action_change_fact")]
        target = follow_up_topic(kb, last, follow_up)
        if target is None:
            return events + say_out_of_knowledge(dispatcher, tracker, text)
        return events + answer_topic(dispatcher, tracker, target, region)

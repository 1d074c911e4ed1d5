"""Answer "how much will I pay?" with the engine; re-compute on a correction; forget on cancel."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.channel import is_spoken
from actions.cost_slots import changed_fact_events, known_facts, today
from actions.earlier_bills import bill_told_earlier
from actions.estimate_form import DATE_INVALID, FORM, GIVE_UP_AFTER, MISSES, latest_message, region_of
from actions.faq import LAST_TOPIC, answer_topic, said_in_full
from actions.history import last_reply_kind, last_reply_was
from actions.turn_meta import meta
from knowledge.cost.card import estimate_card
from knowledge.cost.engine import Estimate, estimate, serves_region
from knowledge.cost.errors import EstimateError, MissingInput
from knowledge.cost.facts import (
    FACT_SLOTS,
    LEVEL_NOT_KNOWN,
    check_date,
    compares_with_another,
    counted_facts,
    merge,
    needed_facts,
    not_estimated,
    read_facts,
    says_the_same_case,
    to_input,
    unfiled_offsite,
    unstated_defaults,
    variants,
)
from knowledge.cost.glossary import explain_term, term_asked, term_of_a_figure
from knowledge.cost.noted import noted
from knowledge.cost.render import (
    not_what_was_counted,
    pay_again,
    render_chat,
    render_details,
    render_each_chat,
    render_each_speech,
    render_speech,
    render_speech_details,
)
from knowledge.cost.turns import asks_only_what_one_pays, checks_an_uncounted_fact, names_another_person
from knowledge.reading.choices import names_a_hospital

DETAILS_BUTTON = {"title": "查看明细", "payload": "/ask_details"}
_UNFILED_REPLIES = frozenset({"utter_offsite_not_filed", "utter_offsite_not_filed_again"})


def answer(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    facts: dict[str, Any],
    details: bool = False,
    before: dict[str, Any] | None = None,
) -> None:
    """Utter the engine's estimate for `facts`, or why there is none: never a number it did not produce.
    Chat: the short reply with the estimate card and a 查看明细 button, or the steps when asked;
    speech: a summary, or the spoken steps when asked (详细). When the caller does not know the
    hospital's level, or asks for each scheme or status at once: the personal pay each way (also when the
    steps are asked: they need one).
    `before`: the facts of the estimate these change; the reply says how the personal pay differs."""
    declined = not_estimated(facts)
    if declined is not None:
        # first: insured in another city, its filing is that city's ("我老公在淄博参保 … 没备案")
        dispatcher.utter_message(response=f"utter_{declined}_not_estimated")  # the domain owns why
        return
    if unfiled_offsite(facts):
        # said once in full; more about the same stay ("花了三万二", "自己得掏多少") gets the short version
        again = last_reply_was(tracker, _UNFILED_REPLIES)
        dispatcher.utter_message(response="utter_offsite_not_filed_again" if again else "utter_offsite_not_filed")
        return
    try:
        results = _estimates(tracker, facts)
    except MissingInput as missing:
        dispatcher.utter_message(response=f"utter_ask_{missing.field}")  # the domain owns the questions
        return
    except EstimateError as error:
        dispatcher.utter_message(text=error.message, json_message=meta("refusal"))
        return
    defaults = unstated_defaults(facts)
    if len(results) > 1:  # each level, scheme or status asked (or the level not known): no single amount to itemize
        text = render_each_speech(results) if is_spoken(tracker) else render_each_chat(results, defaults)
        dispatcher.utter_message(text=text, json_message=meta("estimate"))
        return
    result = results[0]
    signal = meta("estimate", amount=result.personal_pay)
    paid_before = _personal_pay(tracker, before) if before else None
    monthly = Decimal(str(facts["monthly"])) if facts.get("monthly") not in (None, "") else None
    if is_spoken(tracker):
        text = render_speech_details(result, defaults) if details else render_speech(result, paid_before, monthly, defaults)
        dispatcher.utter_message(text=text, json_message=signal)
    elif details:
        dispatcher.utter_message(text=render_details(result, defaults), json_message=signal)
    else:
        # The card is for the widget; the text says the same for every other client.
        signal["estimate"] = estimate_card(result, defaults, paid_before)
        text = render_chat(result, defaults, paid_before, monthly)
        dispatcher.utter_message(text=text, buttons=[DETAILS_BUTTON], json_message=signal)


def explained(dispatcher: CollectingDispatcher, tracker: Tracker, facts: dict[str, Any]) -> bool:
    """What a word of the estimate means, or what a figure of it is, and what it came to in it; False (nothing
    said) when the message asks neither, or there is no one estimate to point at (each level's, or none)."""
    text = tracker.latest_message.get("text") or ""
    try:
        results = [] if unfiled_offsite(facts) or not_estimated(facts) else _estimates(tracker, facts)
    except EstimateError:  # a fact missing, a bill it cannot count
        results = []
    if len(results) != 1:
        return False
    term = term_asked(text) or term_of_a_figure(text, results[0])
    if term is None:
        return False
    said = explain_term(term, results[0], spoken=is_spoken(tracker))
    dispatcher.utter_message(text=said, json_message=meta("estimate", amount=results[0].personal_pay))
    return True


def said_the_pay_again(dispatcher: CollectingDispatcher, tracker: Tracker, facts: dict[str, Any]) -> bool:
    """What one pays by the estimate just given, alone; False (nothing said) when it has no one amount (each
    level's)."""
    pay = _personal_pay(tracker, facts)
    if pay is None:
        return False
    dispatcher.utter_message(text=pay_again(pay, is_spoken(tracker)), json_message=meta("estimate", amount=pay))
    return True


def _estimates(tracker: Tracker, facts: dict[str, Any]) -> list[Estimate]:
    """The engine's estimate for `facts`, one for each way asked at once or level not known (`variants`)."""
    return [estimate(to_input(variant, region_of(tracker, facts))) for variant in variants(facts)]


def _personal_pay(tracker: Tracker, facts: dict[str, Any]) -> Decimal | None:
    """What the estimate for `facts` had the person pay: one amount, or None (several levels, care in
    another place not filed, a bill it could not count)."""
    if unfiled_offsite(facts) or not_estimated(facts) or needed_facts(facts):
        return None
    try:
        results = _estimates(tracker, facts)
    except EstimateError:
        return None
    return results[0].personal_pay if len(results) == 1 else None


class ActionEstimateCost(Action):
    """The end of the cost form: the estimate, or why there is none (region, filing), or, after three
    answers in a row that did not say what was asked, a person."""

    def name(self) -> str:
        return "action_estimate_cost"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        if (tracker.get_slot(MISSES) or 0) >= GIVE_UP_AFTER:
            dispatcher.utter_message(response="utter_cost_gave_up")
        else:
            text = tracker.latest_message.get("text") or ""
            if says_the_same_case(text):
                # "那我老伴也是这情况呢" after the estimate (FactsFirstPolicy says it again): if all is the same
                dispatcher.utter_message(response="utter_estimate_for_the_same_case")
            if not (asks_only_what_one_pays(text, today()) and last_reply_kind(tracker) == "estimate"
                    and said_the_pay_again(dispatcher, tracker, known_facts(tracker))):
                answer(dispatcher, tracker, known_facts(tracker))
        return [SlotSet(MISSES, 0.0)]


class ActionExplainEstimate(Action):
    """ "查看明细" / "详细": the itemized steps of the last estimate; after a policy answer, the whole of
    it (when a short spoken answer or one sentence of it was said), or that it was said in full."""

    def name(self) -> str:
        return "action_explain_estimate"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        known = known_facts(tracker)
        counted = counted_facts(known, today())
        told = checks_an_uncounted_fact(latest_message(tracker), today(), counted)
        said_back = noted(told)  # "" when none of the facts has words to say back (a date)
        if said_back and not needed_facts(known):
            # "你是按退休算的吧" after 在职: no, and what it counted with; the estimate stands
            pay = _personal_pay(tracker, known)
            instead = noted({name: counted[name] for name in told if name in counted})  # "" for 低保 not counted
            reply = not_what_was_counted(said_back, instead, pay, is_spoken(tracker))
            dispatcher.utter_message(text=reply, json_message=meta("estimate", amount=pay))
        elif not needed_facts(known):
            if explained(dispatcher, tracker, known):
                return []  # "那个起付线是啥意思", "那个八百块是啥钱": the word, and what it came to here
            if compares_with_another(tracker.latest_message.get("text") or ""):
                dispatcher.utter_message(response="utter_estimate_differs_by_person")
            answer(dispatcher, tracker, known, details=True)
        elif (topic := tracker.get_slot(LAST_TOPIC)) and not said_in_full(tracker, topic):
            return answer_topic(dispatcher, tracker, topic, tracker.get_slot("region"), again=True, whole=True)
        elif topic:  # 详细 after a policy answer that was said in full
            dispatcher.utter_message(response="utter_answer_was_whole")
            # still the topic just answered: "多长时间能办好" next asks more about it (actions/faq.py)
            return [SlotSet(LAST_TOPIC, topic)]
        elif known and not serves_region(region_of(tracker, known)):
            answer(dispatcher, tracker, known)  # "为啥算不了" after 乌海's bill: why, again
        else:
            dispatcher.utter_message(response="utter_nothing_to_change")
        return []


class ActionChangeFact(Action):
    """ "不对，是二级医院" / "那如果是退休的呢" after an answer: re-compute with that one change."""

    def name(self) -> str:
        return "action_change_fact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        text = tracker.latest_message.get("text") or ""
        changes = read_facts(text, today(), None)
        held = known_facts(tracker)
        # "第三次住院呢 我妈" after the father's estimate: a what-if of the mother's bill, told before his
        theirs = bill_told_earlier(tracker)
        known = held if theirs is None else theirs
        if not changes and known.get("level") and names_a_hospital(text):
            # "那要是在县医院呢": a hospital whose level its name does not tell; what each level pays
            changes = {"level": LEVEL_NOT_KNOWN}
        if not changes and not known:
            dispatcher.utter_message(response="utter_nothing_to_change")
            return []
        if not changes:
            dispatcher.utter_message(response="utter_which_change")
            return []
        problem = check_date(changes.get("care_date"), region_of(tracker, changes))
        if problem:  # a bill under the old rules: no estimate, and the last one stands
            dispatcher.utter_message(text=problem.message, json_message=meta("refusal"))
            return []
        merged = merge(known, changes, today())
        events = changed_fact_events(held, merged)
        if needed_facts(merged) or tracker.active_loop_name == FORM:
            return events + [FollowupAction(FORM)]
        # another person's estimate ("那我老伴呢 … 也是同一个医院") is not what the caller pays more or less
        answer(dispatcher, tracker, merged, before=None if names_another_person(text) or theirs is not None else known)
        return events


class ActionResetCost(Action):
    def name(self) -> str:
        return "action_reset_cost"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        return reset_cost_events()


def reset_cost_events() -> list[dict[str, Any]]:
    """Every fact told and the form's bookkeeping forgotten: the next estimate starts afresh."""
    return [SlotSet(name, None) for name in FACT_SLOTS + (DATE_INVALID, "requested_slot")] + [SlotSet(MISSES, 0.0)]

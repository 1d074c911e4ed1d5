"""The money amounts of a bill in one message, each in its role: total, policy-scope part, self-paid part, used.

"住院一共花了一万六，其中自费药一千" holds two amounts; the words around each say which is which
(knowledge/reading/lexicon/amount_roles.yml). An amount is read with the words between it and
the previous amount of its clause, and the words right after it, so "总共一万六自费一千" gives the
total and the self-paid part, and "今年门诊已经报了四千" gives no total at all. An amount taken back
("不是八千，是八千三") is not read, and in a correction the last total said is the one meant, as it is
when it says an earlier round one more exactly ("五千多 五千二").
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from knowledge.reading import vocabulary as lexicon
from knowledge.reading.amounts import AmountMention, amount_mentions, normalize_for_amounts

TOTAL = "total"
RULE = "rule"  # a figure of the rules said with the bill: read, so that it is no total, and dropped
MONTHLY = "monthly"  # a month's spending: twelve of them the total, when no other amount is
MONTHS = 12
_LEXICON = lexicon.read("amount_roles")
_ROLES: dict[str, dict[str, list[str]]] = _LEXICON["roles"]
_TAKEN_BACK = re.compile(f"(?:{lexicon.alternation(_LEXICON['negations'])})$")
_CORRECTION = re.compile(lexicon.alternation(lexicon.read("matching")["corrections"]))
_CLAUSE_END = re.compile(r"[,，。;；!！?？\n]")
# One scan over the words of every role, leftmost-longest: "不在报销范围内" is self-paid, not 报销范围内.
_BEFORE_WORDS = {word: role for role, cues in _ROLES.items() for word in cues["before"]}
_AFTER_WORDS = {word: role for role, cues in _ROLES.items() for word in cues["after"]}
_BEFORE = re.compile(lexicon.alternation(_BEFORE_WORDS))
_RIGHT_BEFORE = {word: role for role, cues in _ROLES.items() for word in cues.get("right_before", ())}
# What may stand between a figure's name and the figure ("限额是600", "起付线为800", "封顶是按30万").
_BETWEEN = "是为的有按 "
_AFTER = re.compile(lexicon.alternation(_AFTER_WORDS))
# What may stand between a part's name and its figure besides _BETWEEN ("自费的药大概五千").
_ONLY_FILLER = re.compile(f"(?:[{_BETWEEN}]|{lexicon.alternation(_LEXICON['approximately'])})*")
_PART_OF_IT = tuple(_LEXICON["part_of_it"])


def read_bill_amounts(text: str, *, whole_answer: bool = False) -> dict[str, Decimal]:
    """{role: amount} for every amount `text` gives; roles are "total" and those of amount_roles.yml.

    whole_answer: the text answers "how much?", so a bare number counts as money (as in
    knowledge.reading.amounts).
    """
    plain = normalize_for_amounts(text)
    mentions = amount_mentions(text, whole_answer=whole_answer)
    found: dict[str, Decimal] = {}
    totals: list[tuple[tuple[bool, bool, bool], int, Decimal]] = []
    previous_end = 0
    previous: tuple[str | None, Decimal] | None = None  # the role and value of the amount before
    for position, mention in enumerate(mentions):
        following = mentions[position + 1].start if position + 1 < len(mentions) else None
        role = _role(plain, mention, previous_end, following)
        between = plain[previous_end:mention.start]
        taken_back = _TAKEN_BACK.search(between)
        previous_end = mention.end
        if taken_back:
            continue
        value = mention.amount.value
        corrected = bool(_CORRECTION.search(between))
        said_again = False
        if role is None and previous is not None and previous[0] not in (None, TOTAL, RULE):
            # "自费的一千多 就算一千二吧": the part just told, said again, not a total
            said_again = corrected or _refines(previous[1], value)
            role = previous[0] if said_again else None
        previous = (role, value)
        if role in (None, TOTAL):
            totals.append((mention.preference, -position, value))
        elif role != RULE and (role not in found or said_again or corrected):
            found[role] = value  # the first told, unless corrected: "自费一千 不对 自费一千二"
    if totals:
        if _CORRECTION.search(plain) or _refined(totals):
            found[TOTAL] = totals[-1][2]  # "八千，不对，八千三", "一万 哦 一万零八百": the last one said
        else:
            found[TOTAL] = max(totals)[2]  # as find_amount: after a cost word, then with a unit, then the first
    monthly = found.pop(MONTHLY, None)
    if monthly is not None and TOTAL not in found:
        # a month's spending alone: the year's bill, as the yearly deductible and caps count it; kept, to be said
        found[TOTAL] = monthly * MONTHS
        found[MONTHLY] = monthly
    return found


def _refined(totals: list[tuple[tuple[bool, bool, bool], int, Decimal]]) -> bool:
    """The last total says an earlier round one more exactly ("五千多 五千二", "三万 … 三万三千六", "一万 哦
    一万零八百"): above it by less than its last digit's unit."""
    last = totals[-1][2]
    return any(_refines(earlier, last) for _, _, earlier in totals[:-1])


def _refines(earlier: Decimal, later: Decimal) -> bool:
    return earlier < later < earlier + _last_unit(earlier)


def _last_unit(value: Decimal) -> Decimal:
    """The unit of a whole amount's last non-zero digit: 10000 for 一万, 1000 for 一万五 and for 五千."""
    unit = Decimal(1)
    while value > 0 and value % (unit * 10) == 0:
        unit *= 10
    return unit


def _role(plain: str, mention: AmountMention, previous_end: int, following: int | None) -> str | None:
    """`following`: where the next amount starts, if one does."""
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(plain, 0, mention.start)), default=0)
    before = plain[max(clause_start, previous_end):mention.start]
    after = _CLAUSE_END.split(plain[mention.end:], maxsplit=1)[0]
    said_after = _AFTER.match(after)
    if said_after and not _introduces_the_next(plain, mention.end + said_after.end(), following):
        return _AFTER_WORDS[said_after.group()]
    named = name_right_before(before, _RIGHT_BEFORE)
    if named is not None:
        return _RIGHT_BEFORE[named]
    said_before = [_BEFORE_WORDS[m.group()] for m in _BEFORE.finditer(before)]
    if plain[clause_start:].lstrip().startswith(_PART_OF_IT):  # "其中自费的一共4200": a part, no total
        said_before = [role for role in said_before if role != TOTAL]
    return said_before[-1] if said_before else None


def _introduces_the_next(plain: str, cue_end: int, following: int | None) -> bool:
    """The words right after an amount lead to the next amount ("花了四万自费的药大概五千", as a transcript
    comes, unpunctuated): 自费的药 is that one's, not this one's ("三千自费的药" alone)."""
    if following is None or following < cue_end:
        return False
    return _ONLY_FILLER.fullmatch(plain[cue_end:following]) is not None



def name_right_before(before: str, names: Iterable[str]) -> str | None:
    """The one of `names` that `before` (the text before an amount) ends with, but for the words that may
    stand between a name and its figure: "限额是" ends with 限额."""
    stripped = before.rstrip(_BETWEEN)
    return next((name for name in names if stripped.endswith(name)), None)

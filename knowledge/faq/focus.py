"""The sentence of an answer that answers a narrow follow-up.

"能看几次病" right after how to file for care elsewhere is answered by one sentence of that answer
("备案有效期内看病不再限制次数"); saying the whole answer again (on the phone, its opening lines)
leaves the caller without it. A sentence is taken only when it clearly shares more of the question's
words than every other sentence of the answer: characters rare among the answer's sentences weigh
more, so "备案", in most of them, counts for little and "次" for much. The words it reads by are in
knowledge/reading/lexicon/focus.yml.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import cn2an

from knowledge.reading.amounts import amount_mentions, normalize_for_amounts
from knowledge.reading.choices import load_lexicon, normalize, value_words
from knowledge.reading.rates import rate_mentions, written_rates
from knowledge.reading.vocabulary import alternation, read

_WORDS = read("focus")
_ASKING = frozenset(_WORDS["asking_characters"])
_NOT_PUBLISHED = re.compile(alternation(_WORDS["not_published"]))
# a figure asked, and its unit if one follows (`units`: "多久才" has none); "哪几家医院" asks which, not how many,
# and "好几个月" tells a rough one
_ASKS_A_FIGURE = re.compile(rf"(?<![哪好])(?:{alternation(_WORDS['asks_a_figure'])})({alternation(_WORDS['units'])})?")
_GIVES_A_FIGURE = re.compile(alternation([*_WORDS["no_limit"], *_WORDS["not_published"]]) + r"|\d")
_SAME_UNIT: dict[str, str] = _WORDS["same_unit"]
_DATED = re.compile(r"\d+年|\d+月")
# "我妈" → "父母", "封顶" → "限额", "社区卫生服务中心" → "一级" (a level's words, lexicon/level.yml, whose first is
# how the answers name it): as the answers say it; their own words stay ("祖父母" holds no 父母)
_ANSWERS_WORD = {
    **{word: words[0] for words in load_lexicon()["level"]["values"].values() for word in words},
    **{word: named for group in ("kin", "same_words") for named, words in _WORDS[group].items() for word in [named, *words]},
}
_CALLERS_WORD = re.compile(alternation(_ANSWERS_WORD))


@dataclass(frozen=True)
class _Kind:
    """A kind of question (`question_kinds` in focus.yml: when, where, how long, before, what to bring, which
    ones, whom) and the words of a sentence that answers it."""

    asks: re.Pattern
    answered_by: re.Pattern


_KINDS = [
    _Kind(
        asks=re.compile(alternation(kind["asks"])),
        answered_by=re.compile(
            "|".join([alternation([*kind["answered_by"], *_WORDS["not_published"]]), *([_DATED.pattern] if kind.get("dated") else [])])
        ),
    )
    for kind in _WORDS["question_kinds"].values()
]
_KIND_ASKED = re.compile("|".join(kind.asks.pattern for kind in _KINDS))
_WHOM = _WORDS["question_kinds"]["whom"]
_FOR_WHOM = re.compile(alternation(_WHOM["asks"]))
_DONE_FOR_THEM = re.compile(alternation(_WHOM["doing"]))
_GOING_ABOUT = re.compile(alternation(_WORDS["going_about"]))
_CLAUSE = re.compile(r"[^。；！？\n]+[。；！？]?")
_LIST_MARK = re.compile(r"^\s*(?:\d+[.、)]\s*|[-•·]\s*)")
_NOT_A_LETTER = re.compile(r"[^\w%.]")
_SOURCE_LINE = "来源："
# "滨州呢" asks for another city (answered elsewhere), not for the sentence naming 滨州医惠保
_CITY = re.compile(alternation(value_words("region")))
_SAID_BEFORE = re.compile(alternation([*_WORDS["said_before"], *_WORDS["no_subject"]]))
# "限额是500是吧", "是不是500元": a figure said back to check it (`checking`), with its unit if any
_CHECKING = alternation(_WORDS["checking"])
_FIGURE_CHECKED = re.compile(
    rf"(?<![\d.])(?P<before>\d+(?:\.\d+)?(?:万|%)?)(?:元|块钱|块)?(?:{_CHECKING})$|是不是(?P<after>\d+(?:\.\d+)?(?:万|%)?)(?:元|块钱|块)?$"
)
# "五十六种" → "56种": a count in words before its unit, as the answers write it (one numeral alone stays: 一级)
_COUNT_IN_WORDS = re.compile(rf"[零一二两三四五六七八九十百千]{{2,}}(?={alternation(_WORDS['units'])})")
# a sentence saying what is not published is said beside the answering one when it shares this much
_CAVEAT_SHARE = 0.3
# "以前是多少" (nothing asked but its kind) is answered by this many sentences saying it at most
_MOST_OF_A_KIND = 3
# of the question's weighted characters, what each of two sentences answering it together says that the other does not
_HALF = 0.25
# an item of a list up to this long is said whole for one of its sentences
_LONGEST_ITEM = 100
# the weight of a word the answer does not use: about that of one used by a third of its sentences
_ABSENT_WEIGHT = 1.0


@dataclass(frozen=True)
class Strictness:
    share: float  # of the question's weighted characters, found in the sentence
    lead: float  # over the next best sentence's share
    characters: int  # distinct characters of the question (not asking ones) found in it


# More about the answer just given, asked as such ("那在哪办"): a clear best sentence is enough.
ABOUT_THE_ANSWER = Strictness(share=0.6, lead=0.3, characters=2)
# A question nothing else answers (it would get "no reliable information"): the sentence must say
# most of what is asked, far better than any other.
NOTHING_ELSE_ANSWERS = Strictness(share=0.7, lead=0.4, characters=2)


@dataclass(frozen=True)
class _Sentence:
    text: str
    line: int  # which line of the answer it is on


def _sentences(answer: str) -> list[_Sentence]:
    found = []
    for number, line in enumerate(answer.splitlines()):
        if line.startswith(_SOURCE_LINE):
            continue
        for clause in _CLAUSE.findall(line):
            if len(_NOT_A_LETTER.sub("", clause)) >= 4:
                found.append(_Sentence(_LIST_MARK.sub("", clause.strip()), number))  # "2. " is no figure
    return found


def _written(value: Decimal) -> str:
    """An amount as the answers write it: 80万, 1.5万, 4500."""
    return f"{(value / 10000).normalize():f}万" if value >= 10000 else f"{value.normalize():f}"


def _plain(question: str, subject: Iterable[str]) -> str:
    """The question's letters, its amounts, counts and rates written as the answers write them (八十万 → 80万,
    五十六种 → 56种), without the words naming the answer's subject ("大额补助 最多八十万是吗" asks for the cap, and the
    answer's heading names 大额补助 too), a city, or words pointing back at what was said ("你刚才说")."""
    said = normalize_for_amounts(question)
    for mention in reversed(amount_mentions(question, whole_answer=False)):
        said = said[: mention.start] + _written(mention.amount.value) + said[mention.end :]
    said = _SAID_BEFORE.sub("", _CITY.sub("", normalize(said)))
    said = _COUNT_IN_WORDS.sub(lambda count: str(cn2an.cn2an(count.group(), "smart")), said)
    for word in sorted(subject, key=len, reverse=True):
        said = said.replace(word, "")
    return _NOT_A_LETTER.sub("", written_rates(said))


def figure_not_given(answer: str, question: str) -> str | None:
    """"限额是500是吧" after an answer giving 400 nowhere 500: the figure said back to check it, as the answers
    write it, when the answer gives it nowhere, nor as two of its rates added up; None otherwise."""
    checked = _FIGURE_CHECKED.search(_plain(question, ()))
    if checked is None:
        return None
    figure = checked.group("before") or checked.group("after")
    # "还要900多块对吧" of a price of 950: a rough figure is no figure to say otherwise of
    rough = {_written(mention.amount.value) for mention in amount_mentions(question, whole_answer=False) if mention.amount.approximate}
    if figure in rough or re.search(rf"(?<![\d.]){re.escape(figure)}(?![\d.])", answer):
        return None
    # "退休的是不是百分之九十" of "报销比例85%，退休人员再提高5%": two rates of the answer adding up to it
    rates = rate_mentions(answer)
    if figure.endswith("%") and any(Decimal(figure[:-1]) - rate in rates for rate in rates):
        return None
    return figure


def _in_the_answer_s_words(plain: str, answer: str) -> str:
    """"能给我妈用吗" after an answer naming 父母, "一年封顶多少" after one saying 年度限额: the words as the
    answers say them (`kin`, `same_words`), unless the answer uses the caller's own ("孩子可以同时被爸爸和妈妈添加");
    Latin letters in the answer's case."""
    plain = _CALLERS_WORD.sub(lambda said: said.group() if said.group() in answer else _ANSWERS_WORD[said.group()], plain)
    # "哪个app": letters as the answer writes them (App), the question being read in lower case
    written = {word.lower(): word for word in re.findall(r"[A-Za-z]+", answer)}
    return re.sub(r"[a-z]+", lambda said: written.get(said.group(), said.group()), plain)


def _asked(plain: str) -> list[str]:
    """What of the question says what it is about, each once: its characters, and its pairs of
    neighbouring characters that are not both asking ones ("多长" of "有效期多长时间")."""
    pairs = (plain[i : i + 2] for i in range(len(plain) - 1))
    return list(
        dict.fromkeys(
            [c for c in plain if c not in _ASKING] + [p for p in pairs if not (p[0] in _ASKING and p[1] in _ASKING)]
        )
    )


def _gives_what_is_asked(plain: str, sentence: str) -> bool:
    """A sentence saying what kind of thing is asked: a figure (in the unit asked) or that there is none,
    a time, a place, what it was before; or that it is not published."""
    if any(kind.asks.search(plain) and not kind.answered_by.search(sentence) for kind in _KINDS):
        return False
    asked = _ASKS_A_FIGURE.search(plain)
    if asked is None:
        return True
    if _GIVES_A_FIGURE.search(sentence) is None:
        return False
    unit = asked.group(1)
    return (
        not unit
        or unit in _ASKING
        or unit in sentence
        or _SAME_UNIT.get(unit, unit) in sentence
        or _NOT_PUBLISHED.search(sentence) is not None
    )


def _answers_its_kind(plain: str, sentence: str) -> bool:
    """The question is of a kind (`question_kinds`) that the sentence answers, or asks
    a figure in a unit that the sentence gives ("几项": "32项")."""
    if any(kind.asks.search(plain) and kind.answered_by.search(sentence) for kind in _KINDS):
        return True
    asked = _ASKS_A_FIGURE.search(plain)
    unit = asked.group(1) if asked else None
    return unit is not None and re.search(rf"\d(?:{re.escape(unit)}|{re.escape(_SAME_UNIT.get(unit, unit))})", sentence) is not None


def _what_about(plain: str) -> str:
    """The question without the words of its kind, a figure asked, whom and what is done for them ("我弟弟能绑吗"),
    and how one goes about it (`going_about`: "在哪办", "带啥东西去")."""
    rest = _ASKS_A_FIGURE.sub("", _KIND_ASKED.sub("", plain))
    if _FOR_WHOM.search(plain):
        rest = _DONE_FOR_THEM.sub("", rest)
    return _GOING_ABOUT.sub("", rest)


def _asks_only_its_kind(plain: str) -> bool:
    """"以前是多少", "原来呢", "我弟弟能绑吗", "在哪儿办": words of a kind of question, and nothing of what about."""
    return _KIND_ASKED.search(plain) is not None and all(c in _ASKING for c in _what_about(plain))


def _asks_its_kind_of_nothing_said(plain: str, sentences: list[_Sentence]) -> bool:
    """"多久能把钱给我" after how to file a paper claim: a kind of question, and words of what about that no sentence
    of the answer uses (only how the caller says it)."""
    return _KIND_ASKED.search(plain) is not None and not any(
        c in s.text for c in _what_about(plain) if c not in _ASKING for s in sentences
    )


def _weight(word: str, sentences: list[_Sentence]) -> float:
    """Rarer among the answer's sentences, more telling; one the answer does not use at all may be
    what it lacks ("钱") or only how the caller says it ("里头", "帮忙"): it counts as a common one."""
    using = sum(word in s.text for s in sentences)
    return math.log((len(sentences) + 1) / (using + 0.5)) if using else _ABSENT_WEIGHT


def answering_sentence(
    answer: str, question: str, strictness: Strictness, subject: Iterable[str] = ()
) -> str | None:
    """The sentence of `answer` that answers `question` (with the list under it when it introduces
    one, and a sentence on the same saying what is not published), or None when none clearly does.
    `subject`: the words naming what the answer is about (canonical vocabulary)."""
    sentences = _sentences(answer)
    plain = _in_the_answer_s_words(_plain(question, subject), answer)
    relative = _FOR_WHOM.search(plain)
    if relative is not None and not _asks_only_its_kind(plain):
        # "能给我媳妇交居民医保吗" asks whom it is for and what is paid for them: the sentence saying each, when
        # one clearly says what ("我老婆能用我的钱吗" asks nothing an answer says but whom)
        what = _answering(answer, sentences, plain.replace(relative.group(), ""), strictness)
        whom = _answering(answer, sentences, relative.group(), strictness) if what is not None else None
        if what is not None and whom is not None:
            return "\n".join(dict.fromkeys([whom, what]))
    found = _answering(answer, sentences, plain, strictness)
    status = _ASKER_STATUS.search(plain)
    if status is None or (found is not None and not _for_the_other_status(found, status.group())):
        return found
    # "退休 那在县医院看门诊 报几成" (retired, told earlier): the rates the question's other words find are the
    # working people's; the sentence for retirees comes with them
    said = _answering(answer, sentences, plain.replace(status.group(), ""), strictness)
    theirs = [s for s in sentences if status.group() in s.text]
    if said is not None and _for_the_other_status(said, status.group()) and theirs:
        return "\n".join([said, _with_its_list(answer, theirs[0])])
    return found


def _for_the_other_status(said: str, status: str) -> bool:
    return _OTHER_STATUS[status] in said and status not in said


# Whether one works or has retired, as the answers write it, and the other.
_OTHER_STATUS = {"在职": "退休", "退休": "在职"}
_ASKER_STATUS = re.compile("|".join(_OTHER_STATUS))


def _answering(answer: str, sentences: list[_Sentence], plain: str, strictness: Strictness) -> str | None:
    asked = _asked(plain)
    if len(sentences) < 2 or not asked:
        return None
    weight = {c: _weight(c, sentences) for c in asked}
    # a pair found adds to its characters; one not found takes nothing away ("几次" is no word of an answer)
    total = sum(weight[c] for c in asked if len(c) == 1)
    if total <= 0:
        return None
    shares = [(sum(weight[c] for c in asked if c in s.text) / total, s) for s in sentences]
    # only the sentences saying what kind of thing is asked compete ("能给我妈用吗": the one naming whom it
    # is for, not another as close naming 父母 for what it pays); one closer that does not say it is what
    # is asked about ("有效期多长、要填哪些信息，以……为准" before "有效期内看病不再限制次数"): none answers
    ranked = sorted(((share, s) for share, s in shares if _gives_what_is_asked(plain, s.text)), key=lambda pair: pair[0], reverse=True)
    closest = max(share for share, _ in shares)
    # ... unless what answers it is that it is not published ("那个56种病都是啥": "纳入56种慢病", and that which
    # ones the article does not list)
    not_published = ranked[0][1] if ranked and ranked[0][0] < closest and _NOT_PUBLISHED.search(ranked[0][1].text) else None
    if not_published is not None:
        ranked = sorted(shares, key=lambda pair: pair[0], reverse=True)
    if not ranked or ranked[0][0] < closest:
        # ... but for "俺老丈人呢" only the kind is asked: the sentences saying whom it is for, whatever else shares "人"
        return _all_of_its_kind(answer, plain, [s for _, s in ranked], sentences)
    best_share, best = ranked[0]
    # a sentence saying what is not published comes beside the answer as a caveat: no rival to it
    rivals = [share for share, s in ranked[1:] if not (_NOT_PUBLISHED.search(s.text) and share >= _CAVEAT_SHARE)]
    next_share = rivals[0] if rivals else 0.0
    # a question of a kind the sentence answers counts as one of its characters found ("在哪办": "去哪办：在……
    # 掌上办平台绑定"), and so does a figure asked in a unit it gives ("有几项": "32项")
    found = sum(len(c) == 1 and c in best.text for c in asked) + _answers_its_kind(plain, best.text)
    clear = best_share >= strictness.share and best_share - next_share >= strictness.lead and found >= strictness.characters
    if not clear and best_share >= strictness.share and _says_all_of_it(asked, best, ranked):
        # "亲情账户在哪个app里加": the one sentence with every word asked (在App里添加……亲情账户) answers it, however
        # close another comes by the answer's own subject (亲情账户是……App里的功能)
        clear = True
    if not clear:
        return _two_halves(answer, asked, weight, total, [s for _, s in ranked], strictness) or _all_of_its_kind(
            answer, plain, [s for _, s in ranked], sentences
        )
    caveats = [
        s.text
        for share, s in shares
        if s.line != best.line and (s is not_published or share >= _CAVEAT_SHARE and _NOT_PUBLISHED.search(s.text))
    ]
    return "\n".join([_with_its_list(answer, best), *caveats])


def _says_all_of_it(asked: list[str], best: _Sentence, ranked: list[tuple[float, _Sentence]]) -> bool:
    """Whether `best` has every character asked, and no other answering sentence does."""
    characters = [c for c in asked if len(c) == 1]

    def says_all(sentence: _Sentence) -> bool:
        return all(c in sentence.text for c in characters)

    return says_all(best) and not any(says_all(s) for _, s in ranked[1:])


def _two_halves(
    answer: str, asked: list[str], weight: dict[str, float], total: float, ranked: list[_Sentence], strictness: Strictness
) -> str | None:
    """"换了卡养老金还要重新绑吗": one sentence says 重新绑定, another 养老金……自动迁移; "工商银行也能十分钟拿卡吗": one item
    says 工商银行, another 十分钟. The two best sentences, in the answer's order, when together they say clearly more
    of what is asked than one sentence must and each says a good part of it the other does not."""
    if len(ranked) < 2:
        return None
    found = [{c for c in asked if len(c) == 1 and c in s.text} for s in ranked[:2]]
    both = found[0] | found[1]

    def share(characters: set[str]) -> float:
        return sum(weight[c] for c in characters) / total

    if share(both) < strictness.share + strictness.lead / 2 or len(both) < 2 * strictness.characters:
        return None
    if min(share(found[0] - found[1]), share(found[1] - found[0])) < _HALF:
        return None
    return _in_the_answer_s_order(answer, ranked[:2])


def _all_of_its_kind(answer: str, plain: str, answering: list[_Sentence], sentences: list[_Sentence]) -> str | None:
    """"以前是多少" asks nothing but its kind: the few sentences saying what it was before ("报销比例60%（由原来的
    50%提高）", "年度限额400元（由原来的200元提高）"), in the answer's order, not those saying what is not
    published; the one sentence of its kind when the rest of the question is no word of the answer ("多久能把钱给我":
    "承诺10个工作日内办理完毕"); None for another question, or when too many say it to tell."""
    said = [s for s in answering if not _NOT_PUBLISHED.search(s.text)]
    if _asks_only_its_kind(plain):
        if not 0 < len(said) <= _MOST_OF_A_KIND:
            return None
    elif len(said) != 1 or not _asks_its_kind_of_nothing_said(plain, sentences):
        return None
    return _in_the_answer_s_order(answer, said)


def _in_the_answer_s_order(answer: str, sentences: list[_Sentence]) -> str:
    """The sentences (each with its list item, once) in the order the answer says them."""
    in_order = sorted(sentences, key=lambda s: (s.line, answer.find(s.text)))
    return "\n".join(dict.fromkeys(_with_its_list(answer, s) for s in in_order))


def _with_its_list(answer: str, sentence: _Sentence) -> str:
    """The sentence, or the whole item of a list it is in ("即时同号换卡：目前只有农商银行能即时制卡……大约
    十分钟拿到新卡" says which bank, its last sentence does not) unless that is long, without the list
    mark and ending as a sentence; one that ends in "：" keeps the list that follows it."""
    lines = answer.splitlines()
    item = lines[sentence.line]
    whole_item = _LIST_MARK.match(item) is not None and len(item) <= _LONGEST_ITEM
    text = _LIST_MARK.sub("", item if whole_item else sentence.text).strip()
    if not text.endswith(("：", ":")):
        return text.rstrip("；，、") + ("" if text.endswith(("。", "！", "？")) else "。")
    items = []
    for following in lines[sentence.line + 1 :]:
        if not _LIST_MARK.match(following):
            break
        items.append(following.strip())
    return "\n".join([text, *items])

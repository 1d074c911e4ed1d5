"""Questions no topic answers (knowledge/faq/out_of_knowledge.yml): the data, and the closest subject."""
import pytest

from knowledge.faq.model import FaqDataError, knowledge_base
from knowledge.faq.unknown import MIN_QUESTIONS, parse_subjects, unknown_subjects


def test_the_shipped_data_covers_many_subjects_with_several_hundred_questions():
    unknown = unknown_subjects()
    assert len(unknown.subjects) >= 40
    assert len(unknown.all_questions()) >= 350


def test_no_question_is_also_a_topic_phrasing():
    phrasings = {p for t in knowledge_base().topics.values() for p in t.phrasings}
    assert [q for q in unknown_subjects().all_questions() if q in phrasings] == []


@pytest.mark.parametrize(
    "text, subject",
    [
        ("社保卡丢了 该怎么补一张", "card_loss_reissue"),
        ("生育津贴什么时候发", "maternity_allowance"),
        ("医保断了两年了还能补交吗", "arrears_backpay"),
    ],
)
def test_a_new_question_finds_its_subject(text, subject):
    assert unknown_subjects().closest(text).id == subject


def test_a_question_like_no_subject_finds_none():
    assert unknown_subjects().closest("今天的天气真不错") is None


def valid(**changes):
    entry = {"name": "断缴", "questions": [f"问题{i}" for i in range(MIN_QUESTIONS)]}
    entry.update(changes)
    return {"subjects": {"arrears": entry}}


@pytest.mark.parametrize(
    "data, problem",
    [
        (valid(questions=["一", "二"]), "at least"),
        (valid(related="nowhere"), "nowhere"),
        (valid(name=""), "name"),
        ({"subjects": {}}, "no subjects"),
    ],
)
def test_broken_data_is_refused_with_the_problem(data, problem):
    with pytest.raises(FaqDataError, match=problem):
        parse_subjects(data, {"e_voucher"})

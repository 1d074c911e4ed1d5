"""When to answer the best FAQ topic and when to ask which one was meant."""
from knowledge.faq.choice import CLEAR_CONFIDENCE, MIN_MARGIN, choose, ranking_from_parse


def test_a_clear_winner_is_answered():
    assert choose([("a", CLEAR_CONFIDENCE), ("b", CLEAR_CONFIDENCE - 0.01)]).answer == "a"


def test_a_wide_margin_is_answered_even_with_low_confidence():
    assert choose([("a", 0.4), ("b", 0.4 - MIN_MARGIN)]).answer == "a"


def test_close_candidates_are_offered_best_first():
    choice = choose([("a", 0.35), ("b", 0.30), ("c", 0.2), ("d", 0.1)])
    assert choice.answer is None and choice.candidates == ("a", "b", "c")


def test_no_ranking_gives_no_answer():
    assert choose([]).answer is None


def test_ranking_is_read_from_a_rasa_parse():
    parse = {
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/e_voucher", "confidence": 0.7},
                    {"intent_response_key": "faq/offsite_filing", "confidence": 0.2},
                ]
            }
        }
    }
    assert ranking_from_parse(parse) == [("e_voucher", 0.7), ("offsite_filing", 0.2)]
    assert ranking_from_parse({"intent": {"name": "greet"}}) == []

"""Picking one of the topics just offered: by its place, by what tells it apart, or by its title."""
import pytest

from knowledge.faq.model import knowledge_base
from knowledge.faq.offer import picked_topic, picks_none

OFFERED = ["inpatient_employee", "inpatient_resident", "large_medical_subsidy"]


@pytest.mark.parametrize(
    "said, picked",
    [
        ("第二个", "inpatient_resident"),
        ("嗯，第一个吧", "inpatient_employee"),
        ("我问的是第三个", "large_medical_subsidy"),
        ("最后那个", "large_medical_subsidy"),
        ("3", "large_medical_subsidy"),
        ("居民住院报销那个", "inpatient_resident"),  # the title
    ],
)
def test_a_choice_is_picked_by_its_place_or_its_title(said, picked):
    assert picked_topic(OFFERED, knowledge_base(), said) == picked


def test_a_choice_is_picked_by_the_scheme_or_care_that_tells_it_apart():
    kb = knowledge_base()
    assert picked_topic(OFFERED[:2], kb, "居民的", scheme="居民") == "inpatient_resident"
    cares = ["outpatient_employee", "inpatient_employee"]
    assert picked_topic(cares, kb, "住院那个", care="住院") == "inpatient_employee"
    # the one choice that is the scheme's own benefit, beside one for anybody
    assert picked_topic(["inpatient_employee", "medical_assistance"], kb, "他是退休的", scheme="职工") == "inpatient_employee"
    assert picked_topic(["family_mutual_aid", "medical_assistance"], kb, "居民", scheme="居民") is None


@pytest.mark.parametrize(
    "said, picked",
    [("居民的呢", "inpatient_resident"), ("好的", "inpatient_resident"), ("三级医院", None), ("一万二", None), ("不方便说", None)],
)
def test_one_offer_is_picked_only_when_the_message_takes_it_up(said, picked):
    """The other scheme's answer offered beside the 职工 one: a fact of the user's bill does not pick it."""
    scheme = "居民" if "居民" in said else None
    assert picked_topic(["inpatient_resident"], knowledge_base(), said, scheme=scheme) == picked


def test_telling_the_other_scheme_is_no_yes_to_the_one_offer():
    assert picked_topic(["outpatient_resident"], knowledge_base(), "是 俺在厂里上班 厂里交的", scheme="职工") is None
    assert picked_topic(["outpatient_resident"], knowledge_base(), "是的 俺是农村的", scheme="居民") == "outpatient_resident"


@pytest.mark.parametrize("said", ["第四个", "我想问家庭共济", "都可以", "那个"])
def test_anything_else_picks_nothing(said):
    assert picked_topic(OFFERED, knowledge_base(), said) is None


def test_a_place_beyond_the_choices_picks_nothing():
    assert picked_topic(OFFERED[:2], knowledge_base(), "第三个") is None
    assert picked_topic([], knowledge_base(), "第一个") is None


@pytest.mark.parametrize("said, none", [("都不是", True), ("嗯 哪个都不是", True), ("两个都不是吧", True),
                                        ("都不是很清楚", False), ("第一个", False)])
def test_none_of_them_is_the_last_choice(said, none):
    assert picks_none(said) is none

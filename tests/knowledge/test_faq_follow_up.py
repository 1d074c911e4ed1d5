"""After an FAQ answer: the same question for another city or scheme."""
import pytest

from knowledge.faq.follow_up import FollowUp, follow_up_topic
from knowledge.faq.model import knowledge_base


@pytest.mark.parametrize(
    "last, said, topic",
    [
        ("outpatient_employee", "那居民呢", "outpatient_resident"),
        ("outpatient_resident", "退休的呢", "outpatient_employee"),
        ("inpatient_employee", "那在职的呢", "inpatient_employee"),
        ("inpatient_employee", "要是新农合呢", "inpatient_resident"),
        ("family_mutual_aid", "那乌海那边呢", "wuhai_family_mutual_aid"),
        ("wuhai_family_mutual_aid", "滨州的呢", "family_mutual_aid"),
        ("offsite_filing", "那居民呢", "offsite_filing"),
        ("two_diseases", "那职工呢", None),
    ],
)
def test_the_topic_that_answers_the_follow_up(last, said, topic):
    follow_up = FollowUp.read(said)
    assert follow_up.names_anything
    assert follow_up_topic(knowledge_base(), last, follow_up) == topic


def test_a_what_if_about_something_else_names_no_city_or_scheme():
    assert not FollowUp.read("那二级医院呢").names_anything

"""The FAQ knowledge base: schema checks, region choice, citations, and the generated Rasa data."""
import re
from pathlib import Path

import pytest
import yaml

from knowledge.faq.answer import compose_reply
from knowledge.faq.model import FaqDataError, knowledge_base, load_knowledge_base, parse_topic
from knowledge.faq.unknown import unknown_subjects
from nlu.generate_faq import domain_data, nlu_data

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "faq-topics.md"
# beyond the spec's list: how to ask with little typing (for those who say typing is hard for them), and what
# "政策范围内" means to the estimate, when what 医保 pays is settled ("报的钱啥时候到账"), and that another city's
# insured ask there ("我是淄博的居民医保")
SERVICE_TOPICS_ADDED = {"using_the_assistant", "policy_scope", "settlement", "insured_elsewhere"}


def valid_topic(**changes):
    data = {
        "id": "demo",
        "region": "binzhou",
        "title": "演示",
        "answer": {"chat": "答案。", "speech": "答案"},
        "source": {"seed": "001_953918853ca88d5b.txt", "title": "标题", "date": None},
        "phrasings": [f"问法{i}" for i in range(12)],
    }
    data.update(changes)
    return data


def test_every_spec_topic_has_a_file_and_loads():
    kb = knowledge_base()
    spec_topics = set(re.findall(r"^\d+\. `(\w+)`", SPEC.read_text(encoding="utf-8"), re.MULTILINE))
    assert len(spec_topics) == 31
    assert set(kb.topics) == spec_topics | SERVICE_TOPICS_ADDED
    assert {t.region for t in kb.topics.values()} == {"binzhou", "wuhai"}


def test_counterparts_point_at_each_other_across_regions():
    kb = knowledge_base()
    for topic in kb.topics.values():
        if topic.counterpart:
            other = kb.topics[topic.counterpart]
            assert other.counterpart == topic.id and other.region != topic.region


def test_cited_seed_files_exist():
    kb = knowledge_base()
    cited = {t.source.seed for t in kb.topics.values() if t.source} | {
        article.seed for t in kb.topics.values() if t.source for article in t.source.also
    }
    missing = [seed for seed in cited if not (SEEDS / seed).is_file()]
    assert not missing


def test_phrasings_are_not_shared_between_topics():
    kb = knowledge_base()
    owners = {}
    for topic in kb.topics.values():
        for phrasing in topic.phrasings:
            assert owners.setdefault(phrasing, topic.id) == topic.id, phrasing


@pytest.mark.parametrize(
    "changes, problem",
    [
        ({"phrasings": ["一", "二"]}, "phrasings"),
        ({"answer": {"chat": "答", "speech": "报销比例是85%"}}, "symbol or digit"),
        ({"answer": {"chat": "答", "speech": "一年最多报３０００元"}}, "symbol or digit"),  # full-width digits
        ({"answer": {"chat": "答", "speech": "长" * 121}}, "121 characters"),
        ({"source": None}, "source"),
        ({"region": "jinan"}, "region"),
        ({"id": "other"}, "file name"),
        ({"care": "急诊"}, "care must be one of"),
        ({"key_terms_only": True, "key_terms": ["打字"]}, "no phrasings"),  # it has phrasings
        ({"key_terms_only": True, "phrasings": []}, "key terms"),
        ({"source": {"seed": "001_x.txt", "title": "标题"}}, "not in knowledge/articles.yml"),  # when it appeared: not known
        ({"source": {"seed": "001_x.txt", "title": "标题", "also": ["002_y.txt"]}}, "mapping with seed and title"),
        ({"source": {"seed": "001_x.txt", "title": "标题", "also": [{"seed": "002_y.txt"}]}}, "title"),
        ({"source": {"seed": "001_x.txt", "title": "标题", "also": [{"seed": "2.txt", "title": "乙", "region": "jinan"}]}},
         "region"),
    ],
)
def test_schema_errors_name_the_problem(changes, problem):
    with pytest.raises(FaqDataError, match=problem):
        parse_topic(valid_topic(**changes), Path("demo.yml"))


def test_the_citation_names_every_article_facts_come_from_and_another_citys_paper_as_such():
    source = {"seed": "003_6a119accfedf813c.txt", "title": "甲文", "also": [{"seed": "004_y.txt", "title": "乙文", "region": "wuhai"},
                                                          {"seed": "002_z.txt", "title": "丙文"}]}
    topic = parse_topic(valid_topic(source=source), Path("demo.yml"))
    assert topic.citation() == "来源：《甲文》（约2022年8月）；另据《乙文》（乌海市的报道）、《丙文》"
    # the 滨州 filing answer's facts of the two kinds of filing come from 乌海's paper (004): it says so
    assert "（乌海市的报道）" in knowledge_base().topics["offsite_filing"].citation()


@pytest.mark.parametrize("field", ["counterpart", "pays"])
def test_a_dangling_counterpart_is_refused(tmp_path, field):
    (tmp_path / "demo.yml").write_text(
        yaml.dump(valid_topic(**{field: "nowhere"}), allow_unicode=True), encoding="utf-8"
    )
    with pytest.raises(FaqDataError, match="nowhere"):
        load_knowledge_base(tmp_path)


def test_without_a_city_the_binzhou_rule_is_given_and_said_to_be_binzhou():
    reply = compose_reply(knowledge_base(), "family_mutual_aid", None, spoken=False)
    assert reply.region == "binzhou"
    assert "以上是滨州市的规定" in reply.text
    assert "来源：《" in reply.text


def test_a_wuhai_user_gets_the_wuhai_rule_for_the_same_question():
    kb = knowledge_base()
    reply = compose_reply(kb, "family_mutual_aid", "wuhai", spoken=False)
    assert reply.topic_id == "wuhai_family_mutual_aid"
    assert reply.text.startswith(kb.topics["wuhai_family_mutual_aid"].chat)
    assert "兄弟姐妹" in reply.text


def test_a_binzhou_only_topic_for_a_wuhai_user_says_whose_rule_it_is():
    reply = compose_reply(knowledge_base(), "two_diseases", "wuhai", spoken=False)
    assert reply.region == "binzhou" and "乌海市的具体规定请向当地医保部门咨询" in reply.text


def test_spoken_reply_is_the_short_answer_without_citation():
    kb = knowledge_base()
    reply = compose_reply(kb, "e_voucher", "binzhou", spoken=True)
    assert reply.text == kb.topics["e_voucher"].speech
    assert "来源" not in reply.text


def test_generated_data_covers_every_topic_and_phrasing():
    kb = knowledge_base()
    unknown = unknown_subjects()
    nlu = nlu_data(kb, unknown)["nlu"]
    trained = {t.id for t in kb.topics.values() if not t.key_terms_only}
    assert trained and trained != set(kb.topics)  # using_the_assistant is answered by key terms only
    assert {block["intent"] for block in nlu} == {f"faq/{t}" for t in trained} | {"out_of_knowledge"}
    assert set(domain_data(kb)["responses"]) == {f"utter_faq/{t}" for t in trained}
    ook = next(b for b in nlu if b["intent"] == "out_of_knowledge")
    assert ook["examples"].count("\n- ") + 1 == len(unknown.all_questions())
    block = next(b for b in nlu if b["intent"] == "faq/e_voucher")
    assert block["examples"].count("\n- ") + 1 == len(kb.topics["e_voucher"].phrasings)
    responses = domain_data(kb)["responses"]
    assert responses["utter_faq/e_voucher"][0]["text"].endswith(kb.topics["e_voucher"].citation())


def test_one_sentence_of_the_answer_just_given_does_not_offer_the_other_city_again():
    kb = knowledge_base()
    whole = compose_reply(kb, "family_mutual_aid", None, spoken=True)
    assert "说一声" in whole.text  # the answer offers 乌海's rules
    sentence = compose_reply(kb, "family_mutual_aid", None, spoken=True, detailed=True, question="去哪里弄这个")
    assert not sentence.whole and "掌上办平台" in sentence.text and "说一声" not in sentence.text
    # told they are in 乌海, 滨州's rules still say whose they are
    elsewhere = compose_reply(kb, "service_stations", "wuhai", spoken=True, detailed=True, question="站点一共有多少处")
    assert not elsewhere.whole and "乌海市的具体规定请向当地医保部门咨询" in elsewhere.text


def test_a_figure_said_back_that_the_answer_does_not_give_is_said_to_be_missing_before_its_sentence():
    kb = knowledge_base()
    cap = "年度限额400元（由原来的200元提高）。"
    wrong = compose_reply(kb, "outpatient_resident", None, spoken=True, detailed=True, question="一年最多能报六百是不是")
    assert wrong.text.startswith(f"资料上没有直接写您说的600，原文是这样说的：\n{cap}")
    right = compose_reply(kb, "outpatient_resident", None, spoken=True, detailed=True, question="一年最多报四百 对吧")
    assert right.text.startswith(cap)


def test_a_rate_the_answer_gives_as_two_added_up_is_no_figure_missing():
    # retirees' rate of 门诊慢特病: 85%, and 5% more
    said = compose_reply(knowledge_base(), "chronic_coverage", None, spoken=False, detailed=True, question="职工退休了是不是报百分之九十")
    assert not said.text.startswith("资料上没有直接写")

"""After an FAQ answer: the same question for another city or scheme."""
import datetime

import pytest

from knowledge.cost.facts import read_facts
from knowledge.faq.follow_up import (
    FollowUp,
    asks_about_something,
    asks_it_for,
    asks_it_for_them,
    asks_its_source,
    asks_more_about,
    asks_more_about_it,
    asks_of_its_own_words,
    asks_to_repeat,
    cannot_do_it_alone,
    did_not_follow,
    follow_up_topic,
    its_sentence_answers,
    names_nothing_of_its_own,
    of_the_scheme_just_answered,
    only_acknowledges,
    says_back_a_figure,
    says_back_what_it_heard,
    tells_only_where,
    topic_for_a_place_told,
    topic_for_another_care,
    topic_for_the_next_message,
)
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
        ("family_mutual_aid", "那居民医保的呢", "family_mutual_aid"),  # its answer says what 居民 relatives get
    ],
)
def test_the_topic_that_answers_the_follow_up(last, said, topic):
    follow_up = FollowUp.read(said)
    assert follow_up.names_anything
    assert follow_up_topic(knowledge_base(), last, follow_up) == topic


def test_a_what_if_about_something_else_names_no_city_or_scheme():
    assert not FollowUp.read("那二级医院呢").names_anything


@pytest.mark.parametrize(
    "text, expected",
    [
        ("噢 那得去哪儿办", True),
        ("那要准备啥证件", True),
        ("网上能办吗", True),
        ("那得多长时间", True),
        ("你们查不了 那我上哪查", True),
        ("那得带什么", True),
        ("那一年最多能报多少钱", True),  # a figure the answer gives
        ("那退休金封顶多少", False),
        ("那多久能退回来", True),
        ("批下来要几天", True),
        ("大约几天能弄完", True),
        ("新卡多久能拿到手", False),  # 新卡 names what it asks about: the NLU reads it
        ("那得多久才能拿到", True),
        ("那得怎么弄才能花", True),
        ("那俺自己上哪查去", True),
        ("那公积金在哪取", False),  # a subject of its own
        ("退休金多久到账", False),
        ("我想问问门诊慢特病去哪办", False),  # names a topic: the NLU reads it
        ("今天天气怎么样", False),
        ("那这对俺有啥好处", True),  # what it brings
        ("这是什么意思", True),
        ("吃鸡蛋有啥好处", False),
        ("那他能用俺的不", True),  # whether one may use it
        ("他能用俺的存折不", False),
        ("好的", False),
        ("那在哪办，要带什么材料，多长时间能办下来，网上能不能办", False),  # too long to lean on the answer
        # how it must be done, or why one asks: no subject of their own
        ("那我还要再办什么", True),
        ("那只能跑腿是吧 去哪交", True),
        ("我能替他去吗", True),
        ("半夜能办吗 还是得工作日", True),
        ("手机上在哪办", True),
        ("那养老金也能手机上办吗", False),
        ("那得提前备点啥不", False),  # 备 alone is no word of getting ready
        ("还用准备点什么吗", True),
        ("俺腿脚不好 能找别人跑一趟不", False),  # 腿脚 is a subject of its own: longer than leaning on it
        ("能让别人去不", True),
        ("得等多久才批下来", True),
    ],
)
def test_a_short_question_of_how_or_where_that_names_nothing_asks_more_about_the_answer(text, expected):
    assert asks_more_about_it(text) is expected


def test_a_word_of_the_answer_asked_about_is_more_about_it():
    topic = knowledge_base().topics["cross_province_chronic"]
    assert asks_more_about(knowledge_base(), topic, "那恶性肿瘤呢")  # named in the answer
    assert not asks_more_about(knowledge_base(), topic, "那骨折呢")  # not in it
    assert not asks_more_about(knowledge_base(), topic, "那住院呢")  # another benefit: not more about this one


def test_a_word_of_the_answer_that_names_another_topic_is_no_more_about_this_one():
    kb = knowledge_base()
    aid, kinship = kb.topics["family_mutual_aid"], kb.topics["kinship_account"]
    assert "亲情账户" in aid.chat  # the answer warns about it ...
    assert not asks_more_about(kb, aid, "那亲情账户的呢")  # ... but 亲情账户 is a topic of its own
    assert "家庭共济" in kinship.chat
    assert not asks_more_about(kb, kinship, "家庭共济呢")
    assert asks_more_about(kb, aid, "那子女呢")  # a word of the answer naming no topic, as before


def test_a_disease_of_the_answer_told_as_ones_own_asks_more_about_an_answer_that_is_no_benefit():
    chronic, benefit = (knowledge_base().topics[t] for t in ("cross_province_chronic", "two_diseases"))
    assert asks_more_about(knowledge_base(), chronic, "俺娘得的是尿毒症")
    assert asks_more_about(knowledge_base(), chronic, "我是高血压患者")
    assert asks_more_about(knowledge_base(), chronic, "我有痛风")  # not in the answer, which says which ones it holds for
    assert asks_more_about(knowledge_base(), chronic, "那类风湿关节炎呢")
    assert not asks_more_about(knowledge_base(), chronic, "我是居民")  # who they are: a benefit's twin or counting
    assert not asks_more_about(knowledge_base(), benefit, "我有糖尿病")  # after a benefit: counted for


def test_any_disease_after_an_answer_that_says_which_ones_it_holds_for_is_more_about_it():
    kb = knowledge_base()
    apply, account = kb.topics["chronic_application"], kb.topics["family_mutual_aid"]
    assert asks_more_about(knowledge_base(), apply, "慢阻肺")  # alone, after how to apply for chronic-disease care
    assert asks_more_about(knowledge_base(), apply, "俺老伴是脑梗")
    assert not asks_more_about(knowledge_base(), account, "俺老伴是脑梗")  # an answer that says nothing of diseases
    assert not asks_more_about(knowledge_base(), apply, "我们村的")  # no disease
    assert not asks_more_about(kb, kb.topics["two_diseases"], "冠心病")  # after a benefit: as before


def test_who_one_is_told_alone_asks_more_about_an_answer_that_says_it_for_them():
    kb = knowledge_base()
    account = kb.topics["personal_account_change"]
    assert asks_more_about(knowledge_base(), account, "俺是退下来的")
    assert asks_more_about(knowledge_base(), account, "我还在职呢")
    assert not asks_more_about(knowledge_base(), account, "俺是交居民的")  # the answer is of 职工 only
    assert asks_more_about(kb, kb.topics["maternity_third_child"], "俺媳妇是企业的")  # whose: the answer's 职工
    assert not asks_more_about(kb, kb.topics["offsite_filing"], "俺是退下来的")  # an answer that names no one
    assert not asks_more_about(kb, kb.topics["inpatient_employee"], "俺是退下来的")  # a benefit: counted for


def test_whether_a_disease_is_among_those_the_answer_holds_for_is_more_about_it():
    kb = knowledge_base()
    covered = kb.topics["chronic_coverage"]
    assert asks_more_about(knowledge_base(), covered, "那有没有类风湿")  # a benefit's answer too: no bill in it
    assert asks_more_about(knowledge_base(), covered, "包不包括帕金森病")
    assert not asks_more_about(knowledge_base(), covered, "俺有帕金森病")  # told as one's own after a benefit: counted for
    assert not asks_more_about(kb, kb.topics["family_mutual_aid"], "包不包括帕金森病")


@pytest.mark.parametrize(
    "text, for_them",
    [("那城乡居民有没有", True), ("在职的也能享受吗", True), ("退休人员呢", True), ("俺是职工", False),
     ("居民医保一年交多少", False), ("那乌海的职工呢", False)],
)
def test_the_same_question_asked_for_a_scheme_or_status(text, for_them):
    assert asks_it_for_them(text) is for_them


def test_which_one_to_choose_asks_more_about_an_answer_that_compares():
    assert asks_more_about_it("那俺该办哪一个")
    assert asks_more_about_it("是哪个小程序")  # where to do it, which the answer names
    assert not asks_more_about_it("哪个医院好")  # a subject of its own


def test_who_one_is_with_how_it_goes_for_them_asks_more_about_an_answer_that_is_no_benefit():
    account, benefit = (knowledge_base().topics[t] for t in ("personal_account_change", "inpatient_employee"))
    assert asks_more_about(knowledge_base(), account, "俺退休好几年了 俺的咋算")
    assert asks_more_about(knowledge_base(), account, "在职的有啥变化")
    assert not asks_more_about(knowledge_base(), account, "俺退休了 那养老金咋算")  # a subject of its own
    assert not asks_more_about(knowledge_base(), account, "俺的咋算")  # nobody told: as before
    assert not asks_more_about(knowledge_base(), benefit, "俺退休好几年了 俺的咋算")  # a benefit: what they pay is counted


@pytest.mark.parametrize(
    "text, only_where",
    [("俺在邹平", True), ("我们家住博兴那边", True), ("那乌海呢", True), ("后天滨州刮不刮风", False),
     ("邹平哪儿有好吃的", False), ("没去外地", False)],
)
def test_a_place_told_and_nothing_else(text, only_where):
    assert tells_only_where(text) is only_where


def test_a_place_elsewhere_told_alone_after_an_answer_that_holds_anywhere_gets_it_again():
    kb = knowledge_base()
    assert topic_for_a_place_told(kb, "transfer_referral", "要到天津的医院去") == "transfer_referral"
    assert topic_for_a_place_told(kb, "offsite_filing", "俺在青岛那边") == "offsite_filing"
    assert topic_for_a_place_told(kb, "procurement_pharmacy", "俺在青岛那边") is None  # 滨州's pharmacies only
    assert topic_for_a_place_told(kb, "transfer_referral", "天津的医院哪家好") is None  # a question of its own
    # whose place it is, and what they do there
    assert topic_for_a_place_told(kb, "offsite_filing", "俺儿子在广州打工") == "offsite_filing"
    assert topic_for_a_place_told(kb, "offsite_filing", "俺在上海带孙子") == "offsite_filing"
    assert topic_for_a_place_told(kb, "cross_province_chronic", "俺们冬天去三亚过冬") == "cross_province_chronic"
    assert topic_for_a_place_told(kb, "family_mutual_aid", "俺娘是在淄博参保的") == "family_mutual_aid"


def test_another_care_asked_for_gets_its_benefit_of_the_same_scheme_when_one_answers_it():
    kb = knowledge_base()
    assert topic_for_another_care(kb, "outpatient_employee", "那住院呢") == "inpatient_employee"
    assert topic_for_another_care(kb, "inpatient_resident", "那么门诊慢病呢") == "chronic_coverage"
    assert topic_for_another_care(kb, "chronic_coverage", "那住院呢") is None  # whose? both schemes have one
    assert topic_for_another_care(kb, "outpatient_employee", "那三级医院呢") is None  # a what-if, not a care
    assert topic_for_another_care(kb, "family_mutual_aid", "那住院呢") is None  # no benefit answered


def test_a_short_question_of_what_the_answer_says_in_other_words_is_more_about_it():
    kb = knowledge_base()
    assert asks_more_about(kb, kb.topics["two_diseases"], "那能报销几成啊")  # the answer gives its rate
    assert asks_more_about(kb, kb.topics["serious_illness"], "门槛费是多少")  # ... and its 起付线
    assert asks_more_about(kb, kb.topics["two_diseases"], "是不是要先花够钱才开始报")  # 不设起付线, in other words
    assert asks_more_about(kb, kb.topics["serious_illness"], "能报多少呢")  # no benefit counted: its rates
    assert asks_more_about(kb, kb.topics["offsite_filing"], "用手机弄行吗")  # it names the App
    # after a benefit's answer, what one gets is the caller's own share, which counting answers
    assert not asks_more_about(kb, kb.topics["outpatient_resident"], "能报多少呢")
    # the answer says nothing of it: not the same answer again
    assert not asks_more_about(kb, kb.topics["social_card_same_number"], "门槛费是多少")
    assert not asks_more_about(kb, kb.topics["e_voucher"], "得花够多少才开始报")
    assert not asks_more_about(kb, kb.topics["two_diseases"], "养老金报几成")  # a subject of its own


def test_a_disease_told_after_an_answer_for_any_disease_is_more_about_it_even_a_two_diseases_one():
    kb = knowledge_base()
    assert asks_more_about(kb, kb.topics["chronic_application"], "血糖高")
    assert asks_more_about(kb, kb.topics["cross_province_chronic"], "俺是高血压")
    assert not asks_more_about(kb, kb.topics["e_voucher"], "高血压")
    # whether it holds, assumed ("那糖尿病肯定算吧"), or a disease as a what-if after 两病, whose answer says it
    assert asks_more_about(kb, kb.topics["chronic_coverage"], "那冠心病肯定算吧")
    assert asks_more_about(kb, kb.topics["two_diseases"], "俺娘要是还有高血压呢")
    assert not asks_more_about(kb, kb.topics["inpatient_employee"], "要是三级医院呢")  # a what-if of a bill: counted


def test_whether_someone_else_may_do_it_is_not_doing_it_alone():
    assert cannot_do_it_alone("非得本人去吗 俺下不了床")
    assert cannot_do_it_alone("怎么找 俺不会用导航")
    assert not cannot_do_it_alone("非得本人去吗 要带户口本吗")  # a question of its own


def test_a_clause_ending_in_ne_asks_it_for_them_wherever_it_stands():
    assert asks_it_for("那在职的呢 俺闺女还上着班")
    assert not asks_it_for("职工 在职")


@pytest.mark.parametrize(
    "text, names_nothing",
    [("去哪问", True), ("每个月能给多少", True), ("咋申请啊", True), ("你多大了", False), ("来首歌听听", False),
     ("公积金咋申请", False)],
)
def test_a_short_question_naming_nothing_of_its_own(text, names_nothing):
    assert names_nothing_of_its_own(text) is names_nothing


def test_not_following_the_answer_and_saying_nothing_else():
    assert did_not_follow("没看明白 你说的")
    assert not did_not_follow("不明白为啥要备案")  # a question of its own
    assert not did_not_follow("明白了 谢谢")


def test_whether_it_holds_for_a_word_said_first_and_the_app_the_answer_names_are_more_about_it():
    kb = knowledge_base()
    assert asks_more_about(kb, kb.topics["chronic_application"], "糖尿病算不算")
    assert not asks_more_about(kb, kb.topics["e_voucher"], "糖尿病算不算")
    assert asks_more_about(kb, kb.topics["procurement_pharmacy"], "那个公众号叫啥名字")


def test_who_they_are_with_whether_it_still_holds_asks_it_for_them():
    assert asks_it_for_them("俺娘是居民 不是职工 这样也行吗")
    assert not asks_it_for_them("我是职工")  # told, not asked


@pytest.mark.parametrize(
    "last, text, expected",
    [
        # words the answer itself uses, with a question of what or whether
        ("medical_assistance", "三重保障是什么意思", True),
        ("manual_reimbursement", "网格员能帮我办是吧", True),
        ("offsite_filing", "异地就医备案小程序也能弄对吧", True),
        ("offsite_filing", "对吧", False),
        ("offsite_filing", "有效期内看几次病都行是不是", True),
        # a word the answer does not use, or another benefit
        ("offsite_filing", "要带户口本吗", False),
        ("e_voucher", "门诊能用吗", False),
        ("e_voucher", "户口本要带是吧", False),
        # a statement, asking nothing
        ("medical_assistance", "三重保障", False),
        # a figure of the answer said back in words ("八十" of 80%), a stay where it says what is done on admission
        ("inpatient_employee", "原来是八十对吧", True),
        ("inpatient_employee", "百分之九十是吧", True),
        ("inpatient_employee", "七十是吧", False),
        ("e_voucher", "住院的时候能用吗", True),
        # the answer's own city may be said ("滨州医保公众号"), another one asks of that city
        ("scope", "就是滨州医保那个公众号是吧", True),
        ("offsite_filing", "乌海那个国家异地就医备案小程序也能弄对吧", False),
    ],
)
def test_a_short_question_of_the_answers_own_words_is_about_it(last, text, expected):
    kb = knowledge_base()
    assert asks_of_its_own_words(kb.topics[last], text) is expected


def test_when_one_may_do_it_and_another_bank_are_what_the_answer_says():
    kb = knowledge_base()
    assert asks_more_about(kb, kb.topics["offsite_filing"], "节假日也能办不")
    assert asks_more_about(kb, kb.topics["social_card_same_number"], "农业银行呢 也能办吗")
    assert asks_of_its_own_words(kb.topics["social_card_same_number"], "农业银行呢 也能当场拿吗")
    assert asks_more_about(kb, kb.topics["serious_illness"], "起付是多少")
    assert not asks_more_about(kb, kb.topics["maternity_third_child"], "节假日也能办不")


def test_the_steps_and_why_ask_more_about_the_answer():
    assert asks_more_about_it("那具体怎么操作")
    assert asks_more_about_it("那咋整啊")
    assert asks_more_about_it("为什么不行啊")
    assert not asks_more_about_it("为什么养老金少了")


def test_more_diseases_are_diseases_for_an_answer_on_any_disease():
    kb = knowledge_base()
    assert asks_more_about(kb, kb.topics["cross_province_chronic"], "那肝硬化呢")
    assert asks_more_about(kb, kb.topics["chronic_application"], "那甲亢呢")


def test_having_no_phone_to_do_it_on_is_not_doing_it_alone():
    assert cannot_do_it_alone("俺没有智能手机")
    assert cannot_do_it_alone("我用的是老人机")
    assert not cannot_do_it_alone("我换了新手机")


def test_a_benefit_question_naming_no_scheme_stays_with_the_scheme_just_answered():
    kb = knowledge_base()
    assert of_the_scheme_just_answered(kb, "inpatient_resident", "inpatient_employee", "三级的报几成") == "inpatient_resident"
    assert of_the_scheme_just_answered(kb, "inpatient_resident", "inpatient_employee", "那职工报几成") == "inpatient_employee"
    assert of_the_scheme_just_answered(kb, "inpatient_resident", "offsite_filing", "三级的报几成") == "offsite_filing"


@pytest.mark.parametrize(
    "text, acknowledges",
    [("好好 好", True), ("行吧 俺记下了", True), ("嗯嗯 明白了", True), ("中中", True),
     ("好 那在哪办", False), ("行不行啊", False), ("你好", False), ("好的 谢谢", False),
     ("👍", True), ("👌 👌", True), ("😡", False), ("？？", False)],
)
def test_only_taking_it_in(text, acknowledges):
    assert only_acknowledges(text) is acknowledges


def test_what_a_changed_figure_became_and_what_comes_next_are_about_the_answer():
    kb = knowledge_base()
    assert asks_more_about(kb, kb.topics["large_medical_subsidy"], "增加到多少了")
    assert not asks_more_about(kb, kb.topics["e_voucher"], "增加到多少了")
    assert asks_more_about_it("那然后呢")
    assert asks_more_about_it("得带几样证件")


def test_not_able_to_do_it_oneself_may_be_said_beside_a_question_of_what_the_answer_says():
    kb = knowledge_base()
    assert asks_of_its_own_words(kb.topics["offsite_filing"], "我不太会用手机 打电话能办吗")
    assert not asks_of_its_own_words(kb.topics["maternity_third_child"], "我不太会用手机 打电话能办吗")


@pytest.mark.parametrize(
    "last, text, noted",
    [
        ("serious_illness", "百分之八十 行", True),
        ("manual_reimbursement", "十个工作日 好的", True),
        ("outpatient_employee", "嗯 四千五 记下了", True),
        # asked, or words the answer does not say, or nothing said back
        ("offsite_filing", "好 那异地备案怎么弄", False),
        ("inpatient_resident", "好 那居民呢", False),
        ("social_card_same_number", "那等卡期间 老卡还能用是吧 行", False),
        ("outpatient_employee", "好的 我记下了", False),
        ("serious_illness", "百分之八十", False),
    ],
)
def test_the_answers_words_said_back_and_taken_in(last, text, noted):
    kb = knowledge_base()
    assert says_back_what_it_heard(kb.topics[last], text) is noted


def test_how_many_days_and_being_busy_are_about_the_answer():
    kb = knowledge_base()
    assert asks_more_about(kb, kb.topics["manual_reimbursement"], "材料交上去多少天能办完")
    assert did_not_follow("说简单点 俺这排队呢")


def test_a_figure_of_the_answer_said_back_is_no_bill_unless_its_own_clause_pays_it():
    kb = knowledge_base()
    resident = kb.topics["outpatient_resident"]  # its cap is 400元

    def said_back(text):
        return says_back_a_figure(kb, resident, text, read_facts(text, datetime.date(2026, 12, 6)))

    assert said_back("400那么少啊 还有别的法子没")
    assert said_back("居民的 400？")
    assert not said_back("我看门诊花了400")
    assert not said_back("400 能报多少")


def test_rates_and_caps_of_the_answer_checked_are_no_bill_unless_a_bill_is_told():
    kb = knowledge_base()

    def said_back(topic, text):
        return says_back_a_figure(kb, kb.topics[topic], text, read_facts(text, datetime.date(2026, 12, 6)))

    assert said_back("inpatient_employee", "三级的是85%，二级的九成")
    assert said_back("outpatient_employee", "退休的一年最多报5500对吗")
    # the figure of a topic the message names ("大额补助") counts too
    assert said_back("inpatient_employee", "那个大额补助一年最多给到八十万是吗")
    assert not said_back("inpatient_employee", "三级的是85% 我住院花了两万")  # a bill told beside
    assert not said_back("inpatient_employee", "二级医院是百分之七十")  # no rate of the answer
    assert not said_back("outpatient_employee", "门诊花了4500对吧")  # a bill said back
    # a bare number the answer gives as a rate is that rate, not a bill; a sum of money is a bill
    assert said_back("inpatient_employee", "退了休最多能给到九十五 是不")
    assert not said_back("inpatient_employee", "住院花了九十五块 是不")


def test_a_figure_said_back_with_ba_asks_about_the_answer():
    assert asks_about_something("一个病一年限额是两千五吧")
    assert asks_about_something("报七成吧")
    assert not asks_about_something("二级吧")  # a level told unsure
    assert not asks_about_something("那好吧")


def test_a_limit_of_the_disease_benefit_asked_back_with_the_diseases_is_no_bill():
    kb = knowledge_base()

    def said_back(topic, text):
        return says_back_a_figure(kb, kb.topics[topic], text, read_facts(text, datetime.date(2026, 12, 6)))

    assert said_back("two_diseases", "俩病都得了 到底是六百 还是三百和四百加起来？")
    assert not said_back("two_diseases", "俺有糖尿病 买药花了300")
    # another benefit's answer is not about the disease: a disease with a figure is counted there
    assert not said_back("outpatient_resident", "糖尿病 400？")


@pytest.mark.parametrize(
    ("text", "asks"),
    [("这些是哪个文件规定的 什么时候的", True), ("你们说的有啥依据没有", True), ("现在还有效吗 那是老黄历了吧", True),
     ("那啥时候开始办的", False), ("依据是啥 我住院花了三万", False), ("乌海那边有依据吗", False)],
)
def test_where_the_answer_comes_from_asked_right_after_it(text, asks):
    assert asks_its_source(text, read_facts(text, datetime.date(2026, 12, 6))) is asks


@pytest.mark.parametrize(("text", "asks"), [("麻烦再讲一遍", True), ("没看清 再发一次", True), ("居民的再说一遍", False)])
def test_asking_to_hear_the_answer_again(text, asks):
    assert asks_to_repeat(text) is asks


@pytest.mark.parametrize("text, topic", [("俺是居民 高血压 这个给报几成", "chronic_coverage"), ("一年顶多给报多少", "chronic_coverage"),
                                         ("花了两千 能报多少", None), ("在哪个窗口办", None)])
def test_how_much_right_after_how_to_apply_is_what_that_care_pays(text, topic):
    assert topic_for_the_next_message(knowledge_base(), "chronic_application", text) == topic



@pytest.mark.parametrize(
    ("topic", "text", "gives_it"),
    [
        ("offsite_filing", "到外地头一笔得自付几成", True),  # its sentence says it (几成: a rate)
        ("offsite_filing", "外地医院住院能报多少", True),  # a stay there, whose first self-paid share it says
        ("offsite_filing", "我是职工 外地医院住院能报多少", False),  # whose insurance told: counted
        ("family_mutual_aid", "那亲情账户能给我妈用吗", False),  # another topic named: that topic's
        ("inpatient_resident", "先自付多少", False),  # how much, after a benefit's answer: counted
        ("medical_assistance", "出院那会儿就能当场结了不", True),  # no figure asked, after a benefit's answer
        ("offsite_filing", "住院花了三万 先自付多少", False),  # a bill told: counted
    ],
)
def test_a_question_one_sentence_of_an_answer_counting_no_bill_answers(topic, text, gives_it):
    kb = knowledge_base()
    assert its_sentence_answers(kb, kb.topics[topic], text, read_facts(text, datetime.date(2026, 12, 7))) is gives_it

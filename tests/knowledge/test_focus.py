"""The sentence of an answer that answers a narrow follow-up (knowledge/faq/focus.py)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.faq.answer import answering
from knowledge.faq.focus import ABOUT_THE_ANSWER, NOTHING_ELSE_ANSWERS, answering_sentence, figure_not_given
from knowledge.faq.model import knowledge_base

# written for these tests: the shape of a topic's answer, not any topic's words
ANSWER = """某某业务线上线下都能办：
1. 线上：某某App、某某小程序。
2. 线下：到经办服务大厅。
办好以后有效期内买药不限次数。
办好以后在外地先自付8%，其余按规定报销。
材料清单报道没有列出，请咨询经办窗口。
来源：《某报道》（日期未注明）"""


def test_the_sentence_that_shares_the_question_s_rare_words_is_taken():
    assert answering_sentence(ANSWER, "那买药有次数限制不", ABOUT_THE_ANSWER) == "办好以后有效期内买药不限次数。"


def test_a_spoken_percent_matches_the_written_one():
    said = answering_sentence(ANSWER, "外地先自付百分之八对吧", ABOUT_THE_ANSWER)
    assert said == "办好以后在外地先自付8%，其余按规定报销。"


def test_a_sentence_introducing_a_list_keeps_the_list_and_list_marks_go():
    said = answering_sentence(ANSWER, "线上线下都能办是吧", ABOUT_THE_ANSWER)
    assert said == "某某业务线上线下都能办：\n1. 线上：某某App、某某小程序。\n2. 线下：到经办服务大厅。"
    assert answering_sentence(ANSWER, "大厅能办吗", ABOUT_THE_ANSWER) == "线下：到经办服务大厅。"


@pytest.mark.parametrize(
    ("answer", "question", "sentence"),
    [
        # a sentence of a short list item brings its whole item (the bank is in its first sentence)
        ("换卡有两种办法：\n1. 即时换：只有甲银行能即时制卡。带证件去，十分钟拿到新卡。\n2. 普通换：到网点申请；制好后电话通知领卡。",
         "哪个银行十分钟就能拿卡", "即时换：只有甲银行能即时制卡。带证件去，十分钟拿到新卡。"),
        # which ones is no figure asked
        ("线上买药有两种：\n1. 手机下单：247家药店上线。\n2. 网上问诊：甲医院和乙医院线上开处方。",
         "哪几家医院能开", "网上问诊：甲医院和乙医院线上开处方。"),
    ],
)
def test_the_answering_item(answer, question, sentence):
    assert answering_sentence(answer, question, ABOUT_THE_ANSWER) == sentence


def test_what_no_sentence_clearly_answers_is_none():
    assert answering_sentence(ANSWER, "那要多少钱", ABOUT_THE_ANSWER) is None  # no sentence says it
    assert answering_sentence(ANSWER, "办好以后呢", ABOUT_THE_ANSWER) is None  # two sentences alike
    assert answering_sentence(ANSWER, "股票买哪只", ABOUT_THE_ANSWER) is None
    assert answering_sentence("只有一句话。", "一句话吗", ABOUT_THE_ANSWER) is None


def test_a_figure_asked_needs_a_figure_in_its_unit_or_that_none_is_published():
    answer = "服务站覆盖26家医院、90处乡镇。\n每个站都能帮办代办。\n站点地址在公众号查。"
    # the sentence shares 医院 but gives no count of 项
    assert answering_sentence(answer, "医院能办几项", ABOUT_THE_ANSWER) is None
    assert answering_sentence(answer, "覆盖多少家医院", ABOUT_THE_ANSWER) == "服务站覆盖26家医院、90处乡镇。"
    assert answering_sentence(answer, "站点地址有多少个", ABOUT_THE_ANSWER) is None  # no figure at all
    answer = "退休人员改按定额划入。\n每月定额是多少，文章没有写，请问经办窗口。\n在职职工按比例划入。"
    assert answering_sentence(answer, "定额每月多少钱", ABOUT_THE_ANSWER).startswith("每月定额是多少，文章没有写")


def test_a_question_of_when_where_or_before_needs_a_sentence_saying_it():
    answer = "起付线由2万元降至1.5万元。\n办理方式有电话办、自助办。\n所有病种都能即时办理。"
    assert answering_sentence(answer, "啥时候降到一万五的", ABOUT_THE_ANSWER) is None  # no date
    assert answering_sentence(answer, "自助办的机子在哪", ABOUT_THE_ANSWER) is None  # no place
    assert answering_sentence(answer, "起付线原来是多少", ABOUT_THE_ANSWER) == "起付线由2万元降至1.5万元。"
    dated = "2022年6月起，起付线由2万元降至1.5万元。\n办理方式有电话办、自助办。\n所有病种都能即时办理。"
    assert answering_sentence(dated, "啥时候降到一万五的", ABOUT_THE_ANSWER).startswith("2022年6月起")


def test_a_sentence_saying_what_is_not_published_on_the_same_comes_with_the_answer():
    answer = "办法有三种：\n1. 在医院办；\n2. 打电话办；\n3. 自助办。\n具体的电话号码报道没有写明，请咨询经办窗口。"
    said = answering_sentence(answer, "能打电话办不", ABOUT_THE_ANSWER)
    assert said == "打电话办。\n具体的电话号码报道没有写明，请咨询经办窗口。"


def test_a_city_named_is_no_word_of_the_question():
    answer = "可以给家人交居民医保。\n也可以买滨州医惠保。\n要在掌上办平台绑定。"
    assert answering_sentence(answer, "滨州呢", ABOUT_THE_ANSWER) is None
    assert answering_sentence(answer, "能买医惠保吗", ABOUT_THE_ANSWER) == "也可以买滨州医惠保。"


def test_the_real_offsite_answer_says_how_often_one_may_be_treated():
    chat = knowledge_base().topics["offsite_filing"].chat
    assert answering_sentence(chat, "能看几次病", ABOUT_THE_ANSWER) == "备案有效期内看病不再限制次数。"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(knowledge_base().topics)), st.text(alphabet="那能看几次病价格一样办哪里多少钱是吧材料电话", max_size=12))
def test_what_is_taken_is_the_answer_s_own_words_and_the_stricter_takes_no_other(topic_id, question):
    chat = knowledge_base().topics[topic_id].chat
    said = answering_sentence(chat, question, ABOUT_THE_ANSWER)
    if said is not None:
        first = said.splitlines()[0].rstrip("。")
        assert first and first in chat
    strict = answering_sentence(chat, question, NOTHING_ELSE_ANSWERS)
    assert strict is None or strict == said


# written for these tests: an answer shaped as topics answer (a heading per item), with none of their words
HEADED = """某某补贴，就是把单位的补贴转给家里人花。
1. 给谁用：范围包括配偶、父母、子女，都要在本省参保。
2. 付什么：配偶、父母、子女交的保费；看病的自付部分。
3. 去哪申请：到社区服务站，或在某某App上申请。
费用先扣3%（原来扣8%），其余照付。"""


def test_a_question_of_where_with_one_word_of_its_own_takes_the_item_saying_where():
    assert answering_sentence(HEADED, "在哪申请", ABOUT_THE_ANSWER) == "去哪申请：到社区服务站，或在某某App上申请。"


def test_which_ones_are_answered_by_the_sentence_listing_them_and_pointing_back_is_no_word_asked():
    answer = "只限三种病：\n1. 病种：甲病、乙病、丙病这3种。\n2. 要登记：先有其中一种的登记。\n3. 去窗口办。"
    assert answering_sentence(answer, "你刚才说的3种病 都是哪些", NOTHING_ELSE_ANSWERS) == "病种：甲病、乙病、丙病这3种。"


def test_a_question_of_only_what_it_was_before_takes_the_one_sentence_saying_it():
    assert answering_sentence(HEADED, "原先呢", ABOUT_THE_ANSWER) == "费用先扣3%（原来扣8%），其余照付。"
    assert answering_sentence(HEADED, "先扣几成", ABOUT_THE_ANSWER) == "费用先扣3%（原来扣8%），其余照付。"  # 几成: a rate


def test_a_closer_sentence_not_saying_what_kind_is_asked_leaves_the_question_unanswered():
    answer = "登记以后买药不限次数。\n登记能管多长、要交啥材料，以窗口的提示为准。\n去窗口办。"
    assert answering_sentence(answer, "登记能管多长", ABOUT_THE_ANSWER) is None


def test_how_long_is_answered_by_a_sentence_saying_a_time_even_with_no_digit():
    answer = "某某认定：\n1. 到医院窗口认定，出院就办，次日就能用上。\n2. 认定标准全市统一。\n3. 有问题问服务站。"
    assert answering_sentence(answer, "得等多久才能用上", ABOUT_THE_ANSWER) == "到医院窗口认定，出院就办，次日就能用上。"
    # a figure with no time is no answer to how long ("10项" is not how long it takes)
    assert answering_sentence("某某认定有10项标准。\n认定在窗口办。\n问题问服务站。", "认定要多长时间", ABOUT_THE_ANSWER) is None


CAP = "某某补贴：\n1. 不设门槛。\n2. 每年限额500元。\n3. 比例50%。"
LEVELS = "某某门诊：\n1. 在一级、二级、三级医院分别报80%、70%、60%。\n2. 一年限额1000元。\n3. 在窗口办。"
CARD = "某某卡两种办法：\n1. 快办：带身份证和旧卡到甲银行，十分钟拿卡。\n2. 慢办：到乙银行申请，等两周。\n领卡时带身份证。\n旧卡在新卡启用前照常用。"
FILING = "某某登记：\n1. 线上全年、全天都能登记。\n2. 登记后在外地先自付5%，其余照报。\n3. 登记后不限次数。"
COUNTS = "某某待遇：\n1. 甲类纳入56种病，报70%。\n2. 乙类纳入43种病，报60%。\n具体哪些病种，文章没有列出。"
KIDS = "办法有两种：\n孩子可以同时被爸爸和妈妈加上。\n子女满十八岁要自己办。"
TIERS = "某某补贴：\n1. 不设门槛。\n2. 年度限额分100元、200元两档。\n3. 两档限额各对应哪种人，文章没有写。"
BEFORE = "某某待遇：\n1. 比例70%（原来60%）。\n2. 限额900元（原来700元）。\n3. 在窗口办。\n门槛是多少，文章没有写。"


@pytest.mark.parametrize(
    ("answer", "question", "sentence"),
    [
        # a relative read as the answer names them, and whom it is for is the item saying so; the answer's own
        # word is kept ("孩子" is no 子女 where the answer says 孩子)
        (HEADED, "俺老伴能用不", "给谁用：范围包括配偶、父母、子女，都要在本省参保。"),
        (KIDS, "孩子能被两个人加吗", "孩子可以同时被爸爸和妈妈加上。"),
        # a sentence saying what is not published comes beside the answer and is no rival to it, however close
        # ("两档限额各对应哪种人" shares 限额)
        (TIERS, "一年限额多少", "年度限额分100元、200元两档。\n两档限额各对应哪种人，文章没有写。"),
        # caps, levels, online, all day and paying oneself in the caller's words, read as the answers say them
        (CAP, "一年封顶多少", "每年限额500元。"),
        (CAP, "一年最多报多少", "每年限额500元。"),
        (LEVELS, "在乡镇卫生院看报几成", "在一级、二级、三级医院分别报80%、70%、60%。"),
        (FILING, "网上半夜能弄不", "线上全年、全天都能登记。"),
        (FILING, "外地头一笔自个儿掏几成", "登记后在外地先自付5%，其余照报。"),
        # a count said in words, as the answer writes it; which ones are not listed: said beside
        (COUNTS, "你说的那个五十六种病都是啥", "甲类纳入56种病，报70%。\n具体哪些病种，文章没有列出。"),
        # what to bring, or what it was before, asked alone: each sentence saying it, in the answer's order
        (CARD, "得带啥", "快办：带身份证和旧卡到甲银行，十分钟拿卡。\n领卡时带身份证。"),
        (BEFORE, "那以前呢", "比例70%（原来60%）。\n限额900元（原来700元）。"),
    ],
)
def test_a_question_in_the_caller_s_words_takes_the_sentences_saying_it(answer, question, sentence):
    assert answering_sentence(answer, question, ABOUT_THE_ANSWER) == sentence


def test_a_figure_asked_in_a_unit_the_sentence_gives_counts_as_a_word_found():
    answer = "服务站能办20项业务。\n站点在乡镇。\n有问题打电话。"
    assert answering_sentence(answer, "有几项啊", ABOUT_THE_ANSWER) == "服务站能办20项业务。"
    assert answering_sentence(answer, "有几个啊", ABOUT_THE_ANSWER) is None  # 个 is not what it counts


def test_a_relative_or_in_law_asked_about_alone_takes_the_sentence_saying_whom_it_is_for():
    whom = "给谁用：范围包括配偶、父母、子女，都要在本省参保。"
    assert answering_sentence(HEADED, "那我弟弟能用不", ABOUT_THE_ANSWER) == whom  # not among them: the list says so
    assert answering_sentence(HEADED, "俺丈母娘呢", ABOUT_THE_ANSWER) == whom
    assert answering_sentence(HEADED, "俺儿媳妇能用不", ABOUT_THE_ANSWER) == whom  # no 儿 + 媳妇 (配偶)


def test_a_relative_asked_about_with_what_is_done_for_them_takes_whom_and_what():
    whom = "给谁用：范围包括配偶、父母、子女，都要在本省参保。"
    what = "付什么：配偶、父母、子女交的保费；看病的自付部分。"
    assert answering_sentence(HEADED, "我老伴的保费能从这里出不", ABOUT_THE_ANSWER) == f"{whom}\n{what}"
    # nothing the answer says but whom: that sentence alone
    assert answering_sentence(HEADED, "俺闺女能花这个钱不", ABOUT_THE_ANSWER) == whom


def test_the_caller_s_words_for_the_old_card_and_still_working_are_the_answer_s():
    answer = "新卡办法：\n1. 到甲银行申请，等两周。\n2. 领新卡时交回原卡。\n新卡启用前，原卡照常使用。"
    assert answering_sentence(answer, "等新卡这段时间老卡还好使不", ABOUT_THE_ANSWER) == "新卡启用前，原卡照常使用。"


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("一年封顶是八百是吧", "800"),  # CAP gives 500
        ("限额是不是六百块", "600"),
        ("比例百分之四十对不对", "40%"),
        ("一年五百对吧", None),  # what the answer says
        ("每年限额500元吗", None),
        ("要是花了八百的话比例是不是50%", None),  # 800 is no figure checked
        ("二〇二三年起的是吧", None),  # a year in words is no figure said back
        ("一年封顶八百多是吧", None),  # nor a rough one
        ("一年封顶八百吧", "800"),
    ],
)
def test_a_figure_said_back_to_check_it_that_the_answer_gives_nowhere(question, figure):
    assert figure_not_given(CAP, question) == figure


def test_a_kind_asked_with_only_how_one_goes_about_it_takes_the_sentences_of_its_kind():
    # "在哪儿" is "在哪" as the answer's heading says it; "办" says how, not what about
    headed = "某某登记：\n1. 给谁办：本人和配偶。\n2. 去哪办：到社区服务站，或在某某App上办。\n3. 办好次日生效。"
    assert answering_sentence(headed, "那在哪儿办啊", ABOUT_THE_ANSWER) == "去哪办：到社区服务站，或在某某App上办。"
    assert answering_sentence(CARD, "要带啥东西去", ABOUT_THE_ANSWER) == "快办：带身份证和旧卡到甲银行，十分钟拿卡。\n领卡时带身份证。"


def test_the_one_sentence_of_the_kind_asked_answers_when_the_rest_is_no_word_of_the_answer():
    answer = "报销单据交到服务站。\n也可以请网格员代交。\n承诺15个工作日内办完。"
    assert answering_sentence(answer, "多长时间给钱", ABOUT_THE_ANSWER) == "承诺15个工作日内办完。"
    # two sentences of the kind: the rest of the question does not tell which
    two = "报销单据交到服务站，当天受理。\n承诺15个工作日内办完。"
    assert answering_sentence(two, "多长时间给钱", ABOUT_THE_ANSWER) is None


def test_two_sentences_each_saying_a_part_of_what_is_asked_are_both_taken():
    answer = "换证有两种办法：\n1. 快办：只有甲银行能即时办。带证件去，半小时拿到新证。\n2. 慢办：在乙银行、丙银行、丁银行办理，要等候。\n换证后水电缴费自动转过去，不用重新绑定。"
    said = answering_sentence(answer, "听人说丙银行也半小时吗", ABOUT_THE_ANSWER)
    assert said == "快办：只有甲银行能即时办。带证件去，半小时拿到新证。\n慢办：在乙银行、丙银行、丁银行办理，要等候。"
    # alike sentences, each saying the same part: neither
    assert answering_sentence(ANSWER, "办好以后呢", ABOUT_THE_ANSWER) is None


REGISTER = "某某登记：\n1. 在某某App里添加家人。\n2. 到服务站也能办，当天办好。\n3. 次日就能开始享受。"
SETTLED = "某某救助：\n1. 在市内看病，出院时一次结算，不用另外跑。\n2. 综合比例在85%以上。\n3. 条件请问服务站。"
CLAIM = "某某报销：\n1. 到服务站交单据。\n2. 也可以请村医帮办代办。\n3. 十个工作日内办完。"


@pytest.mark.parametrize(
    ("answer", "question", "sentence"),
    [
        (REGISTER, "用哪个app弄", "在某某App里添加家人。"),  # Latin letters in the answer's case
        # "好几天" tells a rough count, asks none: the sentence saying how long, though it has no digit
        (REGISTER, "是不是得等好几天", "到服务站也能办，当天办好。"),
        (REGISTER, "啥时候能开始报", "次日就能开始享受。"),  # 开始报: 享受
        (SETTLED, "那得俺先垫付吗", "在市内看病，出院时一次结算，不用另外跑。"),  # paying first: 结算
        (SETTLED, "能当场减不 还是得回头申请", "在市内看病，出院时一次结算，不用另外跑。"),
        (CLAIM, "那谁能替俺办", "也可以请村医帮办代办。"),  # 替俺办: 代办
    ],
)
def test_more_of_the_caller_s_words_take_the_sentence_saying_it(answer, question, sentence):
    assert answering_sentence(answer, question, ABOUT_THE_ANSWER) == sentence


def test_the_one_sentence_with_every_word_asked_answers_however_close_another_comes():
    # the answer opens with what it is about (亲情账户是……App里的功能), as close as the item saying where to add it
    said = answering(knowledge_base(), "kinship_account", None, "那亲情账户是在哪个App里加")
    assert said is not None and said.startswith("在国家医保服务平台App里添加家庭成员的亲情账户")


def test_a_question_read_as_a_retiree_s_gets_the_retirees_sentence_beside_the_working_people_s():
    answer = "某某门诊待遇：\n1. 在职职工：甲乙丙三类机构分别报70%、60%、50%。\n2. 退休人员：各高5%。\n起付标准没有公布。"
    said = answering_sentence(answer, "退休 去丙类机构看门诊能报几成", ABOUT_THE_ANSWER)
    assert said == "在职职工：甲乙丙三类机构分别报70%、60%、50%。\n退休人员：各高5%。"
    # asked for the working people, or with no one told, their sentence alone
    assert answering_sentence(answer, "去丙类机构看门诊能报几成", ABOUT_THE_ANSWER) == "在职职工：甲乙丙三类机构分别报70%、60%、50%。"

"""Speech rendering for TTS."""
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from actions.faq import PERSON_BUTTON
from knowledge.cost.engine import estimate
from knowledge.cost.render import SPOKEN_DETAILS_OFFER, render_each_speech
from knowledge.cost.request import EstimateInput
from server.bot_turn import Button, Reply
from server.speech import MIN_REST, SUMMARY_LIMIT, render_speech, speakable
from server.texts import load_texts

TEXTS = load_texts()
# what must never reach TTS: markup, brackets, links, symbols, emoji
UNSPEAKABLE = re.compile(
    r"[*#_`|\\^<>\[\]{}()（）【】《》「」/%％~～\-+=@&\"“”]|https?|www\.|\.cn|\.com"
    "|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]"
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("职工住院报销比例为90%。", "职工住院报销比例为百分之九十。"),
        ("一级、二级、三级医院分别为80/75/65%。", "一级、二级、三级医院分别为百分之八十、百分之七十五、百分之六十五。"),
        ("报销比例85%-90%。", "报销比例百分之八十五至百分之九十。"),
        ("年度限额2780元。", "年度限额两千七百八十元。"),
        ("封顶线4,500元", "封顶线四千五百元。"),
        ("补助最高80万元。", "补助最高八十万元。"),
        ("起付线1.5万元。", "起付线一万五千元。"),
        ("约需2-3个工作日。", "约需2至3个工作日。"),
        ("**重点**：带上`社保卡`。", "重点：带上社保卡。"),
        ("详见[滨州医保](https://ybj.binzhou.gov.cn/x)公众号。", "详见滨州医保公众号。"),
        ("办理指南详见 https://example.gov.cn/guide?id=1 。", "办理指南。"),
        ("可在医保服务站（村卫生室）办理。", "可在医保服务站，村卫生室办理。"),
        ("需在山东参保（配偶、父母）。", "需在山东参保，配偶、父母。"),
        ("请关注《滨州医保》公众号👍✅", "请关注滨州医保公众号。"),
        ("- 第一步：登录\n- 第二步：申请", "第一步：登录。第二步：申请。"),
        ("1. 带身份证\n2. 带旧卡", "带身份证。带旧卡。"),
        ("咨询电话0543-3163123。", "咨询电话0543，3163123。"),
        ("7×24小时服务", "7乘24小时服务。"),
        # quoted examples in a row are a spoken list, not one run-on phrase
        ("比如“换成二级医院”“花了三万呢”。", "比如换成二级医院、花了三万呢。"),
        ("可以说“转人工”。", "可以说转人工。"),
    ],
)
def test_text_becomes_speakable(text, expected):
    assert speakable(text) == expected


def test_buttons_become_spoken_choices():
    replies = [Reply("请问您是哪类参保人员？", (Button("职工", "/a"), Button("居民", "/b")))]
    assert render_speech(replies, TEXTS).speech == "请问您是哪类参保人员？您可以说：职工，或者居民。"


def test_three_choices_are_listed_naturally():
    buttons = (Button("一级医院", "/1"), Button("二级医院", "/2"), Button("三级（三甲）医院", "/3"))
    speech = render_speech([Reply("在哪级医院？", buttons)], TEXTS).speech
    assert speech == "在哪级医院？您可以说：一级医院、二级医院，或者三级，三甲医院。"


def test_a_choice_drops_an_aside_the_question_already_says():
    buttons = (Button("一级（卫生院、社区）", "一级"), Button("二级", "二级"), Button("三级（三甲）", "三级"))
    question = "在几级医院看的？乡镇卫生院、社区卫生服务中心一般是一级；三甲医院是三级。"
    speech = render_speech([Reply(question, buttons)], TEXTS).speech
    assert speech.endswith("您可以说：一级、二级，或者三级。")
    # an aside the question does not say is what the choice means: kept
    care = render_speech([Reply("这次是住院，还是看门诊？", (Button("两病（高血压、糖尿病）用药", "两病"),))], TEXTS)
    assert "高血压、糖尿病" in care.speech


def test_a_single_choice():
    assert render_speech([Reply("", (Button("转人工", "/human"),))], TEXTS).speech == "您可以说：转人工。"


def test_the_spoken_out_of_knowledge_answer_offers_a_person_once():
    domain = yaml.safe_load((Path(__file__).parents[2] / "bot/domain/core.yml").read_text(encoding="utf-8"))
    person = Button(PERSON_BUTTON["title"], PERSON_BUTTON["payload"])
    for variant in domain["responses"]["utter_out_of_knowledge_spoken"]:
        speech = render_speech([Reply(variant["text"], (person,))], TEXTS).speech
        assert speech.count("转人工") == 1 and speech.endswith("您可以说：转人工。")


def test_short_answers_are_spoken_whole():
    answer = render_speech([Reply("第一句。"), Reply("第二句！")], TEXTS)
    assert answer.speech == "第一句。第二句！" and answer.rest is None


def test_long_answers_are_cut_at_a_sentence_with_an_offer_of_details():
    sentences = [f"这是第{n}句关于异地就医备案渠道和所需材料的说明，请您留意。" for n in range(1, 9)]
    answer = render_speech([Reply("".join(sentences), (Button("职工", "/a"), Button("居民", "/b")))], TEXTS)
    summary, offer_and_choices = answer.speech.split("需要详细说明的话")
    assert summary.endswith("。") and len(summary) <= SUMMARY_LIMIT
    assert summary == "".join(sentences[: len(summary) // len(sentences[0])])
    assert offer_and_choices == "，请说：详细。您可以说：职工，或者居民。"
    assert answer.rest == "".join(sentences)[len(summary):] + "您可以说：职工，或者居民。"


def test_a_short_rest_is_spoken_with_the_summary_not_offered_as_details():
    sentences = [f"这是第{n}句关于异地就医备案渠道和所需材料的说明。" for n in range(1, 6)]
    body = "".join(sentences) + "需要明细请说详细。"  # just over the limit: the rest would be one short sentence
    assert SUMMARY_LIMIT < len(body) and len(body) - len("".join(sentences[:4])) < MIN_REST
    answer = render_speech([Reply(body)], TEXTS)
    assert answer.speech == body and answer.rest is None


def test_the_bots_own_offer_of_its_details_counts_for_no_rest():
    estimate_said = "按居民医保、二级医院、住院、总费用一万两千元估算，您个人大约需要支付三千三百七十五元。" * 2
    caveat = "居民大病保险没算在内，个人负担高的话可能还会再报一些。"  # shorter than a rest worth asking for
    body = estimate_said + caveat + SPOKEN_DETAILS_OFFER
    assert len(caveat) < MIN_REST <= len(caveat + SPOKEN_DETAILS_OFFER) and SUMMARY_LIMIT < len(body)
    answer = render_speech([Reply(body)], TEXTS)
    assert answer.speech == body and answer.rest is None  # 详细 next gets the breakdown, not the caveat
    longer = render_speech([Reply(estimate_said + caveat * 3 + SPOKEN_DETAILS_OFFER)], TEXTS)
    assert longer.rest is not None


def test_one_very_long_sentence_is_cut_at_a_comma():
    text = "，".join(["参保人员在定点医药机构发生的政策范围内费用"] * 12) + "。"
    answer = render_speech([Reply(text)], TEXTS)
    summary = answer.speech.split("需要详细说明的话")[0]
    assert len(summary) <= SUMMARY_LIMIT + 1 and summary.endswith("费用。")
    assert answer.rest and answer.rest.startswith("参保人员")


@pytest.mark.parametrize(
    "text",
    [
        "## 家庭共济\n**可以**绑定配偶、父母、子女（需在山东参保）。详情见 http://hsa.gov.cn 😀\n- 费用：90%\n- 上限：5,500元",
        "【提示】请携带身份证/社保卡~ 到窗口办理 <b>注意</b> 报销比例80%～90% ☎️ [链接](www.example.com)",
    ],
)
def test_nothing_unspeakable_is_left(text):
    speech = render_speech([Reply(text, (Button("[职工]", "/a"), Button("居民🙂", "/b")))], TEXTS).speech
    assert not UNSPEAKABLE.search(speech), speech
    assert "您可以说：职工，或者居民。" in speech


@pytest.mark.parametrize("scheme, status", [("居民", None), ("职工", "退休"), ("职工", "在职")])
def test_the_estimates_per_level_keep_their_assumed_figures_and_the_level_prompt_in_what_is_heard(scheme, status):
    levels = [estimate(EstimateInput(scheme=scheme, status=status, care="住院", level=n, total=Decimal(5000)))
              for n in (1, 2, 3)]
    heard = render_speech([Reply(render_each_speech(levels))], TEXTS).speech.split("需要详细说明的话")[0]
    assert "是估算的" in heard and "起付线" in heard and "我再算" in heard

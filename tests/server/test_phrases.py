"""What the gateway recognises itself (server/data/requests.yml): asking for a person, not asking about one."""
import pytest

from server.phrases import load_phrases


@pytest.mark.parametrize("text", ["转人工", "说了半天也不对，我要人工！", "给我接人工吧", "能不能换人工"])
def test_asking_for_a_person_in_the_chat(text):
    assert load_phrases().asks_for_person(text, "webchat")


@pytest.mark.parametrize("channel", ["webchat", "hotline"])
@pytest.mark.parametrize("text", ["你给我找个真人来说", "俺不跟机器说话", "把你们领导叫来 叫你们领导来", "俺就要人工"])
def test_asking_for_a_real_person_or_a_superior_is_a_transfer(text, channel):
    assert load_phrases().asks_for_person(text, channel)


@pytest.mark.parametrize("channel", ["webchat", "hotline"])
@pytest.mark.parametrize("text", ["你讲的俺听不懂 能不能找个人工", "行 你把刚才的话转给人工吧", "帮我接人工",
                                  "算了 还是 给我 找个人吧", "给我找个懂行的人 接电话那种"])
def test_asking_to_be_put_through_to_a_person_is_a_transfer(text, channel):
    assert load_phrases().asks_for_person(text, channel)


@pytest.mark.parametrize("channel", ["webchat", "hotline"])
@pytest.mark.parametrize("text", ["喂 喂 人工", "人工 人工 人工", "说了也不懂 你让人来跟我说", "俺要投诉你们",
                                  "你还是叫个人来吧", "恁找个人来跟俺说说 中不"])
def test_a_caller_repeating_it_or_wanting_to_complain_is_put_through(text, channel):
    assert load_phrases().asks_for_person(text, channel)


@pytest.mark.parametrize("channel", ["webchat", "hotline"])
@pytest.mark.parametrize("text", ["行 那我留言", "没人的话 俺想留言", "给我留个言吧 让他们打过来"])
def test_asking_to_leave_a_message_goes_the_way_of_a_transfer(text, channel):
    assert load_phrases().asks_for_person(text, channel)


@pytest.mark.parametrize("text", ["留言以后多久回电话", "怎么留言"])
def test_asking_about_messages_is_a_question_for_the_bot(text):
    assert not load_phrases().asks_for_person(text, "webchat")


@pytest.mark.parametrize("text", ["你是真人吗", "领导说的政策是真的吗", "能不能把钱转个人账户上"])
def test_asking_whether_it_is_a_person_is_no_transfer(text):
    assert not load_phrases().asks_for_person(text, "webchat")


@pytest.mark.parametrize("text", ["人工客服几点上班", "怎么找人工客服", "人工关节能报销吗"])
def test_asking_about_people_is_a_question_for_the_bot(text):
    assert not load_phrases().asks_for_person(text, "webchat")


@pytest.mark.parametrize("channel", ["webchat", "hotline"])
@pytest.mark.parametrize("text", ["请问咋转人工呀", "转人工之后我还得从头讲吗", "人工服务晚上几点下班", "晚上转人工是不是没人接"])
def test_a_question_about_the_transfer_is_not_a_transfer(text, channel):
    assert not load_phrases().asks_for_person(text, channel)


@pytest.mark.parametrize("channel", ["webchat", "hotline"])
def test_a_polite_request_is_still_a_transfer(channel):
    assert load_phrases().asks_for_person("麻烦帮我转人工可以吗", channel)


@pytest.mark.parametrize("channel", ["webchat", "hotline"])
def test_the_word_alone_is_enough(channel):
    assert load_phrases().asks_for_person("人工，谢谢", channel)
    assert load_phrases().asks_for_person("嗯 人工", channel)
    assert not load_phrases().asks_for_person("人工关节", channel)


@pytest.mark.parametrize("text", ["详细", "好，详细", "嗯 详细说说", "那你再详细说一下吧", "行，说详细点", "具体讲讲 咋算出来的"])
def test_asking_for_the_rest_of_the_answer_in_the_forms_callers_use(text):
    assert load_phrases().asks_for_details(text)


@pytest.mark.parametrize("text", ["详细的报销比例是多少", "好的谢谢", "不用详细了", "大病保险是怎么算的"])
def test_other_messages_with_those_words_are_not_asking_for_the_rest(text):
    assert not load_phrases().asks_for_details(text)


@pytest.mark.parametrize("channel", ["webchat", "hotline"])
@pytest.mark.parametrize("text", ["人工🙏", "人工 pls!", "Can I talk to a human? 转个人", "I want a REAL person 🙏"])
def test_a_request_with_emoji_or_english_words_is_a_transfer(text, channel):
    assert load_phrases().asks_for_person(text, channel)


@pytest.mark.parametrize("text", ["human papillomavirus 疫苗能报吗", "人工 晶体 please 能报销吗"])
def test_english_words_alone_do_not_make_a_transfer(text):
    assert not load_phrases().asks_for_person(text, "webchat")


@pytest.mark.parametrize(
    "text", ["没听清", "那个 你说慢一点 没听清", "你再说一遍", "啥？", "麻烦重复一下", "刚才说的啥呀", "听不清楚", "你大声点说",
             "喂 你好 刚才那段我没听清 能再说一遍吗", "你说得太快了 俺耳朵背"]
)
def test_a_caller_who_did_not_catch_the_answer_asks_to_hear_it_again(text):
    assert load_phrases().asks_to_repeat(text)


@pytest.mark.parametrize("text", ["医生说的我没听清楚，住院报销比例到底是多少", "什么是家庭共济", "详细", "再见",
                                  "俺耳朵背 助听器能用医保买吗",
                                  # whose or which one named: the dialogue's to answer (an earlier estimate)
                                  "再说一遍 退了休的那个 掏多少", "你再讲一遍 二级医院那个"])
def test_a_question_that_mentions_not_hearing_is_not_a_request_to_repeat(text):
    assert not load_phrases().asks_to_repeat(text)

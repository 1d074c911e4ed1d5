"""What the gateway recognises itself (server/data/requests.yml): asking for a person, not asking about one."""
import pytest

from server.phrases import load_phrases


@pytest.mark.parametrize("text", ["转人工", "说了半天也不对，我要人工！", "给我接人工吧", "能不能换人工"])
def test_asking_for_a_person_in_the_chat(text):
    assert load_phrases().asks_for_person(text, "webchat")


@pytest.mark.parametrize("text", ["人工客服几点上班", "怎么找人工客服", "人工关节能报销吗"])
def test_asking_about_people_is_a_question_for_the_bot(text):
    assert not load_phrases().asks_for_person(text, "webchat")


def test_on_the_phone_the_word_alone_is_enough():
    assert load_phrases().asks_for_person("人工，谢谢", "hotline")
    assert not load_phrases().asks_for_person("人工", "webchat")

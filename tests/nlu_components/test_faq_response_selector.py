"""The FAQ topics are ranked only for messages DIET took for a 医保 question, or for small talk that asks one."""
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.training_data.message import Message

from nlu.faq_response_selector import FaqResponseSelector


def said(text, intent=None):
    data = {"text": text}
    if intent:
        data["intent"] = {"name": intent, "confidence": 0.9}
    return Message(data=data)


def test_only_faq_and_out_of_knowledge_messages_reach_the_selector(monkeypatch):
    ranked = []
    monkeypatch.setattr(ResponseSelector, "process", lambda self, messages: ranked.extend(m.get("text") for m in messages))
    messages = [said("门特怎么申请", "faq"), said("职工，在职", "inform"), said("断缴了怎么补", "out_of_knowledge"),
                said("谢谢啦", "thank"), said("嗯")]
    selector = FaqResponseSelector.__new__(FaqResponseSelector)  # process needs no trained state here
    assert selector.process(messages) is messages
    assert ranked == ["门特怎么申请", "断缴了怎么补"]


def test_small_talk_that_asks_a_medical_insurance_question_is_ranked_too(monkeypatch):
    ranked = []
    monkeypatch.setattr(ResponseSelector, "process", lambda self, messages: ranked.extend(m.get("text") for m in messages))
    messages = [said("我在村里 离县城远 必须跑医保局吗", "greet"), said("你好 能听见吗", "greet"),
                said("剩下那五千多有没有别的办法，我卡里没钱", "goodbye"), said("好的谢谢 再见", "goodbye")]
    FaqResponseSelector.__new__(FaqResponseSelector).process(messages)
    assert ranked == ["我在村里 离县城远 必须跑医保局吗", "剩下那五千多有没有别的办法，我卡里没钱"]

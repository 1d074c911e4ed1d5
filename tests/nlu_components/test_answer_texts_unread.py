"""The FAQ answer texts Rasa attaches to training examples are dropped before any tokenizer reads them;
the question, its intent and its topic key stay."""
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, RESPONSE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.answer_texts_unread import AnswerTextsUnread


def faq_data() -> TrainingData:
    return TrainingData(
        training_examples=[
            Message(data={TEXT: "门特怎么办", INTENT: "faq", INTENT_RESPONSE_KEY: "faq/chronic_application"}),
            Message(data={TEXT: "职工，在职", INTENT: "inform"}),
        ],
        responses={"utter_faq/chronic_application": [{"text": "门诊慢特病的申请：……"}]},
    )


def test_training_examples_lose_the_answer_text_and_keep_the_rest():
    data = faq_data()
    faq, inform = data.training_examples
    assert faq.get(RESPONSE) == "门诊慢特病的申请：……"  # Rasa attached it: the component has work to do

    out = AnswerTextsUnread().process_training_data(data)

    assert out is data
    assert faq.get(RESPONSE) is None
    assert (faq.get(TEXT), faq.get(INTENT), faq.get(INTENT_RESPONSE_KEY)) == ("门特怎么办", "faq", "faq/chronic_application")
    assert inform.data == {TEXT: "职工，在职", INTENT: "inform"}
    assert data.responses  # the answers the selector returns come from here, not from the examples


def test_a_message_at_run_time_passes_untouched():
    message = Message(data={TEXT: "家庭共济怎么办理"})
    assert AnswerTextsUnread().process([message]) == [message]
    assert message.data == {TEXT: "家庭共济怎么办理"}

"""DIET as an ensemble of seeds: members trained with their own seeds, saved inside the component's
resource, loaded back, their confidences averaged (nlu/seed_ensemble.py)."""
import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.models import RasaModel

from nlu.seed_ensemble import SCORES, EnsembleDIETClassifier

EXAMPLES = {
    "greet": ["hello there", "hi friend", "good morning", "hello hello", "hi there friend"],
    "bye": ["bye now", "see you later", "good night", "bye bye", "see you soon"],
    "ask": ["how much is it", "what does it cost", "how much do i pay", "what is the price", "cost of it"],
}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    context = ExecutionContext(GraphSchema({}), "test")
    data = TrainingData([Message(data={"text": t, "intent": i}) for i, texts in EXAMPLES.items() for t in texts])
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process_training_data(data)
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("words"), context
    )
    featurizer.train(data)
    featurizer.process_training_data(data)
    config = {**EnsembleDIETClassifier.get_default_config(), "epochs": 3, "ensemble_size": 3, "random_seed": 5}
    EnsembleDIETClassifier.create(config, storage, Resource("diet"), context).train(data)

    def featurized(text):
        message = Message(data={"text": text})
        tokenizer.process([message])
        featurizer.process([message])
        return message

    loaded = EnsembleDIETClassifier.load(config, storage, Resource("diet"), context)
    return loaded, featurized, storage


def test_the_members_are_saved_in_the_resource_and_loaded_with_their_own_seeds(trained):
    loaded, _, storage = trained
    with storage.read_from(Resource("diet")) as folder:
        assert sorted(p.name for p in folder.glob("member_*")) == ["member_1", "member_2"]
    assert [type(m) for m in loaded.members] == [DIETClassifier, DIETClassifier]
    assert [m.component_config["random_seed"] for m in loaded.members] == [6, 7]


def test_the_confidences_are_the_members_average(trained):
    loaded, featurized, _ = trained
    message = featurized("how much do i pay")
    alone = [DIETClassifier._predict(loaded, message)[SCORES]] + [m._predict(message)[SCORES] for m in loaded.members]
    assert not np.allclose(alone[0], alone[1])  # other seeds, other models
    assert np.allclose(loaded._predict(message)[SCORES], np.mean(alone, axis=0))
    loaded.process([message])
    ranking = {item["name"]: item["confidence"] for item in message.get("intent_ranking")}
    assert sum(ranking.values()) == pytest.approx(1.0, abs=1e-3)


def test_the_message_is_turned_into_model_data_once_for_all_members(trained, monkeypatch):
    loaded, featurized, _ = trained
    message = featurized("see you soon")
    expected = loaded._predict(message)[SCORES]
    built = []
    original = DIETClassifier._create_model_data

    def counting(self, *args, **kwargs):
        built.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DIETClassifier, "_create_model_data", counting)
    assert np.allclose(loaded._predict(message)[SCORES], expected)
    assert built == [loaded]


def test_one_tensorflow_call_runs_every_member(trained, monkeypatch):
    loaded, featurized, _ = trained
    message = featurized("hello there friend")
    expected = loaded._predict(message)[SCORES]
    single_calls = []
    monkeypatch.setattr(RasaModel, "_rasa_predict", lambda self, batch: single_calls.append(self))
    assert np.allclose(loaded._predict(message)[SCORES], expected)
    assert single_calls == []  # no member ran on its own

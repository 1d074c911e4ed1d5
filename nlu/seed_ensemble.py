"""DIET and the FAQ ResponseSelector as small ensembles: the same model trained with `ensemble_size`
random seeds (random_seed, random_seed + 1, …), its confidences averaged.

One training's figures depend on its seed about as much as on a round of new data: three seeds of the
same data gave the independent FAQ dev set's "right topic first" 91.0%, 93.2% and 91.6% (README,
"Measured figures"). The average of a few seeds' confidences is steadier, and the thresholds of
knowledge/faq/choice.py read steadier confidences.

The members are plain DIETClassifier / ResponseSelector models saved in sub-folders of this
component's own resource, so Rasa's model package and its training cache carry them with it.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf
from keras.utils import tf_utils
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.constants import DIAGNOSTIC_DATA
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import RANDOM_SEED
from rasa.utils.train_utils import create_data_generators

from nlu.sparse_batches import faster_sparse_batches

ENSEMBLE_SIZE = "ensemble_size"
SCORES = "i_scores"  # the label confidences of one message, as DIET and the ResponseSelector give them


class _Folder:
    """The part of ModelStorage a DIET model uses to save and load itself, kept in one folder."""

    def __init__(self, path: Path) -> None:
        self._path = path

    @contextmanager
    def write_to(self, resource: Resource) -> Iterator[Path]:
        self._path.mkdir(parents=True, exist_ok=True)
        yield self._path

    @contextmanager
    def read_from(self, resource: Resource) -> Iterator[Path]:
        if not self._path.is_dir():
            raise ValueError(f"no ensemble member in {self._path}")
        yield self._path


class SeedEnsemble:
    """Mixin for a DIETClassifier subclass whose single model is its first member; `member_class` is
    the class the other members are (their files are named after it)."""

    member_class: type[DIETClassifier]
    members: list[DIETClassifier]
    _joint_step: Any = None  # built on the first prediction (_all_members_step)

    @classmethod
    def get_default_config(cls) -> dict[str, Any]:
        return {**super().get_default_config(), ENSEMBLE_SIZE: 1}

    def _member_config(self, index: int) -> dict[str, Any]:
        config = dict(self.component_config)
        config[RANDOM_SEED] = int(config.get(RANDOM_SEED) or 0) + index
        return config

    @staticmethod
    def _member_folder(root: Path, index: int) -> _Folder:
        return _Folder(root / f"member_{index}")

    def train(self, training_data: TrainingData) -> Resource:
        with faster_sparse_batches():
            resource = super().train(training_data)
            self.members = []
            with self._model_storage.write_to(self._resource) as root:
                for index in range(1, int(self.component_config[ENSEMBLE_SIZE])):
                    member = self.member_class(
                        self._member_config(index),
                        self._member_folder(root, index),
                        self._resource,
                        self._execution_context,
                    )
                    member.train(training_data)
                    self.members.append(member)
        return resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Any:
        first = super().load(config, model_storage, resource, execution_context, **kwargs)
        first.members = []
        with model_storage.read_from(resource) as root:
            for index in range(1, int(first.component_config[ENSEMBLE_SIZE])):
                member = cls.member_class.load(
                    first._member_config(index),
                    cls._member_folder(root, index),
                    resource,
                    execution_context,
                )
                first.members.append(member)
        return first

    def _predict(self, message: Message) -> dict[str, Any] | None:
        members = getattr(self, "members", None)
        if not members or self.model is None:
            return super()._predict(message)
        # DIETClassifier._predict (RasaModel.run_inference, ._rasa_predict) for all members at once: the
        # message's model data built once, as they read the same features (building it per member was a
        # tenth of Rasa's CPU under load), and one TensorFlow call running every member's graph (the
        # Python-side dispatch of a call cost more than a small member's graph)
        model_data = self._create_model_data([message], training=False)
        if model_data.is_empty():
            return None
        data, _ = create_data_generators(model_data=model_data, batch_sizes=1, epochs=1, shuffle=False)
        batch = next(iter(data))[0]
        outs = tf_utils.sync_to_numpy_or_python_type(self._all_members_step(batch)(batch))
        first = outs[0]
        if DIAGNOSTIC_DATA in first:
            first[DIAGNOSTIC_DATA] = self.model._empty_lists_to_none_in_dict(first[DIAGNOSTIC_DATA])
        return {**first, SCORES: np.mean([out[SCORES] for out in outs], axis=0)}

    def _all_members_step(self, batch: Any) -> Any:
        """One TensorFlow function that runs every member's prediction graph; the members share the input
        signature, trained on the same features. Its concrete function, called directly: through the
        tf.function each call matched its inputs against the signature again (0.97 against 0.75 ms)."""
        step = self._joint_step
        if step is None:
            models = (self.model, *(member.model for member in self.members))
            for model in models:
                if not model.prepared_for_prediction:
                    model.prepare_for_predict()
                    model.prepared_for_prediction = True
            step = tf.function(
                lambda batch_in: tuple(model.predict_step(batch_in) for model in models),
                input_signature=self.model._dynamic_signature(batch),
            ).get_concrete_function()
            self._joint_step = step
        return step


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class EnsembleDIETClassifier(SeedEnsemble, DIETClassifier):
    member_class = DIETClassifier

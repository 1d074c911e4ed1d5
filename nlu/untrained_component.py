"""The part the NLU components that learn nothing share (TermNormalizer, AnswerTextsUnread): Rasa
creates them from no configuration and no stored state."""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


class UntrainedComponent(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UntrainedComponent:
        return cls()

"""The base of every request body: a JSON object of text a store can keep."""
from typing import Any

from pydantic import BaseModel, validator
from pydantic.errors import DictError, PydanticValueError


class LoneSurrogateError(PydanticValueError):
    code = "str.lone_surrogate"
    msg_template = "text holds a lone surrogate escape"


def _has_lone_surrogate(text: str) -> bool:
    # json.loads turns "\ud800" into a string no UTF-8 store or client can take; a pair ("\ud83d\ude00")
    # is already one character by then
    return any("\ud800" <= char <= "\udfff" for char in text)


class RequestBody(BaseModel):
    """Refuses, as a 4xx, what pydantic 1 would take and a turn would fail on half way (after Rasa saw the
    message, before the gateway stored it): a list of pairs for an object, a lone surrogate in a text."""

    @classmethod
    def validate(cls: Any, value: Any) -> Any:
        if not isinstance(value, (dict, cls)):
            raise DictError()
        return super().validate(value)

    @validator("*", pre=True)
    def no_lone_surrogate(cls, value: Any) -> Any:
        if isinstance(value, str) and _has_lone_surrogate(value):
            raise LoneSurrogateError()
        return value

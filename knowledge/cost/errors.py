"""Why an estimate cannot be given. Each error's `message` is the Chinese reply for the user."""
from __future__ import annotations


class EstimateError(Exception):
    """An estimate that cannot be given; `message` is the Chinese reply for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RegionNotSupported(EstimateError):
    """The region has no reimbursement parameters (e.g. 乌海市: FAQ content only)."""


class DateOutOfRange(EstimateError):
    """The date of care is before the first policy version."""


class InvalidAmount(EstimateError):
    """An amount is not a number, negative, or finer than a fen."""


class AmountTooLarge(EstimateError):
    """An amount is above MAX_AMOUNT: more likely a typo than a bill."""


class PolicyAboveTotal(EstimateError):
    """The policy-scope part is larger than the total."""


class MissingInput(EstimateError):
    """A required input is missing. `field` names it: the dialogue asks its own question for it
    (the Rasa domain's utter_ask_<field>); the message only names what is missing."""

    def __init__(self, field_name: str, name_zh: str) -> None:
        super().__init__(f"缺少{name_zh}，无法测算。")
        self.field = field_name


class InvalidInput(EstimateError):
    """A choice (scheme, care, level, date, …) has a value outside its list."""


class NotCovered(EstimateError):
    """The parameters have no such benefit for this person (e.g. 两病 for an employee)."""

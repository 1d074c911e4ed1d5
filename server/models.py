"""Request and response bodies of the public API; their descriptions are the contract shown at /docs."""
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, StrictStr, conint, validator

from knowledge.shared_facts import REGIONS
from server.human_service import HumanStatus
from server.request_body import RequestBody
from server.turn_meta import KINDS, TurnMeta

# (?!\n): Python's $ also matches before a final newline, which would make "abc\n" another id than "abc"
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}(?!\n)$"
ID_RULE = "1–64 characters of A-Z a-z 0-9 _ -"
# The largest row id the stores keep (a signed 64-bit integer): a larger one in a path or query is a 422, not a
# database overflow
MAX_ROW_ID = 2**63 - 1
MASKING = (
    "ID card, mobile and bank card numbers are masked to their last four digits (e.g. [身份证号尾号1234]) "
    "before the bot, the logs or the hand-off queue see the text."
)
CUSTOM_SIGNALS = (
    "The gateway reads these custom messages from the bot: "
    '{"handoff": {"reason": "user_request"}} (the user asked for a person), '
    '{"not_understood": true} (the bot\'s fallback; three in a row hand the conversation to a person), '
    '{"end_call": true} (the bot said goodbye), {"meta": {...}} (what the turn was), '
    '{"estimate": {...}} (the card of the estimate reply before it). Messages with only "custom" are not shown.'
)


class ChatRequest(RequestBody):
    """One message typed (or a quick-reply payload clicked) in the web chat."""

    session_id: StrictStr = Field(
        ...,
        regex=ID_PATTERN,
        description=f"The widget's session id ({ID_RULE}); Rasa sees sender `web:<session_id>`.",
        example="k3v9x0q2",
    )
    text: StrictStr = Field(
        ...,
        description="The user's message or a button payload. Empty after trimming: 422. "
        "Over MAX_TEXT (500) characters: cut, and the first reply says so. Over HARD_MAX_TEXT (5000): 413. "
        + MASKING,
        example="职工住院报销比例是多少",
    )
    region: str | None = Field(
        default=None,
        description="Policy region (a code of knowledge/shared_facts.yml); when given, Rasa's slot `region` "
        "is set before the message.",
        enum=list(REGIONS),
    )

    @validator("region")
    def known_region(cls, value: str | None) -> str | None:
        if value is not None and value not in REGIONS:
            raise ValueError(f"region must be one of {', '.join(REGIONS)}")
        return value


class ButtonOut(BaseModel):
    title: str = Field(..., description="Shown on the quick-reply button.")
    payload: str = Field(..., description="Sent back as `text` when the button is clicked.")


class EstimateShareOut(BaseModel):
    payer: str = Field(..., description="统筹基金, 大额医疗补助, 大病保险, 医疗救助 or 您自己.")
    part: Literal["fund_pay", "large_subsidy", "serious_illness", "assistance", "personal_pay"]
    amount: str = Field(..., description='Yuan with two decimals, e.g. "13050.00".')


class EstimateStepOut(BaseModel):
    label: str = Field(..., description="The step, e.g. 起付线.")
    amount: str = Field(..., description="Yuan with two decimals.")
    rule: str = Field(..., description="How the amount was found, e.g. (15,000 − 500) × 90% = 13,050元.")


class EstimateSourceOut(BaseModel):
    title: str = Field(..., description="The newspaper article's headline.")
    date: str = Field(..., description="When it was published, e.g. 2022年12月.")


class EstimateCardOut(BaseModel):
    """An estimate as data, for a card: the amount large, a bar of who pays what, the details folded."""

    personal_pay: str = Field(..., description='What the person pays, yuan with two decimals, e.g. "1950.00".')
    compared: str = Field(
        "", description="After a change of the bill: how the personal pay differs from the estimate before, or empty."
    )
    total: str = Field(..., description="The bill's total, yuan with two decimals.")
    situation: str = Field(..., description="The bill as understood, e.g. 职工在职 · 二级医院 · 住院.")
    shares: list[EstimateShareOut] = Field(
        ..., description="Who pays what: each payer that pays something, then 您自己; they add up to the total."
    )
    assumptions: str = Field(
        ..., description="One sentence: the defaults taken for what was not said and the assumed figures, or empty."
    )
    sources: list[EstimateSourceOut] = Field(..., description="The articles the figures come from.")
    steps: list[EstimateStepOut] = Field(..., description="The calculation, step by step (shown folded).")
    notes: list[str] = Field(..., description="What the calculation could not take into account.")
    policy: str = Field(..., description="The policy version applied, e.g. 滨州市医保待遇（2024年1月1日起，职工门诊共济）.")


class ChatReply(BaseModel):
    text: str = Field(..., description="Plain text (may be empty when the reply only offers buttons).")
    buttons: list[ButtonOut] = Field(default_factory=list, description="Quick replies under this reply.")
    estimate: EstimateCardOut | None = Field(
        default=None,
        description="Only on an estimate reply (absent on every other): the same estimate as data, for the "
        "widget's estimate card. `text` always says it in words too, for clients that do not draw cards.",
    )

    def dict(self, **kwargs: Any) -> dict[str, Any]:
        # An optional extra of one kind of reply: left out of the others rather than sent as null.
        data = super().dict(**kwargs)
        if data.get("estimate") is None:
            data.pop("estimate", None)
        return data


class MetaOut(BaseModel):
    """What the turn was, so that the widget, analytics and the operator report need not guess it from
    the wording."""

    kind: Literal[KINDS] = Field(  # type: ignore[valid-type]
        ...,
        description="answer (an FAQ topic answered), clarify (asked which topic), out_of_knowledge (a 医保 "
        "question the assistant has no reliable answer for), out_of_scope (not about 医保), ask (the cost "
        "dialogue asks for a fact), estimate (an amount given), refusal (a calculation declined: region, date, "
        "bad amount), cancelled, smalltalk (greetings, thanks, goodbyes), handoff (handed to a person by the "
        "assistant's own decision, or a message to the person holding the conversation; a user's request for a "
        "person is answer of topic hotline_human, with handoff true), busy "
        "(the assistant could not answer: try again), not_heard (hotline only: the caller was asked to repeat).",
    )
    topic: str | None = Field(None, description="The FAQ topic id answered (kind answer), else null.")
    offered: list[str] = Field(
        default_factory=list, description="Topic ids offered as choices, best first: the choices of a clarify, or the one related topic "
        "an out_of_knowledge reply offers beside a person; else []."
    )
    amount: str | None = Field(
        None, description='The personal pay stated, in yuan with two decimals, e.g. "1285.00" (kind estimate), else null.'
    )

    @classmethod
    def of(cls, meta: TurnMeta) -> "MetaOut":
        return cls(kind=meta.kind, topic=meta.topic, offered=list(meta.offered), amount=meta.amount)


class HumanOut(BaseModel):
    """Where the conversation stands with human service after this turn."""

    mode: Literal["bot", "queued", "with_agent"] = Field(
        ..., description="bot: the assistant answers; queued: waiting for an agent; with_agent: an agent answers."
    )
    handoff_id: int | None = Field(None, description="The open hand-off (queued, with_agent).")
    position: int | None = Field(None, description="queued: 1 for the next conversation an agent takes.")
    agent: str | None = Field(None, description="with_agent: the agent's work number (工号).")

    @classmethod
    def of(cls, status: HumanStatus) -> "HumanOut":
        return cls(mode=status.mode, handoff_id=status.handoff_id, position=status.position, agent=status.agent)


class ChatResponse(BaseModel):
    """The bot's replies, in order. When Rasa is unreachable: one reply 系统繁忙，请稍后再试或转人工."""

    replies: list[ChatReply]
    handoff: bool = Field(
        ...,
        description="True when the conversation went to human service on this turn (the user asked, e.g. 转人工, "
        "or the bot did not understand three times in a row) or is with it (queued for, or held by, an agent: "
        "the user's messages go to the agent, not to the bot). With nobody available (outside SERVICE_HOURS, "
        "or no agent signed in) the user is told so and offered a callback work order instead; `human` says "
        "which. " + CUSTOM_SIGNALS,
    )
    meta: MetaOut
    human: HumanOut
    rating: str | None = Field(
        None,
        description="Ask the user to rate the service now (1–5 stars, POST /api/chat/rating with this subject): "
        "after a goodbye that followed at least one answer. Ratings asked for after an agent's service come "
        "through GET /api/chat/events.",
    )


class HotlineTurnRequest(RequestBody):
    """One caller utterance from the phone system's ASR. Header X-Api-Key: HOTLINE_API_KEY."""

    call_id: StrictStr = Field(
        ..., regex=ID_PATTERN, description=f"The call's id ({ID_RULE}); Rasa sees sender `call:<call_id>`."
    )
    transcript: StrictStr = Field(
        ...,
        description="What the ASR heard. Normalized (fillers, stutters, 医保 homophones) before the NLU. "
        "Same length limits and masking as chat text; empty (the caller said nothing) is answered as not heard, "
        "with the question the caller was asked said again.",
        example="嗯那个我我想问一下以保异地就医咋备案",
    )
    confidence: float | None = Field(
        None,
        ge=0,
        le=1,
        description="ASR confidence 0..1. Below ASR_MIN_CONFIDENCE (0.5) the caller is asked to repeat "
        "and the bot is not called.",
    )

    caller_number: str | None = Field(
        None,
        regex=r"^\+?[0-9 -]{5,20}$",
        description="The caller's number from the phone system (caller ID), optional. When a callback work order "
        "is left (nobody available), the agents call this number back and the caller is not asked for one. "
        "Stored with the work order only, shown in full to signed-in agents only.",
    )

    @validator("confidence", pre=True)
    def confidence_is_a_number(cls, value: Any) -> Any:
        # pydantic would accept "0.9" or true; an ASR client sending those has a bug worth a 422
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise TypeError("confidence must be a number")
        return value


class HotlineTurnResponse(BaseModel):
    speech: str = Field(
        ...,
        description="Text for TTS: no markup, links, emoji or brackets; buttons spoken as choices "
        "(您可以说：职工，或者居民); amounts read out; long answers summarised with an offer of details "
        "(the caller says 详细).",
    )
    handoff: bool = Field(
        ...,
        description="Transfer the call to `transfer_to` after speaking: the caller asked (转人工, 人工, 找人工, "
        "人工客服) or three turns in a row were not understood or not heard, and an agent is available. With "
        "nobody available (outside SERVICE_HOURS, or no agent signed in) this is false and the speech says so "
        "and offers a callback work order (留言) instead.",
    )
    transfer_to: str | None = Field(
        None, description="With handoff: where to transfer the call (HOTLINE_TRANSFER_TO, e.g. an ACD queue)."
    )
    handoff_id: int | None = Field(
        None,
        description="With handoff: the hand-off's id; the agent workspace shows its summary at /agent?handoff=<id>.",
    )
    end_call: bool = Field(..., description="The bot said goodbye (and the rating question, if asked, was answered): "
                           "hang up after speaking.")
    meta: MetaOut


class HandoffOut(BaseModel):
    """A conversation waiting for a human agent."""

    id: int
    channel: Literal["webchat", "hotline"]
    conversation_id: str = Field(..., description="The chat session id or the call id.")
    reason: Literal["user_request", "not_understood", "low_confidence"]
    created_at: datetime
    summary: str = Field(..., description="What the user asked, what the bot gathered, the last messages.")


class HandoffClosed(HandoffOut):
    closed_at: datetime


class RasaProcessOut(BaseModel):
    url: str
    state: Literal["up", "down"]


class HealthOut(BaseModel):
    status: Literal["ok", "degraded"] = Field(..., description="ok: every Rasa process and the action server are up.")
    rasa: Literal["up", "degraded", "down"] = Field(..., description="up: all Rasa processes, degraded: some, down: none.")
    action_server: Literal["up", "down"]
    rasa_processes: list[RasaProcessOut] = Field(..., description="Each of RASA_URLS, in order.")


class ErrorBody(BaseModel):
    code: str = Field(..., description="Machine-readable, e.g. empty_text, text_too_long, unauthorized.")
    message: str = Field(..., description="Chinese, for people.")


class ErrorResponse(BaseModel):
    """Every error answer has this shape; never a stack trace."""

    error: ErrorBody


class SessionRef(RequestBody):
    session_id: StrictStr = Field(..., regex=ID_PATTERN, description=f"The widget's session id ({ID_RULE}).")


class RatingRequest(SessionRef):
    """一次一评: one rating per subject the gateway asked about."""

    subject: StrictStr = Field(
        ..., max_length=32, description='What is rated, as asked: "bot", or "handoff:<id>" for an agent\'s service.'
    )
    score: conint(strict=True, ge=1, le=5) = Field(  # type: ignore[valid-type]
        ..., description="1 (very unsatisfied) to 5 (very satisfied) stars."
    )
    comment: StrictStr | None = Field(None, max_length=500, description="Optional; masked like chat text.")


class RatingThanks(BaseModel):
    text: str = Field(..., description="What to show the user.")

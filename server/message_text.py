"""What the gateway accepts of a user's message (chat text or hotline transcript): length
rules, and personal numbers masked before anything else sees the text."""
import re
from dataclasses import dataclass

from server.errors import ApiError
from server.privacy import mask_personal_numbers

CUT_MARK = "…"
# Rasa's own commands typed as a message ("/restart" reset the conversation, its facts gone, and was answered
# "系统繁忙"): words of the user's, sent without the slash; the buttons' payloads (/faq{…}, /human_handoff …)
# pass as they are
_RASA_COMMAND = re.compile(r"^/+(?=(?:restart|back|session_start)\b)")


@dataclass(frozen=True)
class AcceptedText:
    text: str
    truncated: bool


def accept_text(raw: str, max_text: int, hard_max_text: int, *, silence: bool = False) -> AcceptedText:
    """`silence`: an empty text is accepted (a hotline transcript of a caller who said nothing, answered
    "没听清"), not refused."""
    text = _RASA_COMMAND.sub("", raw.strip())
    if not text and not silence:
        raise ApiError(422, "empty_text", "消息内容不能为空")
    if len(text) > hard_max_text:
        raise ApiError(413, "text_too_long", f"消息过长：最多 {hard_max_text} 字")
    # masked before cutting, so that a cut never leaves most of a number unmasked
    text = mask_personal_numbers(text)
    if len(text) > max_text:
        # marked, so that whoever reads the transcript (an agent, the report) sees the rest was cut
        return AcceptedText(text[:max_text] + CUT_MARK, truncated=True)
    return AcceptedText(text, truncated=False)

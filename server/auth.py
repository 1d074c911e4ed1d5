"""X-Api-Key checks for the hotline and hand-off endpoints."""
import hmac
from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from server.errors import ApiError


def require_api_key(setting: str, scheme_name: str) -> Callable[..., None]:
    """A dependency accepting only the key in settings.<setting>; 503 while that is unset."""
    header = APIKeyHeader(name="X-Api-Key", scheme_name=scheme_name, auto_error=False)

    def check(request: Request, key: str | None = Depends(header)) -> None:
        expected = getattr(request.app.state.services.settings, setting)
        if not expected:
            raise ApiError(503, "not_configured", f"该接口尚未配置（未设置 {setting.upper()}）")
        # constant time: how long the comparison takes says nothing about how much of a key was right
        if not key or not hmac.compare_digest(key.encode("utf-8"), expected.encode("utf-8")):
            raise ApiError(401, "unauthorized", "API 密钥无效或缺失")

    return check


require_hotline_key = require_api_key("hotline_api_key", "HotlineApiKey")
require_handoff_key = require_api_key("handoff_api_key", "HandoffApiKey")

"""The JSON error layer: every failure answers {"error": {"code", "message"}} and never a trace."""
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_response(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}}, headers=headers)


_HTTP_ERRORS = {
    400: ("bad_request", "请求无法解析：请发送 UTF-8 编码的 JSON"),
    401: ("unauthorized", "API 密钥无效或缺失"),
    404: ("not_found", "没有这个地址"),
    405: ("method_not_allowed", "该地址不支持这种请求方法"),
    413: ("text_too_long", "请求内容过长"),
}
# pydantic error types -> what to tell people
_REASONS = {
    "value_error.missing": "缺少该字段",
    "type_error.str": "应为字符串",
    "type_error.float": "应为数字",
    "type_error": "类型不正确",
    "type_error.dict": "应为 JSON 对象",
    "type_error.none.not_allowed": "不能为空值",
    "value_error.str.regex": "格式不正确",
    "value_error.const": "取值不在允许范围内",
    "value_error.str.lone_surrogate": "含有无效字符（不成对的 UTF-16 代理项转义，如 \\ud800）",
    # the limits are pydantic's own (its error's ctx), so a message never names another field's
    "value_error.number.not_ge": "不能小于 {limit_value}",
    "value_error.number.not_gt": "应大于 {limit_value}",
    "value_error.number.not_le": "不能大于 {limit_value}",
    "value_error.number.not_lt": "应小于 {limit_value}",
    "value_error.any_str.max_length": "最多 {limit_value} 个字符",
    "value_error.any_str.min_length": "至少 {limit_value} 个字符",
}
# identifiers the client makes up (session_id, call_id): what their pattern allows
_ID_PATTERN = "格式不正确（1–64 位字母、数字、下划线或连字符）"
_IDS = {"session_id", "call_id"}


def _describe(errors: Sequence[dict[str, Any]]) -> str:
    parts = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part != "body"]
        kind = error.get("type", "")
        if kind == "value_error.str.regex" and loc and loc[-1] in _IDS:
            reason = _ID_PATTERN
        else:
            reason = _REASONS.get(kind, "取值无效").format_map(_Limits(error.get("ctx") or {}))
        parts.append(f"{'.'.join(loc) or '请求体'}：{reason}")
    return "请求参数有误：" + "；".join(parts)


class _Limits(dict[str, Any]):
    """A reason's values from the error's ctx; a value missing reads as 允许的范围."""

    def __missing__(self, key: str) -> str:
        return "允许的范围"


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(error.get("type") == "json_invalid" for error in errors):
        return error_response(400, "invalid_json", "请求体不是有效的 JSON")
    return error_response(422, "invalid_request", _describe(errors))


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code, message = _HTTP_ERRORS.get(exc.status_code, ("http_error", "请求失败"))
    return error_response(exc.status_code, code, message)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "服务器内部错误，请稍后再试")


def install_error_handlers(app: FastAPI) -> None:
    # The decorator form: Starlette's add_exception_handler types every handler as taking Exception.
    app.exception_handler(ApiError)(_api_error)
    app.exception_handler(RequestValidationError)(_validation_error)
    app.exception_handler(StarletteHTTPException)(_http_error)
    app.exception_handler(Exception)(_unexpected)

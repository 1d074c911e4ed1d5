"""The load generator only ever talks to this machine."""
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class NotLoopback(ValueError):
    """A base URL whose host is not this machine's loopback."""


def require_loopback(url: str) -> str:
    """The URL without a trailing slash, or NotLoopback when its host is not 127.0.0.1, localhost or ::1."""
    try:
        parts = urlsplit(url)
        host = parts.hostname  # lower-cased, brackets of [::1] removed, user:password@ not included
        _ = parts.port  # raises on a port that is not a number
    except ValueError as exc:
        raise NotLoopback(f"not a valid URL: {url!r}") from exc
    if parts.scheme not in ("http", "https") or host not in LOOPBACK_HOSTS:
        raise NotLoopback(f"refusing {url!r}: only http(s) to 127.0.0.1, localhost or [::1] is allowed")
    return url.rstrip("/")

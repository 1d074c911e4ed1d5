"""Request limits per chat session or call and per client address, kept in this process.

A token bucket per key: a full bucket allows a burst of `per_minute` requests, then one more
every 60/per_minute seconds. Each gateway process counts on its own (behind a load balancer
the limits add up); a bucket left idle is full again, so dropping it is only ever lenient.
"""
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from server.conversation import Conversation
from server.errors import ApiError
from server.settings import Settings

Clock = Callable[[], float]  # seconds, monotonic
MAX_KEYS = 100_000  # least recently used buckets beyond this are dropped
# an agent mistypes a password a few times; a script guessing passwords is stopped
SIGN_INS_PER_ACCOUNT_PER_MIN = 5
SIGN_INS_PER_CLIENT_PER_MIN = 20


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    def __init__(self, per_minute: int, clock: Clock, max_keys: int = MAX_KEYS) -> None:
        self._capacity = float(per_minute)
        self._per_second = per_minute / 60
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def _refilled(self, key: str) -> _Bucket:
        now = self._clock()
        bucket = self._buckets.pop(key, None) or _Bucket(self._capacity, now)
        bucket.tokens = min(self._capacity, bucket.tokens + (now - bucket.updated) * self._per_second)
        bucket.updated = now
        self._buckets[key] = bucket
        if len(self._buckets) > self._max_keys:
            self._buckets.popitem(last=False)
        return bucket

    def wait(self, key: str) -> float:
        """Seconds until the key may make a request (0: now)."""
        return max(0.0, (1 - self._refilled(key).tokens) / self._per_second)

    def take(self, key: str) -> None:
        self._refilled(key).tokens -= 1


def admit(checks: Sequence[tuple[TokenBuckets, str]]) -> int:
    """Takes a token from every bucket when each has one, and returns 0; otherwise takes
    none and returns the whole seconds to wait (for Retry-After)."""
    wait = max(buckets.wait(key) for buckets, key in checks)
    if wait > 0:
        return max(1, math.ceil(wait))
    for buckets, key in checks:
        buckets.take(key)
    return 0


class RateLimits:
    def __init__(self, settings: Settings, clock: Clock = time.monotonic) -> None:
        self._conversations = TokenBuckets(settings.rate_session_per_min, clock)
        # separate counts: the phone bridge is a single client making every call's requests
        self._clients = {
            "webchat": TokenBuckets(settings.rate_client_per_min, clock),
            "hotline": TokenBuckets(settings.rate_hotline_client_per_min, clock),
        }
        self._sign_in_accounts = TokenBuckets(SIGN_INS_PER_ACCOUNT_PER_MIN, clock)
        self._sign_in_clients = TokenBuckets(SIGN_INS_PER_CLIENT_PER_MIN, clock)

    def check_sign_in(self, work_number: str, client: str) -> None:
        """Password guessing: a few sign-ins a minute per work number and per client address."""
        wait = admit([(self._sign_in_accounts, work_number), (self._sign_in_clients, client)])
        if wait:
            raise ApiError(429, "rate_limited", "登录尝试过于频繁，请稍后再试", headers={"Retry-After": str(wait)})

    def check(self, conversation: Conversation, client: str) -> None:
        """Counts one message; 429 with Retry-After when the conversation or the client is over its limit."""
        wait = admit([(self._conversations, conversation.sender), (self._clients[conversation.channel], client)])
        if wait:
            raise ApiError(429, "rate_limited", "请求过于频繁，请稍后再试", headers={"Retry-After": str(wait)})

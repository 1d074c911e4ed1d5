"""Request limits per chat session or call, per client address, and per sign-in account.

A token bucket per key (server/store/rate_buckets.py): a full bucket allows a burst of `per_minute`
requests, then one more every 60/per_minute seconds. The buckets live in the gateway's database, so
every gateway process counts the same requests: behind nginx the limits hold for the real client,
whichever gateway takes each request.
"""
import asyncio
import time
from collections.abc import Callable, Sequence

from server.conversation import Conversation
from server.errors import ApiError
from server.settings import Settings
from server.store.rate_buckets import Limit, RateBucketStore

Clock = Callable[[], float]  # seconds since the epoch: every gateway process reads the same clock
# an agent mistypes a password a few times; a script guessing passwords is stopped
SIGN_INS_PER_ACCOUNT_PER_MIN = 5
SIGN_INS_PER_CLIENT_PER_MIN = 20
# a bucket refills within a minute: one idle a minute is full, and its row can go
LONGEST_REFILL_SECONDS = 60.0


class RateLimits:
    def __init__(self, settings: Settings, store: RateBucketStore, clock: Clock = time.time) -> None:
        self._settings = settings
        self._store = store
        self._clock = clock
        self._forgotten_at = clock()
        # separate counts: the phone bridge is a single client making every call's requests
        self._client_per_min = {
            "webchat": settings.rate_client_per_min,
            "hotline": settings.rate_hotline_client_per_min,
        }

    async def _admit(self, limits: Sequence[Limit], message: str) -> None:
        now = self._clock()
        wait = await asyncio.to_thread(self._store.admit, limits, now)  # the database blocks
        if now - self._forgotten_at > LONGEST_REFILL_SECONDS:
            self._forgotten_at = now
            await asyncio.to_thread(self._store.forget_full, now, LONGEST_REFILL_SECONDS)
        if wait:
            raise ApiError(429, "rate_limited", message, headers={"Retry-After": str(wait)})

    async def check(self, conversation: Conversation, client: str) -> None:
        """Counts one message; 429 with Retry-After when the conversation or the client is over its limit."""
        limits = [
            Limit.per_minute(f"session:{conversation.sender}", self._settings.rate_session_per_min),
            Limit.per_minute(
                f"client:{conversation.channel}:{client}", self._client_per_min[conversation.channel]
            ),
        ]
        await self._admit(limits, "请求过于频繁，请稍后再试")

    async def check_sign_in(self, work_number: str, client: str) -> None:
        """Password guessing: a few sign-ins a minute per work number and per client address."""
        limits = [
            Limit.per_minute(f"sign-in:{work_number}", SIGN_INS_PER_ACCOUNT_PER_MIN),
            Limit.per_minute(f"sign-in-client:{client}", SIGN_INS_PER_CLIENT_PER_MIN),
        ]
        await self._admit(limits, "登录尝试过于频繁，请稍后再试")

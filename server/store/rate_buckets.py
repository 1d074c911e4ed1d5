"""The rate limits' token buckets in the database, shared by every gateway process.

A bucket of `capacity` tokens refills at `per_second`; a request takes one token from each of its
buckets, or, when one of them is empty, from none. All of one request's buckets are read and written
in one transaction that starts with a write, so concurrent requests (in any process) queue on it
instead of reading the same tokens. A missing row is a full bucket, and a bucket idle long enough to
be full again is deleted now and then: dropping it changes nothing.
"""
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, select

from server.store.database import Database, insert_missing, upsert
from server.store.schema import rate_bucket

# built once (as the gateway's other per-turn statements: server/store/database.py, of_conversation)
_BUCKETS = select(rate_bucket).where(rate_bucket.c.key.in_(bindparam("keys", expanding=True)))
_BUCKETS_LOCKED = _BUCKETS.with_for_update()


@dataclass(frozen=True)
class Limit:
    key: str  # what is counted, e.g. "session:web:abc" or "client:webchat:203.0.113.7"
    capacity: float  # the burst: requests allowed at once
    per_second: float  # tokens added back each second

    @classmethod
    def per_minute(cls, key: str, per_minute: int) -> "Limit":
        return cls(key, float(per_minute), per_minute / 60)


def refilled(tokens: float, updated: float, now: float, limit: Limit) -> float:
    return min(limit.capacity, tokens + max(0.0, now - updated) * limit.per_second)


class RateBucketStore:
    def __init__(self, database: Database) -> None:
        self._engine = database.engine

    def admit(self, limits: Sequence[Limit], now: float) -> int:
        """Takes a token from every bucket and returns 0 when each has one; otherwise takes none and
        returns the whole seconds to wait (at least 1, for Retry-After)."""
        keys = [limit.key for limit in limits]
        with self._engine.begin() as db:
            # the first statement writes: the transaction holds the write lock before it reads
            insert_missing(
                db, rate_bucket, [{"key": lim.key, "tokens": lim.capacity, "updated": now} for lim in limits], "key"
            )
            query = _BUCKETS_LOCKED if db.dialect.name == "postgresql" else _BUCKETS
            rows = {row.key: row for row in db.execute(query, {"keys": keys})}
            tokens = {lim.key: refilled(rows[lim.key].tokens, rows[lim.key].updated, now, lim) for lim in limits}
            wait = max((1 - tokens[lim.key]) / lim.per_second for lim in limits)
            if wait > 0:
                # rounded first: float noise must not turn 1 s into 2 s
                return max(1, math.ceil(round(wait, 6)))
            for lim in limits:
                upsert(db, rate_bucket, {"key": lim.key}, {"tokens": tokens[lim.key] - 1, "updated": now})
        return 0

    def forget_full(self, now: float, longest_refill: float) -> int:
        """Deletes buckets idle longer than any bucket takes to refill; returns how many."""
        with self._engine.begin() as db:
            return db.execute(delete(rate_bucket).where(rate_bucket.c.updated < now - longest_refill)).rowcount

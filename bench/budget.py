"""A request count and a deadline that stop a run, or one scenario of it, by itself."""
import time
from collections.abc import Callable
from typing import Optional

Clock = Callable[[], float]


class Budget:
    """Hands out permission for one request at a time until the count or the deadline runs out.

    A child budget (one scenario) also draws on its parent (the whole run), so neither limit can be
    exceeded. Requests in flight at the deadline still finish, bounded by the request timeout.
    """

    def __init__(
        self, max_requests: int, max_seconds: float, clock: Clock = time.monotonic, parent: Optional["Budget"] = None
    ) -> None:
        if max_requests < 0 or max_seconds < 0:
            raise ValueError("a budget cannot be negative")
        self.max_requests = max_requests
        self.used = 0
        self._clock = clock
        self._deadline = clock() + max_seconds
        self._parent = parent

    def child(self, max_requests: int, max_seconds: float) -> "Budget":
        return Budget(max_requests, max_seconds, self._clock, parent=self)

    def seconds_left(self) -> float:
        own = max(0.0, self._deadline - self._clock())
        return min(own, self._parent.seconds_left()) if self._parent else own

    def exhausted(self) -> bool:
        if self.used >= self.max_requests or self._clock() >= self._deadline:
            return True
        return self._parent.exhausted() if self._parent else False

    def take(self) -> bool:
        """True, and one request counted here and in every parent, unless a limit is reached."""
        if self.exhausted():
            return False
        budget: Budget | None = self
        while budget is not None:
            budget.used += 1
            budget = budget._parent
        return True

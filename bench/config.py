"""What one run does and its bounds: the full preset, and --quick."""
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class BenchConfig:
    levels: tuple[int, ...] = (1, 10, 50, 100)  # closed-loop concurrent sessions
    turns_per_session: int = 30  # closed loop: each virtual user stops after this many turns ...
    level_seconds: float = 20.0  # ... or when its level has run this long
    # long sessions (turn 1 against turn 30): each plays one long script, its next turn when the answer
    # arrives, a few sessions at a time, so the turn's own cost shows and no backlog builds up
    long_sessions: int = 12
    long_concurrency: int = 2
    long_seconds: float = 180.0
    open_sessions: int = 100
    open_interval: float = 3.0  # seconds between one virtual user's turns
    open_jitter: float = 0.5  # ± seconds on each of them
    open_seconds: float = 60.0
    timeout: float = 10.0  # one request; a slower answer counts as an error
    warmup: int = 3  # unrecorded requests per target first (model loading, connection set-up)
    # between scenarios, until bare Rasa answers about as fast as in the warm-up; above the gateway's
    # RASA_TIMEOUT (30 s), the longest a turn abandoned by the load generator can keep Rasa busy
    settle_seconds: float = 40.0
    max_requests: int = 20_000  # the whole run, warm-up included
    max_seconds: float = 900.0  # the whole run; requests in flight then still get `timeout`
    seed: int = 7  # which conversations the virtual users hold, the paced scenarios' phases and jitter

    def __post_init__(self) -> None:
        counts = (self.turns_per_session, self.open_sessions, self.long_sessions, self.long_concurrency,
                  self.max_requests, *self.levels)
        durations = (
            self.level_seconds, self.long_seconds, self.open_seconds, self.open_interval, self.timeout,
            self.max_seconds,
        )
        if not self.levels or min(counts) < 1 or min(durations) <= 0 or min(self.warmup, self.settle_seconds) < 0:
            raise ValueError("session and request counts must be at least 1, durations above 0")
        if not 0 <= self.open_jitter < self.open_interval / 2:
            raise ValueError("the open-loop jitter must be below half the interval (a session's sends stay in order)")


FULL = BenchConfig()
QUICK = replace(
    FULL,
    turns_per_session=6,
    level_seconds=3.0,
    long_sessions=2,
    long_seconds=45.0,
    open_seconds=10.0,
    warmup=2,
    settle_seconds=15.0,
    max_seconds=240.0,
)

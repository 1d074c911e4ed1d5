"""Agent accounts: argon2 password hashes (salted, argon2-cffi), sign-in and signed-in sessions.

A session is a random token in an HttpOnly cookie; the database keeps only its SHA-256, with a CSRF
token the page sends back in a header on every change (synchronizer token). All of it blocks
(argon2 is deliberately slow, the store is a database): callers on the event loop use a thread."""
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from server.store.agents import Agent, AgentStore, Session

WORK_NUMBER = re.compile(r"^[0-9A-Za-z]{2,16}$")
MIN_PASSWORD = 10


class BadAccount(ValueError):
    """A work number, name or password that cannot be used (the message says why, in Chinese)."""


@dataclass(frozen=True)
class SignedIn:
    agent: Agent
    token: str  # for the cookie; never stored
    csrf_token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_new_account(work_number: str, name: str, password: str) -> None:
    if not WORK_NUMBER.match(work_number):
        raise BadAccount("工号须为2–16位字母或数字")
    if not name.strip() or len(name) > 64:
        raise BadAccount("姓名不能为空，最多64字")
    check_password_rules(password)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise BadAccount(f"密码至少{MIN_PASSWORD}位")


class Accounts:
    def __init__(self, agents: AgentStore, session_lifetime: timedelta) -> None:
        self._agents = agents
        self._lifetime = session_lifetime
        self._hasher = PasswordHasher()

    @cached_property
    def _decoy(self) -> str:
        """Checked against when the work number is unknown, so that the answer takes as long."""
        return self._hasher.hash(secrets.token_hex(16))

    def add(self, work_number: str, name: str, password: str) -> Agent:
        """WorkNumberTaken when the work number exists."""
        check_new_account(work_number, name, password)
        return self._agents.add(work_number, name.strip(), self._hasher.hash(password))

    def set_password(self, agent: Agent, password: str) -> None:
        check_password_rules(password)
        self._agents.set_password(agent.id, self._hasher.hash(password))

    def _matches(self, stored_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def sign_in(self, work_number: str, password: str) -> SignedIn | None:
        agent = self._agents.by_work_number(work_number)
        if agent is None or agent.disabled_at is not None:
            self._matches(self._decoy, password)
            return None
        if not self._matches(agent.password_hash, password):
            return None
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        self._agents.open_session(agent.id, token_hash(token), csrf, self._lifetime)
        return SignedIn(agent, token, csrf)

    def session(self, token: str) -> Session | None:
        return self._agents.session(token_hash(token))

    def sign_out(self, session: Session) -> None:
        self._agents.close_session(session.id)

"""Clerk accounts: scrypt-hashed passwords, roles, lock-out after repeated failures, and
their administration (list, unlock, disable, reset a password), which only an
administrator (or the command line's system actor) may do, each change in the audit trail."""

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from models.core.actor import ROLES, Actor, counter_from_config
from models.core.clock import Clock
from models.core.errors import DomainError
from models.core.schema import Clerk
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.texts import messages as msg

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_USERNAME = re.compile(r"^[A-Za-z0-9_]{3,32}$")


@dataclass(frozen=True)
class ClerkInfo:
    id: int
    username: str
    display_name: str
    role: str


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    computed = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                              p=int(p), dklen=len(digest) // 2)
    return hmac.compare_digest(computed.hex(), digest)


def check_new_clerk(username: str, role: str, password: str) -> None:
    """What add_clerk refuses before it touches the database, so a command line can ask
    before it opens one."""
    if not _USERNAME.match(username or ""):
        raise DomainError(msg.CLERK_BAD_USERNAME)
    if role not in ROLES:
        raise DomainError(msg.CLERK_BAD_ROLE)
    check_password_strength(password)


def check_password_strength(password: str) -> None:
    if len(password or "") < 8:
        raise DomainError(msg.CLERK_WEAK_PASSWORD)


@retry_on_conflict
def add_clerk(clock: Clock, actor: Actor, *, username: str, display_name: str, role: str,
              password: str) -> ClerkInfo:
    """Only an administrator (or the command line's system actor) adds accounts."""
    actor.require("admin")
    check_new_clerk(username, role, password)
    with unit_of_work(clock, actor) as uow:
        if Clerk.select().where(Clerk.username == username).exists():
            raise DomainError(msg.CLERK_EXISTS.format(username=username))
        clerk = Clerk.create(username=username, display_name=display_name or username, role=role,
                             password_hash=hash_password(password), created_at=clock.now())
        uow.audit("clerk.add", "clerk", clerk.id,
                  after={"username": username, "display_name": clerk.display_name,
                         "role": role})
    return ClerkInfo(clerk.id, username, clerk.display_name, role)


def acting_as(username: str, counter: str | None = None) -> Actor | None:
    """The account `username` as an actor at this counter, without a password: for the
    demo county's own clerk, which `yibao demo` signs in by itself."""
    clerk = Clerk.get_or_none((Clerk.username == username) & (Clerk.active == True))  # noqa: E712
    if clerk is None:
        return None
    return Actor(clerk.id, clerk.username, clerk.role, counter or counter_from_config(),
                 clerk.display_name)


def any_clerk() -> bool:
    return Clerk.select().where(Clerk.active == True).exists()  # noqa: E712


@retry_on_conflict
def authenticate(clock: Clock, username: str, password: str,
                 counter: str | None = None) -> Actor:
    """A wrong password counts; after MAX_FAILED_ATTEMPTS the account waits LOCK_MINUTES."""
    now = clock.now()
    counter = counter or counter_from_config()
    refusal = None
    # Nobody is signed in yet: the attempt acts in the name typed.
    with unit_of_work(clock, Actor(None, username, "clerk", counter)) as uow:
        clerk = Clerk.get_or_none((Clerk.username == username) & (Clerk.active == True))  # noqa: E712
        if clerk is None:
            raise DomainError(msg.CLERK_UNKNOWN)
        if clerk.locked_until and clerk.locked_until > now:
            minutes = int((clerk.locked_until - now).total_seconds() // 60) + 1
            raise DomainError(msg.CLERK_LOCKED.format(minutes=minutes))
        if check_password(password, clerk.password_hash):
            Clerk.update(failed_attempts=0, locked_until=None).where(Clerk.id == clerk.id).execute()
        else:
            # The failure is committed before the refusal is raised, or it would not count.
            failed = clerk.failed_attempts + 1
            locked = failed >= MAX_FAILED_ATTEMPTS
            Clerk.update(
                failed_attempts=0 if locked else failed,
                locked_until=now + dt.timedelta(minutes=LOCK_MINUTES) if locked else None,
            ).where(Clerk.id == clerk.id).execute()
            uow.audit("clerk.login_failed", "clerk", clerk.id, after={"locked": locked})
            refusal = (msg.CLERK_LOCKED.format(minutes=LOCK_MINUTES) if locked
                       else msg.CLERK_UNKNOWN)
    if refusal:
        raise DomainError(refusal)
    return Actor(clerk.id, clerk.username, clerk.role, counter, clerk.display_name)


# --- administration: an administrator's (or the command line's) work ------------------

@dataclass(frozen=True)
class ClerkRow:
    """One account as the administrator's list shows it. `locked_until` only while the
    lock-out lasts (None once it has run out)."""
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: dt.datetime | None
    failed_attempts: int


def list_clerks(clock: Clock, actor: Actor) -> tuple[ClerkRow, ...]:
    """Every account, by username. A read: nothing goes into the audit trail."""
    actor.require("admin")
    now = clock.now()
    return tuple(_row(clerk, now) for clerk in Clerk.select().order_by(Clerk.username))


@retry_on_conflict
def unlock_clerk(clock: Clock, actor: Actor, username: str) -> ClerkRow:
    """End a lock-out (and forget the failed attempts counted towards the next one)."""
    actor.require("admin")
    now = clock.now()
    with unit_of_work(clock, actor) as uow:
        clerk = _account(username)
        locked = clerk.locked_until is not None and clerk.locked_until > now
        if not locked and not clerk.failed_attempts:
            raise DomainError(msg.CLERK_NOT_LOCKED.format(username=username))
        before = {"locked_until": clerk.locked_until if locked else None,
                  "failed_attempts": clerk.failed_attempts}
        Clerk.update(failed_attempts=0, locked_until=None).where(Clerk.id == clerk.id).execute()
        uow.audit("clerk.unlock", "clerk", clerk.id, before=before,
                  after={"locked_until": None, "failed_attempts": 0})
    return _row(Clerk.get_by_id(clerk.id), now)


@retry_on_conflict
def disable_clerk(clock: Clock, actor: Actor, username: str) -> ClerkRow:
    """The account can no longer sign in; it stays, with its history, under its name."""
    actor.require("admin")
    with unit_of_work(clock, actor) as uow:
        clerk = _account(username)
        if actor.clerk_id is not None and clerk.id == actor.clerk_id:
            raise DomainError(msg.CLERK_DISABLE_SELF)
        Clerk.update(active=False).where(Clerk.id == clerk.id).execute()
        uow.audit("clerk.disable", "clerk", clerk.id, before={"active": True},
                  after={"active": False})
    return _row(Clerk.get_by_id(clerk.id), clock.now())


@retry_on_conflict
def set_password(clock: Clock, actor: Actor, username: str, password: str) -> ClerkRow:
    """A new password set by the administrator; it also ends a lock-out, the usual reason
    for the reset. The trail records that it changed, never the password or its hash."""
    actor.require("admin")
    check_password_strength(password)
    with unit_of_work(clock, actor) as uow:
        clerk = _account(username)
        Clerk.update(password_hash=hash_password(password), failed_attempts=0,
                     locked_until=None).where(Clerk.id == clerk.id).execute()
        uow.audit("clerk.passwd", "clerk", clerk.id, after={"password": "changed"})
    return _row(Clerk.get_by_id(clerk.id), clock.now())


def _account(username: str) -> Clerk:
    """The active account `username`, read for change (a disabled one is not changed)."""
    clerk = Clerk.get_or_none(Clerk.username == username)
    if clerk is None:
        raise DomainError(msg.CLERK_NO_SUCH.format(username=username))
    if not clerk.active:
        raise DomainError(msg.CLERK_DISABLED.format(username=username))
    return clerk


def _row(clerk: Clerk, now: dt.datetime) -> ClerkRow:
    locked = clerk.locked_until if clerk.locked_until and clerk.locked_until > now else None
    return ClerkRow(clerk.id, clerk.username, clerk.display_name, clerk.role, clerk.active,
                    locked, clerk.failed_attempts)

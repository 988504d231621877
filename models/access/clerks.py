"""Clerk accounts: scrypt-hashed passwords (models/access/passwords.py), roles, lock-out
after repeated failures, and their administration (list, unlock, disable, reset a
password), which only an administrator (or the command line's system actor) may do, each
change in the audit trail."""

import datetime as dt
import math
import re
from dataclasses import dataclass

import peewee as pw

from models.access import passwords
from models.core.actor import ROLES, Actor, counter_from_config
from models.core.clock import Clock
from models.core.errors import DomainError
from models.core.schema import Clerk
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.texts import messages as msg

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
_USERNAME = re.compile(r"^[A-Za-z0-9_]{3,32}$")


@dataclass(frozen=True)
class ClerkInfo:
    id: int
    username: str
    display_name: str
    role: str


def check_new_clerk(username: str, role: str, password: str) -> None:
    """What add_clerk refuses before it touches the database, so a command line can ask
    before it opens one."""
    if not _USERNAME.match(username or ""):
        raise DomainError(msg.CLERK_BAD_USERNAME)
    if role not in ROLES:
        raise DomainError(msg.CLERK_BAD_ROLE)
    check_password_strength(password)


def check_password_strength(password: str) -> None:
    if len(passwords.normalise(password)) < 8:
        raise DomainError(msg.CLERK_WEAK_PASSWORD)


@retry_on_conflict
def add_clerk(clock: Clock, actor: Actor, *, username: str, display_name: str, role: str,
              password: str) -> ClerkInfo:
    """Only an administrator (or the command line's system actor) adds accounts."""
    actor.require("admin")
    check_new_clerk(username, role, password)
    stored = passwords.hash_password(password)  # before the transaction: scrypt takes a while
    with unit_of_work(clock, actor) as uow:
        if Clerk.select().where(Clerk.username == username).exists():
            raise DomainError(msg.CLERK_EXISTS.format(username=username))
        clerk = Clerk.create(username=username, display_name=display_name or username, role=role,
                             password_hash=stored, created_at=clock.now())
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


def authenticate(clock: Clock, username: str, password: str,
                 counter: str | None = None) -> Actor:
    """Sign in. Every password check is counted before it is made, in one UPDATE (atomic
    on both engines, whatever other counters do at the same moment), and the check that
    reaches MAX_FAILED_ATTEMPTS locks the account for LOCK_MINUTES there and then: at
    most that many checks happen between two sign-ins, however many guess at once.

    A locked account is refused without a check, and the refusal is not counted. A right
    password gets in only if the account is not locked at that moment (or was locked by
    this very check): then the failures are forgotten, and a hash at an older cost is
    rewritten at today's, in the same transaction. An unknown (or disabled) username
    costs one check against a dummy hash, what a wrong password costs."""
    now = clock.now()
    counter = counter or counter_from_config()
    # Nobody is signed in yet: the attempt acts in the name typed.
    attempt = Actor(None, username, "clerk", counter)
    clerk = Clerk.get_or_none((Clerk.username == username) & (Clerk.active == True))  # noqa: E712
    if clerk is None:
        passwords.check_against_nothing(password)
        raise DomainError(msg.CLERK_UNKNOWN)
    counted = _count_check(clock, attempt, clerk.id, now)
    if counted is None:
        raise DomainError(_still_locked(clerk.id, now))
    if not passwords.check_password(password, counted.password_hash):
        locked = counted.locked_until is not None
        _record_failure(clock, attempt, clerk.id, locked)
        raise DomainError(msg.CLERK_LOCKED.format(minutes=LOCK_MINUTES) if locked
                          else msg.CLERK_UNKNOWN)
    upgraded = (passwords.hash_password(password)
                if passwords.needs_upgrade(counted.password_hash) else None)
    if not _let_in(clock, attempt, clerk.id, counted, upgraded, now):
        raise DomainError(_still_locked(clerk.id, now))
    return Actor(clerk.id, clerk.username, clerk.role, counter, clerk.display_name)


@retry_on_conflict
def _record_failure(clock: Clock, attempt: Actor, clerk_id: int, locked: bool) -> None:
    with unit_of_work(clock, attempt) as uow:
        uow.audit("clerk.login_failed", "clerk", clerk_id, after={"locked": locked})


@retry_on_conflict
def _let_in(clock: Clock, attempt: Actor, clerk_id: int, counted: Clerk, upgraded: str | None,
            now: dt.datetime) -> bool:
    """Forget the failures of a right password, unless the account is locked meanwhile
    (False then); a hash at an older cost is rewritten at today's, in the same
    transaction. Each step is one UPDATE guarded by what it expects, so a retry after
    a deadlock changes nothing twice."""
    with unit_of_work(clock, attempt) as uow:
        not_locked = Clerk.locked_until.is_null() | (Clerk.locked_until <= now)
        if counted.locked_until is not None:  # the lock this check set may be lifted
            not_locked |= ((Clerk.failed_attempts == counted.failed_attempts)
                           & (Clerk.locked_until == counted.locked_until))
        let_in = Clerk.update(failed_attempts=0, locked_until=None).where(
            (Clerk.id == clerk_id) & (Clerk.active == True) & not_locked).execute()  # noqa: E712
        if not let_in:
            return False
        if upgraded and Clerk.update(password_hash=upgraded).where(
                (Clerk.id == clerk_id)
                & (Clerk.password_hash == counted.password_hash)).execute():
            uow.audit("clerk.rehash", "clerk", clerk_id,
                      before={"cost": _cost_words(counted.password_hash)},
                      after={"cost": _cost_words(upgraded)})
    return True


@retry_on_conflict
def _count_check(clock: Clock, attempt: Actor, clerk_id: int, now: dt.datetime) -> Clerk | None:
    """Count one password check against the account, unless it is locked (None then):
    the account's count and lock after this one, and the hash to check against. A lock
    that has run out starts the count afresh."""
    ran_out = Clerk.locked_until <= now  # NULL (never locked) is neither in force nor run out
    with_this_one = pw.Case(None, [(ran_out, 0)], Clerk.failed_attempts) + 1
    locks = with_this_one >= MAX_FAILED_ATTEMPTS
    with unit_of_work(clock, attempt):
        counted = Clerk.update(
            # a lock starts the next count afresh, as an unlock does
            failed_attempts=pw.Case(None, [(locks, 0)], with_this_one),
            locked_until=pw.Case(None, [(locks, now + dt.timedelta(minutes=LOCK_MINUTES))],
                                 None),
        ).where((Clerk.id == clerk_id) & (Clerk.active == True)  # noqa: E712
                & (Clerk.locked_until.is_null() | ran_out)).execute()
        if not counted:
            return None
        # Our UPDATE holds the row (PostgreSQL) or the database (SQLite) until COMMIT.
        return Clerk.select(Clerk.failed_attempts, Clerk.locked_until,
                            Clerk.password_hash).where(Clerk.id == clerk_id).get()


def _still_locked(clerk_id: int, now: dt.datetime) -> str:
    clerk = Clerk.get_or_none(Clerk.id == clerk_id)
    if clerk is None or not clerk.active:
        return msg.CLERK_UNKNOWN
    if clerk.locked_until is None or clerk.locked_until <= now:
        return msg.CLERK_LOCKED.format(minutes=LOCK_MINUTES)  # locked and unlocked meanwhile
    minutes = max(1, math.ceil((clerk.locked_until - now).total_seconds() / 60))
    return msg.CLERK_LOCKED.format(minutes=minutes)


def _cost_words(stored: str) -> str:
    cost = passwords.cost_of(stored)
    return f"scrypt N=2^{cost.log_n} r={cost.r} p={cost.p}" if cost else ""


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
    stored = passwords.hash_password(password)
    with unit_of_work(clock, actor) as uow:
        clerk = _account(username)
        Clerk.update(password_hash=stored, failed_attempts=0,
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

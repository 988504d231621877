"""`yibao lookup --full-id`: whole ID and phone numbers, for a supervisor only.

The command line has no session: the supervisor signs in for this one command with
--clerk USERNAME and a password typed at the terminal (not echoed; the queries may come
on stdin meanwhile) or, with --password-stdin, read from stdin's first line. The sign-in
goes through models/access/clerks.authenticate (a wrong password counts towards the
lock-out as at the counter), the role must be supervisor or admin, and each use is one
audit event, "lookup.full_id", in the supervisor's name with the number of queries
answered in full.
"""

import getpass
import sys

from models.access import clerks
from models.core.actor import Actor
from models.core.clock import Clock
from models.core.errors import DomainError
from models.core.unit_of_work import unit_of_work
from models.rules.clean_text import is_fit
from models.texts import cli as t

AUDIT_ACTION = "lookup.full_id"
REQUIRED_ROLE = "supervisor"


def sign_in(clock: Clock, username: str, password_stdin: bool) -> Actor:
    actor = sign_in_clerk(clock, username, password_stdin)
    actor.require(REQUIRED_ROLE)
    return actor


def sign_in_clerk(clock: Clock, username: str, password_stdin: bool,
                  counter: str | None = None) -> Actor:
    """Any clerk, for one command (pay, void, refund): the service checks the role."""
    password = _stdin_password() if password_stdin else _terminal_password()
    if not is_fit(password) or not is_fit(username):
        raise DomainError(t.PASSWORD_NOT_TEXT)
    return clerks.authenticate(clock, username, password, counter)


def record_use(clock: Clock, actor: Actor, queries: int) -> None:
    with unit_of_work(clock, actor) as uow:
        uow.audit(AUDIT_ACTION, "lookup", after={"queries": queries})


def _stdin_password() -> str:
    """Stdin's first line, read from the same byte stream the --stdin queries come from
    (a text-layer readline would buffer, and swallow, the queries after it)."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:
        return sys.stdin.readline().rstrip("\r\n")
    return binary.readline().rstrip(b"\r\n").decode("utf-8", "surrogateescape")


def _terminal_password() -> str:
    """From the controlling terminal, even when stdin is a pipe of queries; with no
    terminal getpass would fall back to reading stdin (and eat a query): refused."""
    try:
        with open("/dev/tty", "rb"):
            pass
    except OSError:
        raise DomainError(t.FULL_ID_NO_TERMINAL) from None
    try:
        return getpass.getpass(t.CLERK_PASSWORD_PROMPT)
    except EOFError:  # Ctrl+D at the prompt
        raise DomainError(t.FULL_ID_NO_PASSWORD) from None

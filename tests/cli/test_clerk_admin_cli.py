"""`yibao clerk list | unlock | disable | passwd` (issue 9, point 14): the command line
administers accounts as the system actor, and every change is in the audit trail."""

import datetime as dt
import json

import pytest
from actors import SYSTEM
from cli_process import TODAY, one_chinese_line, yibao

from models.access import clerks
from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.errors import DomainError
from models.core.schema import AuditEvent

CLOCK = FixedClock(dt.date.fromisoformat(TODAY))


def clerk(*args: str, stdin: str | None = None):
    """`yibao clerk ARGS --today TODAY` (the lock-out below runs on that day's clock)."""
    return yibao("clerk", *args, "--today", TODAY, stdin=stdin)


@pytest.fixture
def hall(empty_database):
    """A database with an administrator and a clerk, the clerk locked out by five wrong
    passwords at the counter (init by the owner; the rest as the app role)."""
    assert yibao("init", "--db", empty_database.owner, "--region", "demo").returncode == 0
    db_url = empty_database.app
    handle = open_database(db_url)
    clerks.add_clerk(CLOCK, SYSTEM, username="wu_admin", display_name="吴管理", role="admin",
                     password="admin-pass-1")
    clerks.add_clerk(CLOCK, SYSTEM, username="zhou", display_name="周经办", role="clerk",
                     password="counter-2027")
    for _ in range(clerks.MAX_FAILED_ATTEMPTS):
        with pytest.raises(DomainError):
            clerks.authenticate(CLOCK, "zhou", "guess-1234")
    yield db_url
    if hasattr(handle, "close_all"):
        handle.close_all()
    else:
        handle.close()


def can_sign_in(password: str) -> bool:
    try:
        return clerks.authenticate(CLOCK, "zhou", password).username == "zhou"
    except DomainError:
        return False


def test_list_shows_every_account_and_the_lock(hall):
    listed = clerk("list", "--db", hall)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "用户名\t姓名\t角色\t状态\t锁定至",
        "wu_admin\t吴管理\t管理员\t在用\t-",
        "zhou\t周经办\t经办员\t在用\t2026-11-22 09:15",
    ]
    page = json.loads(clerk("list", "--db", hall, "--json").stdout)
    assert page["clerks"][1] == {"username": "zhou", "display_name": "周经办", "role": "clerk",
                                 "active": True, "locked_until": "2026-11-22T09:15:00",
                                 "failed_attempts": 0}


def test_unlock_then_passwd_then_disable(hall):
    assert not can_sign_in("counter-2027")  # locked
    unlocked = clerk("unlock", "zhou", "--db", hall)
    assert unlocked.returncode == 0 and unlocked.stdout.strip() == "已解除账号 zhou（周经办）的锁定"
    assert can_sign_in("counter-2027")

    changed = clerk("passwd", "zhou", "--db", hall, "--password-stdin", stdin="new-secret-9\n")
    assert changed.returncode == 0 and "已为账号 zhou（周经办）设置新密码" in changed.stdout
    assert can_sign_in("new-secret-9") and not can_sign_in("counter-2027")

    disabled = clerk("disable", "zhou", "--db", hall)
    assert disabled.returncode == 0 and disabled.stdout.strip() == "已停用账号 zhou（周经办）"
    assert not can_sign_in("new-secret-9")
    assert "zhou\t周经办\t经办员\t已停用\t-" in clerk("list", "--db", hall).stdout

    actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.seq)
               if e.action != "clerk.login_failed"]
    assert actions[-3:] == ["clerk.unlock", "clerk.passwd", "clerk.disable"]
    assert yibao("audit", "verify", "--db", hall).returncode == 0


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["unlock", "nobody"], None, "没有账号“nobody”"),
        (["unlock", "wu_admin"], None, "账号“wu_admin”没有被锁定"),
        (["disable", "nobody"], None, "没有账号“nobody”"),
        (["passwd", "zhou", "--password-stdin"], "short\n", "密码至少8位"),
        (["passwd", "zhou"], "", "请加 --password-stdin"),  # no terminal to ask on
    ],
)
def test_refusals_are_one_chinese_line_and_change_nothing(hall, args, stdin, message):
    before = AuditEvent.select().count()
    result = clerk(*args[:1], "--db", hall, *args[1:], stdin=stdin)
    assert result.returncode == 2 and one_chinese_line(result.stderr)
    assert message in result.stderr
    assert AuditEvent.select().count() == before
    assert not can_sign_in("counter-2027")  # still locked, password unchanged

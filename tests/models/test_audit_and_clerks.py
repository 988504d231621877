import datetime as dt

import peewee as pw
import pytest
from actors import ADMIN, CLERK, SUPERVISOR

from models.access import clerks
from models.core import audit
from models.core.clock import FixedClock
from models.core.db import is_postgres
from models.core.errors import DomainError
from models.core.schema import AuditEvent, Clerk


def drop_append_only_guard(db):
    """What someone tampering with the database directly would do first."""
    if is_postgres(db):
        db.execute_sql("DROP TRIGGER audit_event_append_only ON audit_event")
    else:
        db.execute_sql("DROP TRIGGER audit_event_no_update")
        db.execute_sql("DROP TRIGGER audit_event_no_delete")


def add(clock, username="li_clerk", role="clerk", password="correct-horse"):
    return clerks.add_clerk(clock, ADMIN, username=username, display_name="李经办", role=role,
                            password=password)


def test_clerk_passwords_are_scrypt_hashed_and_checked(db, clock):
    info = add(clock)
    stored = Clerk.get_by_id(info.id).password_hash
    assert stored.startswith("scrypt$") and "correct-horse" not in stored
    assert clerks.authenticate(clock, "li_clerk", "correct-horse").role == "clerk"
    with pytest.raises(DomainError) as e:
        clerks.authenticate(clock, "li_clerk", "wrong-password")
    assert e.value.message == "用户名或密码错误"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [({"username": "a"}, "用户名只能"), ({"role": "boss"}, "角色只能是"),
     ({"password": "short"}, "密码至少8位")],
)
def test_clerk_refusals(db, clock, kwargs, fragment):
    with pytest.raises(DomainError) as e:
        add(clock, **kwargs)
    assert fragment in e.value.message


@pytest.mark.parametrize("actor", [CLERK, SUPERVISOR])
def test_only_an_administrator_adds_accounts(db, clock, actor):
    with pytest.raises(DomainError) as e:
        clerks.add_clerk(clock, actor, username="newbie", display_name="新人", role="clerk",
                         password="long-enough")
    assert e.value.message == "此操作需要管理员权限"
    assert not Clerk.select().exists() and not AuditEvent.select().exists()


def test_signing_in_gives_the_actor_at_this_counter(db, clock):
    info = add(clock, role="supervisor")
    actor = clerks.authenticate(clock, "li_clerk", "correct-horse", counter="07")
    assert (actor.clerk_id, actor.username, actor.role, actor.counter, actor.display_name) == (
        info.id, "li_clerk", "supervisor", "07", "李经办")


def test_duplicate_username_refused(db, clock):
    add(clock)
    with pytest.raises(DomainError) as e:
        add(clock)
    assert "已存在" in e.value.message


def test_lock_out_after_five_failures_then_unlocks(db, clock):
    add(clock)
    for _ in range(4):
        with pytest.raises(DomainError):
            clerks.authenticate(clock, "li_clerk", "nope-nope")
    with pytest.raises(DomainError) as e:
        clerks.authenticate(clock, "li_clerk", "nope-nope")
    assert "已锁定" in e.value.message
    with pytest.raises(DomainError) as e:  # even the right password waits
        clerks.authenticate(clock, "li_clerk", "correct-horse")
    assert "已锁定" in e.value.message
    later = FixedClock(clock.today() + dt.timedelta(days=1))
    assert clerks.authenticate(later, "li_clerk", "correct-horse").username == "li_clerk"
    failures = AuditEvent.select().where(AuditEvent.action == "clerk.login_failed").count()
    assert failures == 5


def test_every_change_is_chained_and_verifies(db, clock):
    add(clock)
    add(clock, username="wang_sup", role="supervisor")
    report = audit.verify()
    assert report.ok and report.count == 2
    events = list(AuditEvent.select().order_by(AuditEvent.seq))
    assert events[1].prev_hash == events[0].hash
    assert events[0].clerk == "admin" and '"role": "clerk"' in events[0].after


def test_the_database_refuses_edits_and_deletes_of_audit_events(db, as_owner, clock):
    """The triggers hold even for the owner (the app role is not granted either:
    test_pg_roles)."""
    add(clock)
    with as_owner() as owner:
        with pytest.raises(pw.DatabaseError, match="append-only"), owner.atomic():
            AuditEvent.update(reason="x").execute()
        with pytest.raises(pw.DatabaseError, match="append-only"), owner.atomic():
            AuditEvent.delete().execute()
    assert audit.verify().ok


def test_edited_event_is_detected(db, as_owner, clock):
    add(clock)
    add(clock, username="wang_sup", role="supervisor")
    with as_owner() as owner:  # a tamperer with the owner's password
        drop_append_only_guard(owner)
        AuditEvent.update(after='{"role": "admin"}').where(AuditEvent.seq == 1).execute()
    report = audit.verify()
    assert not report.ok and "第1条审计记录内容被改动" in report.message


def test_deleted_event_is_detected(db, as_owner, clock):
    for name in ("aaa", "bbb", "ccc"):
        add(clock, username=name)
    with as_owner() as owner:  # a tamperer with the owner's password
        drop_append_only_guard(owner)
        AuditEvent.delete().where(AuditEvent.seq == 2).execute()
    report = audit.verify()
    assert not report.ok and "第2条缺失" in report.message


def test_deleted_last_event_is_detected(db, as_owner, clock):
    for name in ("aaa", "bbb"):
        add(clock, username=name)
    with as_owner() as owner:  # a tamperer with the owner's password
        drop_append_only_guard(owner)
        AuditEvent.delete().where(AuditEvent.seq == 2).execute()
    report = audit.verify()
    assert not report.ok and "末尾的记录缺失" in report.message


def test_walking_the_chain_does_not_lock_out_a_counter(tmp_path, clock):
    """SQLite: verify reads in a deferred transaction, so a counter can still write."""
    import threading

    from models.core.db import database, open_database, read_snapshot

    handle = open_database(f"sqlite:///{tmp_path / 'walk.db'}")
    add(clock)
    inside, release, failures = threading.Event(), threading.Event(), []

    def reader():
        with read_snapshot():
            AuditEvent.select().count()
            inside.set()
            release.wait(30)  # longer than the busy timeout: a blocked writer gives up
        database.close()

    thread = threading.Thread(target=reader)
    thread.start()
    inside.wait(5)
    try:
        add(clock, username="second")  # a write while the reader holds its snapshot
    except pw.OperationalError as e:  # what an IMMEDIATE (write-locking) read would cause
        failures.append(e)
    finally:
        release.set()
        thread.join()
    # A write-locking read would hold the writer for the whole busy timeout, then refuse it.
    assert not failures
    assert audit.verify().count == 2
    handle.close()


# --- administration (issue 9, point 14) -------------------------------------------------

def lock_out(clock, username="li_clerk"):
    for _ in range(clerks.MAX_FAILED_ATTEMPTS):
        with pytest.raises(DomainError):
            clerks.authenticate(clock, username, "nope-nope")


def admin_actions() -> list[str]:
    return [e.action for e in AuditEvent.select().order_by(AuditEvent.seq)
            if e.action not in ("clerk.add", "clerk.login_failed")]


@pytest.mark.parametrize("actor", [CLERK, SUPERVISOR])
@pytest.mark.parametrize(
    "call",
    [lambda c, a: clerks.list_clerks(c, a), lambda c, a: clerks.unlock_clerk(c, a, "li_clerk"),
     lambda c, a: clerks.disable_clerk(c, a, "li_clerk"),
     lambda c, a: clerks.set_password(c, a, "li_clerk", "brand-new-pass")],
    ids=["list", "unlock", "disable", "passwd"],
)
def test_only_an_administrator_administers_accounts(db, clock, actor, call):
    add(clock)
    lock_out(clock)
    before = Clerk.get(Clerk.username == "li_clerk")
    with pytest.raises(DomainError) as e:
        call(clock, actor)
    assert e.value.message == "此操作需要管理员权限"
    after = Clerk.get(Clerk.username == "li_clerk")
    assert (after.active, after.locked_until, after.password_hash) == (
        before.active, before.locked_until, before.password_hash)
    assert admin_actions() == []


def test_the_list_shows_who_is_locked_and_until_when(db, clock):
    add(clock)
    add(clock, username="wang_sup", role="supervisor")
    lock_out(clock)
    rows = {row.username: row for row in clerks.list_clerks(clock, ADMIN)}
    assert list(rows) == ["li_clerk", "wang_sup"]
    li = rows["li_clerk"]
    assert (li.display_name, li.role, li.active) == ("李经办", "clerk", True)
    assert li.locked_until == clock.now() + dt.timedelta(minutes=clerks.LOCK_MINUTES)
    assert rows["wang_sup"].locked_until is None
    later = FixedClock(clock.today() + dt.timedelta(days=1))
    assert clerks.list_clerks(later, ADMIN)[0].locked_until is None  # the lock ran out
    assert admin_actions() == []  # reading the list changes nothing


def test_unlock_lets_the_clerk_in_again_and_is_audited(db, clock):
    info = add(clock)
    lock_out(clock)
    row = clerks.unlock_clerk(clock, ADMIN, "li_clerk")
    assert row.locked_until is None and row.failed_attempts == 0
    assert clerks.authenticate(clock, "li_clerk", "correct-horse").clerk_id == info.id
    event = AuditEvent.get(AuditEvent.action == "clerk.unlock")
    assert (event.clerk, event.entity, event.entity_id) == ("admin", "clerk", str(info.id))
    assert '"locked_until": null' in event.after and "09:15" in event.before
    assert audit.verify().ok
    with pytest.raises(DomainError) as e:
        clerks.unlock_clerk(clock, ADMIN, "li_clerk")
    assert e.value.message == "账号“li_clerk”没有被锁定"


def test_disable_stops_the_sign_in_and_keeps_the_account(db, clock):
    info = add(clock)
    row = clerks.disable_clerk(clock, ADMIN, "li_clerk")
    assert row.active is False and Clerk.get_by_id(info.id).username == "li_clerk"
    with pytest.raises(DomainError) as e:
        clerks.authenticate(clock, "li_clerk", "correct-horse")
    assert e.value.message == "用户名或密码错误"
    assert clerks.acting_as("li_clerk") is None
    assert admin_actions() == ["clerk.disable"]
    for call in (clerks.disable_clerk, clerks.unlock_clerk):
        with pytest.raises(DomainError) as e:
            call(clock, ADMIN, "li_clerk")
        assert e.value.message == "账号“li_clerk”已停用"


def test_an_administrator_cannot_disable_their_own_account(db, clock):
    info = add(clock, username="wu_admin", role="admin")
    me = clerks.authenticate(clock, "wu_admin", "correct-horse")
    assert me.clerk_id == info.id
    with pytest.raises(DomainError) as e:
        clerks.disable_clerk(clock, me, "wu_admin")
    assert e.value.message == "不能停用自己正在使用的账号"
    assert Clerk.get_by_id(info.id).active


def test_a_new_password_replaces_the_old_and_ends_the_lock(db, clock):
    info = add(clock)
    lock_out(clock)
    clerks.set_password(clock, ADMIN, "li_clerk", "brand-new-pass")
    assert clerks.authenticate(clock, "li_clerk", "brand-new-pass").clerk_id == info.id
    with pytest.raises(DomainError):
        clerks.authenticate(clock, "li_clerk", "correct-horse")
    event = AuditEvent.get(AuditEvent.action == "clerk.passwd")
    stored = Clerk.get_by_id(info.id).password_hash
    assert "brand-new-pass" not in event.after and stored not in event.after
    with pytest.raises(DomainError) as e:
        clerks.set_password(clock, ADMIN, "li_clerk", "short")
    assert e.value.message == "密码至少8位"
    assert Clerk.get_by_id(info.id).password_hash == stored


@pytest.mark.parametrize("call", [clerks.unlock_clerk, clerks.disable_clerk])
def test_an_unknown_account_is_named(db, clock, call):
    with pytest.raises(DomainError) as e:
        call(clock, ADMIN, "nobody")
    assert e.value.message == "没有账号“nobody”"

"""The unit of work: one transaction per use case, audit events only inside one, and
after-commit actions that never run when the work rolls back. On both databases."""

import peewee as pw
import pytest
from actors import CLERK, SYSTEM

from models.core import audit
from models.core.actor import Actor, counter_from_config
from models.core.errors import DomainError
from models.core.schema import AuditEvent, Township
from models.core.unit_of_work import (
    AfterCommitFailed,
    AfterCommitOutsideUnitOfWork,
    unit_of_work,
)


def test_after_commit_runs_once_the_work_is_committed(db, clock):
    seen = []
    with unit_of_work(clock, CLERK) as uow:
        Township.create(name="青石镇", code="001")
        uow.audit("test.write", "township", 1, after={"name": "青石镇"})
        # Registered inside: it must not have run yet, and must see the committed row.
        uow.after_commit(lambda: seen.append(Township.select().count()))
        assert seen == []
    assert seen == [1]
    event = AuditEvent.get()
    assert (event.action, event.clerk) == ("test.write", "li")


def test_after_commit_never_runs_when_the_work_rolls_back(db, clock):
    seen = []
    with pytest.raises(DomainError), unit_of_work(clock, CLERK) as uow:
        Township.create(name="青石镇", code="001")
        uow.audit("test.write", "township", 1)
        uow.after_commit(lambda: seen.append("printed"))
        raise DomainError("窗口拒绝")
    assert seen == []
    assert Township.select().count() == 0 and AuditEvent.select().count() == 0
    assert audit.verify().ok


def test_a_failed_statement_rolls_back_everything_and_runs_nothing(db, clock):
    seen = []
    Township.create(name="青石镇", code="001")
    with pytest.raises(pw.IntegrityError), unit_of_work(clock, CLERK) as uow:
        Township.create(name="白沙镇", code="002")
        uow.after_commit(lambda: seen.append("printed"))
        Township.create(name="青石镇", code="003")  # the unique name: the database refuses
    assert seen == []
    assert [t.name for t in Township.select()] == ["青石镇"]


def test_a_nested_use_case_waits_for_the_outer_commit(db, clock):
    seen = []
    with pytest.raises(DomainError), unit_of_work(clock, SYSTEM):
        with unit_of_work(clock, CLERK) as inner:
            Township.create(name="青石镇", code="001")
            inner.after_commit(lambda: seen.append("inner"))
        assert seen == []  # the inner block ended, but nothing is committed yet
        raise DomainError("外层失败")
    assert seen == [] and Township.select().count() == 0

    with unit_of_work(clock, SYSTEM):
        with unit_of_work(clock, CLERK) as inner:
            inner.after_commit(lambda: seen.append("inner"))
        assert seen == []
    assert seen == ["inner"]


def test_a_failing_after_commit_action_says_the_work_was_kept(db, clock):
    seen = []

    def broken():
        raise OSError("打印机未连接")

    with pytest.raises(AfterCommitFailed) as e, unit_of_work(clock, CLERK) as uow:
        Township.create(name="青石镇", code="001")
        uow.after_commit(broken)
        uow.after_commit(lambda: seen.append("second"))
    assert "已保存" in e.value.message and "打印机未连接" in e.value.message
    assert seen == ["second"] and Township.select().count() == 1


def test_an_audit_event_outside_a_transaction_is_refused(db, clock):
    with pytest.raises(audit.AuditOutsideTransaction):
        audit.record(clock, clerk="li", action="test.write", entity="township")
    assert AuditEvent.select().count() == 0


def test_roles_rank_and_are_checked_by_services():
    clerk = Actor(1, "li", "clerk", "01")
    supervisor = Actor(2, "zhao", "supervisor", "01")
    assert supervisor.at_least("clerk") and not clerk.at_least("supervisor")
    supervisor.require("supervisor")
    with pytest.raises(DomainError, match="需要审核员权限"):
        clerk.require("supervisor")
    SYSTEM.require("admin")


def test_the_counter_comes_from_config(tmp_path, monkeypatch):
    assert counter_from_config() == "01"
    config = tmp_path / "config.toml"
    config.write_text('counter = "W3"\n', encoding="utf-8")
    monkeypatch.setenv("YIBAO_CONFIG", str(config))
    assert counter_from_config() == "W3"
    monkeypatch.setenv("YIBAO_COUNTER", "W9")
    assert counter_from_config() == "W9"
    monkeypatch.setenv("YIBAO_COUNTER", "窗口 一")
    with pytest.raises(DomainError, match="窗口号"):
        counter_from_config()
    monkeypatch.delenv("YIBAO_COUNTER")
    config.write_text("counter = [", encoding="utf-8")
    with pytest.raises(DomainError, match="配置文件"):
        counter_from_config()


def test_an_after_commit_action_inside_someone_elses_transaction_is_refused(db, clock):
    """Inside a plain transaction the unit of work is a savepoint: its end is not COMMIT."""
    seen = []
    with db.atomic(), unit_of_work(clock, CLERK) as uow:
        with pytest.raises(AfterCommitOutsideUnitOfWork):
            uow.after_commit(lambda: seen.append("too early"))
        Township.create(name="青石镇", code="001")
    assert seen == [] and Township.select().count() == 1

"""The audit key: made with a new database, outside it, refused when missing or wrong
(nothing written); an older database keeps its plain-hashed events verifiable; anchors."""

import dataclasses
import hashlib
import json
import os
import stat

import pytest
from actors import ADMIN, CLERK, SYSTEM
from playhouse.migrations import Runner
from registry_helpers import DOCS, make_id, person

from models.access import clerks
from models.core import audit, audit_anchor, audit_key
from models.core.db import MIGRATIONS, database, is_postgres, open_database
from models.core.errors import DomainError
from models.core.schema import AuditEvent, AuditHead, AuditMeta, Clerk, Person
from models.registry.regions import load_region
from models.registry.registration import NewHousehold, correct_person, register_person
from models.rules.region_file import read_region_file, resolve_region_path


def add(clock, username="li_clerk"):
    return clerks.add_clerk(clock, ADMIN, username=username, display_name="李经办", role="clerk",
                            password="correct-horse")


def counts():
    return AuditEvent.select().count(), Clerk.select().count()


def test_the_first_write_makes_the_key_file_and_stores_only_its_fingerprint(db, clock):
    path = audit_key.key_path()
    assert not path.exists()
    add(clock)
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    key = path.read_bytes()
    assert len(key) == 32
    meta = AuditMeta.get()
    assert meta.keyed_from == 1 and meta.key_id == audit_key.key_id(key)
    dumped = json.dumps([list(r) for r in AuditMeta.select().tuples()])
    assert key.hex() not in dumped
    event = AuditEvent.get()
    assert event.hash != _plain_hash(event)  # keyed: the published rule alone is not enough
    assert audit.verify().ok


def test_a_missing_key_is_a_clear_refusal_and_nothing_is_written(db, clock, tmp_path,
                                                                 monkeypatch):
    add(clock)
    before = counts()
    missing = tmp_path / "elsewhere" / "audit.key"
    monkeypatch.setenv("YIBAO_AUDIT_KEY", str(missing))
    with pytest.raises(DomainError) as e:
        add(clock, username="second")
    assert str(missing) in e.value.message and "复制" in e.value.message
    assert counts() == before and not missing.exists()
    with pytest.raises(DomainError) as e:
        audit.verify()
    assert "找不到审计密钥文件" in e.value.message


def test_a_wrong_key_is_refused_and_nothing_is_written(db, clock, tmp_path, monkeypatch):
    add(clock)
    before = counts()
    other = tmp_path / "other.key"
    other.write_bytes(os.urandom(32))
    monkeypatch.setenv("YIBAO_AUDIT_KEY", str(other))
    for call in (lambda: add(clock, username="second"), audit.verify,
                 lambda: audit.open_for_work(clock, create=False)):
        with pytest.raises(DomainError) as e:
            call()
        assert e.value.message.startswith("审计密钥与本数据库不符")
    assert counts() == before


def test_the_key_path_comes_from_the_config_file_when_not_in_the_environment(
        db, clock, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text(f'audit_key = "{tmp_path / "hall.key"}"\n', encoding="utf-8")
    monkeypatch.setenv("YIBAO_CONFIG", str(config))
    monkeypatch.delenv("YIBAO_AUDIT_KEY")
    assert audit_key.key_path() == tmp_path / "hall.key"
    add(clock)
    assert (tmp_path / "hall.key").exists() and audit.verify().ok


def test_a_short_key_file_is_named(db, clock):
    audit_key.key_path().write_bytes(b"short")
    with pytest.raises(DomainError) as e:
        add(clock)
    assert "已损坏" in e.value.message and counts() == (0, 0)


# --- an older database ---------------------------------------------------------------

def _plain_hash(row) -> str:
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    at = get("at")
    material = [get("seq"), at.isoformat(sep=" ") if hasattr(at, "isoformat") else str(at),
                get("clerk"), get("action"), get("entity"), get("entity_id"), get("before"),
                get("after"), get("reason"), get("documents"), get("prev_hash")]
    payload = json.dumps(material, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _old_event(clock, action, entity, entity_id, after):
    """As the code before issue 10 wrote an event: plain SHA-256, the head moved by hand."""
    head = AuditHead.select().get()
    row = {"seq": head.seq + 1, "at": clock.now(), "clerk": "", "action": action,
           "entity": entity, "entity_id": str(entity_id), "before": "",
           "after": json.dumps(after), "reason": "", "documents": "", "prev_hash": head.hash}
    row["hash"] = _plain_hash(row)
    AuditEvent.insert(**row).execute()
    AuditHead.update(seq=row["seq"], hash=row["hash"]).execute()


@pytest.fixture
def old_database(db_urls, clock, region):
    """A database as the code before issue 10 left it: schema up to 0003, two people and
    plain-hashed events, no key anywhere. Made, upgraded and tampered with as the owner
    (on PostgreSQL the app role may do none of it)."""
    family = register_person(clock, CLERK, person("王建国", make_id("19800101", "011")),
                             new_household=NewHousehold(region, "青石村3组"), documents=DOCS)
    db = open_database(db_urls.owner, migrate=False)
    Runner(db, str(MIGRATIONS)).down("0004_keyed_audit")
    if is_postgres(db):
        db.execute_sql("TRUNCATE audit_event")
    else:  # the append-only guard off for a moment: these events were keyed
        db.execute_sql("DROP TRIGGER audit_event_no_delete")
        db.execute_sql("DELETE FROM audit_event")
        db.execute_sql("CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
                       "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END")
    db.execute_sql("UPDATE audit_head SET seq = 0, hash = ?" if not is_postgres(db) else
                   "UPDATE audit_head SET seq = 0, hash = %s", ("0" * 64,))
    _old_event(clock, "region.load", "region", "430225", {})
    _old_event(clock, "person.register", "person", family.id, {"name": "王建国"})
    _old_event(clock, "clerk.add", "clerk", 1, {"role": "clerk"})
    audit_key.key_path().unlink()
    audit_key.forget()
    reopened = open_database(db_urls.owner)  # 0004 now
    assert Person.get_by_id(family.id).seal is None
    yield reopened, family
    for handle in {db, reopened}:
        handle.close_all() if hasattr(handle, "close_all") else handle.close()


def test_an_older_database_is_keyed_on_opening_and_its_old_events_still_verify(
        old_database, clock):
    _, family = old_database
    path, created = audit.open_for_work(clock, create=False)
    assert created and path.exists()
    meta = AuditMeta.get()
    assert meta.keyed_from == 4
    key_event = AuditEvent.get(AuditEvent.seq == 4)
    assert key_event.action == "audit.key" and json.loads(key_event.after)["unkeyed"] == 3
    report = audit.verify()
    assert report.ok and report.count == 4 and report.unkeyed == 3 and report.people == 1
    assert "其中3条早于审计密钥启用" in report.message
    detail = correct_person(clock, CLERK, family.id, family.version,
                            dataclasses.replace(family.as_input(), phone="13800138000"),
                            reason="电话", documents=DOCS)
    assert detail.phone == "13800138000"
    report = audit.verify()
    assert report.ok and report.count == 5 and report.unkeyed == 3


def test_an_older_event_edited_after_the_upgrade_is_still_caught(old_database, clock):
    audit.open_for_work(clock, create=False)
    db = database.obj
    if is_postgres(db):
        db.execute_sql("DROP TRIGGER audit_event_append_only ON audit_event")
    else:
        db.execute_sql("DROP TRIGGER audit_event_no_update")
    AuditEvent.update(after='{"role": "admin"}').where(AuditEvent.seq == 3).execute()
    assert "第3条审计记录内容被改动" in audit.verify().message


def test_keyed_events_rewritten_by_the_old_rule_are_caught(old_database, clock):
    """Downgrading: the marker says from which event the key applies, and it is sealed."""
    audit.open_for_work(clock, create=False)
    add(clock)
    db = database.obj
    if is_postgres(db):
        db.execute_sql("DROP TRIGGER audit_event_append_only ON audit_event")
    else:
        db.execute_sql("DROP TRIGGER audit_event_no_update")
    event = AuditEvent.get(AuditEvent.seq == 5)
    row = {f: getattr(event, f) for f in ("seq", "at", "clerk", "action", "entity", "entity_id",
                                          "before", "after", "reason", "documents",
                                          "prev_hash")}
    row["after"] = '{"role": "admin"}'
    AuditEvent.update(after=row["after"], hash=_plain_hash(row)).where(
        AuditEvent.seq == 5).execute()
    AuditMeta.update(keyed_from=6).execute()
    message = audit.verify().message
    assert "审计密钥记录被改动" in message


# --- anchors ----------------------------------------------------------------------------

def test_an_anchor_holds_until_the_chain_is_rewound(db, clock, region):
    add(clock)
    anchor = audit.current_anchor()
    line = anchor.line
    assert line.startswith("yibao-audit 2 2026-11-22T09:00 ") and len(line.split()) == 5
    parsed = audit_anchor.parse_anchor(line.upper().replace("YIBAO-AUDIT", "yibao-audit"))
    assert audit.verify(anchors=(parsed,)).ok
    forged = dataclasses.replace(parsed, head="0" * 16)
    assert "校验码不符" in audit.verify(anchors=(forged,)).message
    add(clock, username="second")
    assert audit.verify(anchors=(parsed,)).ok  # later events do not matter


def test_a_bad_anchor_line_is_named(tmp_path):
    with pytest.raises(DomainError) as e:
        audit_anchor.parse_anchor("yibao-audit x y z")
    assert "格式不对" in e.value.message
    empty = tmp_path / "anchors.txt"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(DomainError) as e:
        audit_anchor.read_anchors(str(empty))
    assert "没有审计锚" in e.value.message


def test_the_local_anchor_follows_each_commit_and_a_failure_to_write_it_loses_nothing(
        db, clock, region, monkeypatch, tmp_path):
    add(clock)
    meta = AuditMeta.get()
    head = AuditHead.get()
    assert audit_anchor.local_anchor(meta.database_id) == (head.seq, head.hash)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("YIBAO_ANCHOR_FILE", str(blocked / "anchors.json"))
    add(clock, username="second")  # the anchor cannot be written: the save stands
    assert Clerk.select().count() == 2 and audit.verify().ok


def test_a_generated_county_is_sealed_under_its_event(db, clock):
    from models.demo.generator import generate_county

    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    generate_county(clock, SYSTEM, 300, seed=2)
    event = AuditEvent.get(AuditEvent.action == "county.generate")
    assert json.loads(event.after)["sealed_persons"] == [1, Person.select().count()]
    assert {p.audit_seq for p in Person.select()} == {event.seq}
    report = audit.verify()
    assert report.ok and report.people == Person.select().count()

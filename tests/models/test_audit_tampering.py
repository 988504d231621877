"""Tampering with the audit trail, as someone with direct database access but without the
audit key would: one table of cases, each a tamper function and what must come of it, on
SQLite (a second connection to the file) and PostgreSQL (the test server's superuser).

"impossible": the database refuses the tampering itself and verify still passes;
"detected": the tampering goes through and `audit.verify` reports it (the fragment).

The scenario: the demo region, a family of three, the child's phone corrected, a clerk
added (the last event), all through the services, so this counter's anchor file holds
the last event.
"""

import dataclasses
import hashlib
import json
import re
import sqlite3
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

import psycopg2
import pytest
from actors import ADMIN, CLERK
from registry_helpers import DOCS

from models.access import clerks
from models.core import audit, audit_anchor
from models.core.db import is_postgres
from models.core.schema import Person
from models.registry.people import person_history
from models.registry.registration import correct_person

GENESIS = "0" * 64


class Attacker:
    """A second connection, outside the app, with every right on the database."""

    def __init__(self, db, db_url, server_url: str | None = None):
        """On PostgreSQL as the test server's superuser (`server_url`, the pg_server_url
        fixture), on the test's database, whatever role the app itself connects as."""
        self.pg = is_postgres(db)
        if self.pg:
            server = urllib.parse.urlsplit(server_url or db_url)
            params = {k: v[-1] for k, v in urllib.parse.parse_qs(server.query).items()}
            self.con = psycopg2.connect(dbname=urllib.parse.urlsplit(db_url).path.strip("/"),
                                        user=urllib.parse.unquote(server.username or "") or None,
                                        password=urllib.parse.unquote(server.password or "")
                                        or None,
                                        host=server.hostname or params.get("host"),
                                        port=server.port or params.get("port"))
            self.con.autocommit = True
        else:
            self.con = sqlite3.connect(db.database, isolation_level=None)

    def sql(self, text: str, params: tuple = ()) -> list[tuple]:
        if self.pg:
            text = text.replace("?", "%s")
        cursor = self.con.cursor()
        cursor.execute(text, params)
        if cursor.description is None:
            return []
        return list(cursor.fetchall())

    def close(self):
        self.con.close()

    # what a tamperer does first
    def drop_append_only(self):
        if self.pg:
            self.sql("DROP TRIGGER audit_event_append_only ON audit_event")
        else:
            self.sql("DROP TRIGGER audit_event_no_update")
            self.sql("DROP TRIGGER audit_event_no_delete")

    def drop_chain_guard(self):
        """The insert trigger (seq follows the head) and, on PostgreSQL, the seq > 0 check."""
        if self.pg:
            self.sql("DROP TRIGGER IF EXISTS audit_event_chain ON audit_event")
            self.sql("ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS audit_event_seq_positive")
        else:
            self.sql("DROP TRIGGER IF EXISTS audit_event_chain")
            self.sql("DROP TRIGGER IF EXISTS audit_event_head")

    def events(self) -> list[dict]:
        names = ["seq", "at", "clerk", "action", "entity", "entity_id", "before", "after",
                 "reason", "documents", "prev_hash", "hash"]
        rows = self.sql(f"SELECT {', '.join(names)} FROM audit_event ORDER BY seq")
        return [dict(zip(names, r, strict=True)) for r in rows]

    def set_head(self, seq: int, hash_: str):
        self.sql("UPDATE audit_head SET seq = ?, hash = ?", (seq, hash_))

    def insert_event(self, row: dict):
        cols = list(row)
        self.sql(f"INSERT INTO audit_event ({', '.join(cols)}) VALUES "
                 f"({', '.join('?' for _ in cols)})", tuple(row[c] for c in cols))


def plain_hash(row: dict) -> str:
    """The published rule without the key: all an attacker can compute."""
    at = row["at"]
    material = [row["seq"], at.isoformat(sep=" ") if hasattr(at, "isoformat") else str(at),
                row["clerk"], row["action"], row["entity"], row["entity_id"], row["before"],
                row["after"], row["reason"], row["documents"], row["prev_hash"]]
    payload = json.dumps(material, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# --- the tampering cases ------------------------------------------------------------

def delete_last_and_rewind(a: Attacker, s: dict):
    a.drop_append_only()
    events = a.events()
    a.sql("DELETE FROM audit_event WHERE seq = ?", (events[-1]["seq"],))
    a.set_head(events[-2]["seq"], events[-2]["hash"])


def delete_last_and_rewind_elsewhere(a: Attacker, s: dict):
    """The same, seen from a counter that never wrote here, with the paper anchor."""
    delete_last_and_rewind(a, s)
    audit_anchor.local_file().unlink()


def delete_last_person_event_and_rewind(a: Attacker, s: dict):
    """The tail up to the correction removed (a person's last event), no anchors at all."""
    a.drop_append_only()
    events = a.events()
    correction = next(e for e in events if e["action"] == "person.correct")
    a.sql("DELETE FROM audit_event WHERE seq >= ?", (correction["seq"],))
    before = next(e for e in events if e["seq"] == correction["seq"] - 1)
    a.set_head(before["seq"], before["hash"])
    audit_anchor.local_file().unlink()


def forge_event_with_valid_hash(a: Attacker, s: dict):
    head_seq, head_hash = a.sql("SELECT seq, hash FROM audit_head")[0]
    row = {"seq": head_seq + 1, "at": "2026-11-22 10:00:00", "clerk": "admin",
           "action": "clerk.add", "entity": "clerk", "entity_id": "99", "before": "",
           "after": '{"role": "admin"}', "reason": "", "documents": "", "prev_hash": head_hash}
    row["hash"] = plain_hash(row)
    a.insert_event(row)  # the insert trigger itself moves the head
    if a.sql("SELECT seq FROM audit_head")[0][0] != row["seq"]:
        a.set_head(row["seq"], row["hash"])


def edit_and_rehash_the_rest(a: Attacker, s: dict):
    a.drop_append_only()
    events = a.events()
    prev = GENESIS
    for i, row in enumerate(events):
        if i:
            prev = events[i - 1]["hash"]
        if row["seq"] == 2:
            row["reason"] = "changed"
        if row["seq"] >= 2:
            row["prev_hash"] = prev
            row["hash"] = plain_hash(row)
            a.sql("UPDATE audit_event SET reason = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                  (row["reason"], row["prev_hash"], row["hash"], row["seq"]))
    a.set_head(events[-1]["seq"], events[-1]["hash"])


def drop_and_recreate(a: Attacker, s: dict):
    if a.pg:
        a.sql("DROP TABLE audit_event")
        a.sql("CREATE TABLE audit_event (id SERIAL PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, "
              "at TIMESTAMP NOT NULL, clerk VARCHAR(32) NOT NULL, action VARCHAR(40) NOT NULL, "
              "entity VARCHAR(40) NOT NULL, entity_id VARCHAR(40) NOT NULL, "
              "before TEXT NOT NULL, after TEXT NOT NULL, reason TEXT NOT NULL, "
              "documents TEXT NOT NULL, prev_hash VARCHAR(64) NOT NULL, "
              "hash VARCHAR(64) NOT NULL)")
        # as a tamperer would, so that the counters (the app role) go on working
        app_role = a.sql("SELECT value FROM db_setting WHERE key = 'app_role'")[0][0]
        a.sql(f'GRANT SELECT, INSERT ON audit_event TO "{app_role}"')
        a.sql(f'GRANT USAGE ON SEQUENCE audit_event_id_seq TO "{app_role}"')
    else:
        ddl = a.sql("SELECT sql FROM sqlite_master WHERE name = 'audit_event'")[0][0]
        a.sql("DROP TABLE audit_event")
        a.sql(ddl)
    a.set_head(0, GENESIS)


def truncate(a: Attacker, s: dict):
    """PostgreSQL's TRUNCATE (no row trigger fires); SQLite has none, its nearest is a
    DELETE of every row."""
    if a.pg:
        a.sql("TRUNCATE audit_event")
    else:
        a.sql("DELETE FROM audit_event")
    a.set_head(0, GENESIS)


def truncate_with_triggers_off(a: Attacker, s: dict):
    if a.pg:
        a.sql("ALTER TABLE audit_event DISABLE TRIGGER USER")
        a.sql("TRUNCATE audit_event")
    else:
        a.drop_append_only()
        a.sql("DELETE FROM audit_event")
    a.set_head(0, GENESIS)


def forged_negative_seq(a: Attacker, s: dict):
    row = {"seq": -1, "at": "2026-11-22 10:00:00", "clerk": "admin", "action": "person.correct",
           "entity": "person", "entity_id": str(s["child"]), "before": '{"name": "王小明"}',
           "after": '{"name": "王小红"}', "reason": "forged", "documents": "", "prev_hash": GENESIS}
    row["hash"] = plain_hash(row)
    a.insert_event(row)


def forged_negative_seq_guard_dropped(a: Attacker, s: dict):
    a.drop_chain_guard()
    forged_negative_seq(a, s)


def edit_person_row(a: Attacker, s: dict):
    a.sql("UPDATE person SET name = ?, name_pinyin = ? WHERE id = ?",
          ("王大明", "wangdaming", s["child"]))


def put_back_an_old_version(a: Attacker, s: dict):
    """The child's row as it was before the correction, seal and all."""
    old = s["child_before"]
    a.sql("UPDATE person SET phone = ?, version = ?, audit_seq = ?, seal = ? WHERE id = ?",
          (old["phone"], old["version"], old["audit_seq"], old["seal"], s["child"]))


# already caught before issue 10: they must stay caught
def edit_one_event(a: Attacker, s: dict):
    a.drop_append_only()
    a.sql("UPDATE audit_event SET after = ? WHERE seq = 2", ('{"name": "x"}',))


def delete_middle_event(a: Attacker, s: dict):
    a.drop_append_only()
    a.sql("DELETE FROM audit_event WHERE seq = 3")


def delete_last_keep_head(a: Attacker, s: dict):
    a.drop_append_only()
    a.sql("DELETE FROM audit_event WHERE seq = (SELECT MAX(seq) FROM audit_event)")


def update_through_the_guard(a: Attacker, s: dict):
    a.sql("UPDATE audit_event SET reason = 'x' WHERE seq = 1")


def delete_through_the_guard(a: Attacker, s: dict):
    a.sql("DELETE FROM audit_event WHERE seq = 1")


def forged_event_out_of_order(a: Attacker, s: dict):
    """An event that does not follow the head (a hole before it, a wrong link)."""
    head_seq = a.sql("SELECT seq FROM audit_head")[0][0]
    row = {"seq": head_seq + 5, "at": "2026-11-22 10:00:00", "clerk": "admin",
           "action": "clerk.add", "entity": "clerk", "entity_id": "99", "before": "",
           "after": "", "reason": "", "documents": "", "prev_hash": GENESIS}
    row["hash"] = plain_hash(row)
    a.insert_event(row)


@dataclass(frozen=True)
class Case:
    tamper: Callable[[Attacker, dict], None]
    outcome: str  # "detected" / "impossible"
    fragment: str = ""  # what verify must say ("detected"), or the database ("impossible")
    paper_anchor: bool = False  # verify given the anchor printed before the tampering


LOCAL = "本柜台记下的审计锚"
UNSEALED = "没有审计事件对应"
CASES = {
    # issue 10's misses
    "1a delete last event, rewind head": Case(delete_last_and_rewind, "detected", LOCAL),
    "1b same, other counter, paper anchor": Case(delete_last_and_rewind_elsewhere, "detected",
                                                 "审计链被回退", paper_anchor=True),
    "1c delete a person's last event, rewind": Case(delete_last_person_event_and_rewind,
                                                   "detected", UNSEALED),
    "2 forged event, valid hash, head moved": Case(forge_event_with_valid_hash, "detected",
                                                   "内容被改动"),
    "3 edit event, re-hash the rest": Case(edit_and_rehash_the_rest, "detected",
                                           "第2条审计记录内容被改动"),
    "4 drop and recreate, head reset": Case(drop_and_recreate, "detected", UNSEALED),
    "5a truncate, head reset": Case(truncate, "impossible", "(truncated|append-only)"),
    "5b truncate, triggers off, head reset": Case(truncate_with_triggers_off, "detected",
                                                  UNSEALED),
    "6a forged seq -1": Case(forged_negative_seq, "impossible", "(seq_positive|out of sequence)"),
    "6b forged seq -1, guard dropped": Case(forged_negative_seq_guard_dropped, "detected",
                                            "第-1条审计记录的序号不在1至"),
    "7a person row edited, no event": Case(edit_person_row, "detected", UNSEALED),
    "7b old version put back, seal and all": Case(put_back_an_old_version, "detected",
                                                  UNSEALED),
    # caught before, still caught
    "8 edit one event": Case(edit_one_event, "detected", "第2条审计记录内容被改动"),
    "9 delete a middle event": Case(delete_middle_event, "detected", "第3条缺失"),
    "10 delete last event, head kept": Case(delete_last_keep_head, "detected", "末尾的记录缺失"),
    "11 update through the guard": Case(update_through_the_guard, "impossible", "append-only"),
    "12 delete through the guard": Case(delete_through_the_guard, "impossible", "append-only"),
    "13 event not following the head": Case(forged_event_out_of_order, "impossible",
                                            "out of sequence"),
}


@pytest.fixture
def scenario(family, clock):
    child = family[2]
    before = Person.get_by_id(child.id)
    fixed = correct_person(clock, CLERK, child.id, child.version,
                           dataclasses.replace(child.as_input(), phone="13800138000"),
                           reason="电话变了", documents=DOCS)
    assert fixed.phone == "13800138000"
    clerks.add_clerk(clock, ADMIN, username="li_clerk", display_name="李经办", role="clerk",
                     password="correct-horse")
    report = audit.verify()
    assert report.ok and report.count == 6 and report.people == 3, report.message
    return {"child": child.id,
            "child_before": {"phone": before.phone, "version": before.version,
                             "audit_seq": before.audit_seq, "seal": before.seal},
            "anchor": audit.current_anchor()}


def attacker_for(request, db, db_url) -> Attacker:
    server = request.getfixturevalue("pg_server_url") if is_postgres(db) else None
    return Attacker(db, db_url, server)


def run_case(case: Case, scenario: dict, attacker: Attacker) -> tuple[str, str]:
    """(outcome, what was said): the database's refusal, or verify's report."""
    try:
        try:
            case.tamper(attacker, scenario)
            refused = ""
        except (sqlite3.DatabaseError, psycopg2.Error) as e:
            refused = str(e)
    finally:
        attacker.close()
    anchors = (scenario["anchor"],) if case.paper_anchor else ()
    report = audit.verify(anchors=anchors)
    if refused:
        return ("impossible" if report.ok else "detected"), refused
    return ("missed" if report.ok else "detected"), report.message


@pytest.mark.parametrize("name", list(CASES))
def test_tampering(name, scenario, db, db_url, request):
    case = CASES[name]
    outcome, said = run_case(case, scenario, attacker_for(request, db, db_url))
    print(f"OUTCOME|{'postgresql' if is_postgres(db) else 'sqlite'}|{name}|{outcome}")
    assert outcome == case.outcome, said
    if outcome == "impossible":
        assert re.search(case.fragment, said), said
    else:
        assert case.fragment in said, said


def test_a_forged_event_never_shows_in_the_history(scenario, db, db_url, request):
    attacker = attacker_for(request, db, db_url)
    try:
        forged_negative_seq_guard_dropped(attacker, scenario)
    finally:
        attacker.close()
    reasons = [entry.reason for entry in person_history(scenario["child"])]
    assert "forged" not in reasons and "电话变了" in reasons

"""The counter's local anchor file as a journal: appended to, read as the highest seq
per database, compacted when it grows, and the older one-object form still read."""

import json

from models.core import audit_anchor


def test_each_commit_appends_and_the_highest_seq_is_the_anchor(tmp_path, monkeypatch):
    path = tmp_path / "state" / "anchors.json"
    monkeypatch.setenv("YIBAO_ANCHOR_FILE", str(path))
    audit_anchor.remember("db1", 5, "a" * 64)
    audit_anchor.remember("db2", 3, "b" * 64)
    audit_anchor.remember("db1", 4, "c" * 64)  # another process here got further
    assert audit_anchor.local_anchor("db1") == (5, "a" * 64)
    assert audit_anchor.local_anchor("db2") == (3, "b" * 64)
    audit_anchor.remember("db1", 6, "d" * 64)
    assert audit_anchor.local_anchor("db1") == (6, "d" * 64)
    assert len([x for x in path.read_text().splitlines() if x]) == 4


def test_a_torn_record_costs_only_itself(tmp_path, monkeypatch):
    path = tmp_path / "anchors.json"
    monkeypatch.setenv("YIBAO_ANCHOR_FILE", str(path))
    audit_anchor.remember("db1", 5, "a" * 64)
    with path.open("a", encoding="utf-8") as f:
        f.write('\n{"db": "db1", "seq": 9, "ha')  # a crash in the middle of a write
    audit_anchor.remember("db1", 7, "e" * 64)
    assert audit_anchor.local_anchor("db1") == (7, "e" * 64)


def test_the_journal_is_compacted_to_one_record_a_database(tmp_path, monkeypatch):
    path = tmp_path / "anchors.json"
    monkeypatch.setenv("YIBAO_ANCHOR_FILE", str(path))
    monkeypatch.setattr(audit_anchor, "COMPACT_BYTES", 2000)
    for seq in range(1, 60):
        audit_anchor.remember("db1", seq, f"{seq:064x}")
        audit_anchor.remember("db2", 100 + seq, f"{seq:064x}")
    assert path.stat().st_size <= 2000 + 200
    assert audit_anchor.local_anchor("db1") == (59, f"{59:064x}")
    assert audit_anchor.local_anchor("db2") == (159, f"{59:064x}")


def test_the_older_form_is_still_read_and_then_appended_to(tmp_path, monkeypatch):
    path = tmp_path / "anchors.json"
    monkeypatch.setenv("YIBAO_ANCHOR_FILE", str(path))
    path.write_text(json.dumps({"db1": {"seq": 8, "hash": "f" * 64}}, sort_keys=True))
    assert audit_anchor.local_anchor("db1") == (8, "f" * 64)
    audit_anchor.remember("db2", 2, "b" * 64)
    assert audit_anchor.local_anchor("db1") == (8, "f" * 64)
    assert audit_anchor.local_anchor("db2") == (2, "b" * 64)

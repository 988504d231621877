"""`yibao dedup`: its JSON contract, its progress bar on stderr, and a re-scan that
raises nothing new (issue 14 point 3)."""

import csv
import json

from cli_process import yibao

PAIR_KEYS = ["a", "b", "score", "decision", "reasons"]
SIDE_KEYS = ["id", "name", "id_number", "gender", "birth_date", "hukou_no", "village"]


def test_dedup_json_then_a_rescan(county_url, tmp_path):
    out = yibao("dedup", "--db", county_url, "--json")
    assert out.returncode == 0, out.stderr
    assert "查重" in out.stderr and "确定重复" in out.stderr  # the bar, then the summary
    pairs = json.loads(out.stdout)["pairs"]
    assert pairs and all(list(p) == PAIR_KEYS for p in pairs)
    assert all(list(p["a"]) == SIDE_KEYS and list(p["b"]) == SIDE_KEYS for p in pairs)
    assert {p["decision"] for p in pairs} <= {"sure", "review"}
    assert all(0 < p["score"] <= 1 and p["reasons"] and p["a"]["id"] < p["b"]["id"]
               for p in pairs)
    scores = [p["score"] for p in pairs]
    assert scores == sorted(scores, reverse=True)
    truth = list(csv.DictReader((tmp_path / "truth.csv").open(encoding="utf-8")))
    found = {(p["a"]["id"], p["b"]["id"]) for p in pairs}
    dups = [r for r in truth if r["kind"] != "twin_non_duplicate"]
    hit = sum(tuple(sorted((int(r["original_id"]), int(r["duplicate_id"])))) in found
              for r in dups)
    assert hit == len(dups)
    again = yibao("dedup", "--db", county_url)
    assert again.returncode == 0, again.stderr
    assert "新登记 0 对" in again.stderr
    assert again.stdout.count("\n") == len(pairs)  # still open: shown again, not new


def test_dedup_on_a_missing_database_is_a_clear_refusal(tmp_path):
    out = yibao("dedup", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert out.returncode != 0 and "Traceback" not in out.stderr and out.stderr.strip()

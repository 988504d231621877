"""The batch scan (issue 14 point 3) on a generated county with its ground truth."""

import csv
from collections import Counter

import pytest
from actors import SYSTEM

from models.core.schema import DuplicateCandidate
from models.dedup.scan import scan
from models.demo.generator import DUPLICATE_KINDS, generate_county


@pytest.fixture
def county(region, clock, tmp_path):
    truth = tmp_path / "truth.csv"
    generate_county(clock, SYSTEM, 4000, seed=11, duplicates=0.05, truth_path=truth)
    rows = list(csv.DictReader(truth.open(encoding="utf-8")))
    return [(r["kind"], *sorted((int(r["original_id"]), int(r["duplicate_id"])))) for r in rows]


def test_the_scan_finds_every_kind_and_never_calls_twins_sure(county, clock):
    result = scan(clock, SYSTEM)
    found = {(p.a.id, p.b.id): p.decision for p in result.pairs}
    twins = [(a, b) for kind, a, b in county if kind == "twin_non_duplicate"]
    assert twins and not any(found.get(t) == "sure" for t in twins)
    missed = Counter(kind for kind, a, b in county
                     if kind != "twin_non_duplicate" and (a, b) not in found)
    per_kind = Counter(kind for kind, *_ in county)
    assert set(per_kind) - {"twin_non_duplicate"} == set(DUPLICATE_KINDS)
    assert not missed, missed
    assert result.new == DuplicateCandidate.select().count() == result.sure + result.review
    assert result.compared < 4000 * 10  # blocking: nowhere near all pairs


def test_a_rescan_keeps_every_decision_and_raises_only_what_is_new(county, clock):
    first = scan(clock, SYSTEM)
    dismissed = first.pairs[0]
    DuplicateCandidate.update(status="dismissed").where(
        DuplicateCandidate.person_a == dismissed.a.id,
        DuplicateCandidate.person_b == dismissed.b.id).execute()
    again = scan(clock, SYSTEM)
    assert again.new == 0 and again.kept == first.new
    assert (dismissed.a.id, dismissed.b.id) not in {(p.a.id, p.b.id) for p in again.pairs}
    assert len(again.pairs) == len(first.pairs) - 1
    row = DuplicateCandidate.get(person_a=dismissed.a.id, person_b=dismissed.b.id)
    assert row.status == "dismissed"

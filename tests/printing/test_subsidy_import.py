"""The subsidy roster import (issue 15, points 2 and 5) on real .xlsx files and both
databases: tags with their department, the unregistered listed, a wrong name flagged and
not applied, December's roster ending the tags of those no longer on October's, a dry
run writing nothing, a second import changing nothing."""

import datetime as dt
import json

import openpyxl
import pytest
from actors import SYSTEM
from payment_rows import household

from models.core.errors import DomainError
from models.core.schema import AuditEvent, IdentityTag, Person, Village
from models.registry.regions import load_region
from models.rosters.subsidy_import import import_subsidy_roster
from models.rules.region_file import read_region_file, resolve_region_path
from printing.roster_book import errors_path, open_roster, write_errors

OCTOBER, DECEMBER = dt.date(2026, 10, 1), dt.date(2026, 12, 1)
HEADER = ("序号", "姓名", "公民身份号码", "身份类别", "来源部门")


@pytest.fixture
def people(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    village = Village.select().order_by(Village.id).first()
    return [Person.get_by_id(p) for p in household(clock, SYSTEM, village.id, 4)]


def save(path, rows, header=HEADER, above=("2026年10月低保对象花名册", "填报单位：县民政局")):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "花名册"
    for row in (*[[a] for a in above], header, *rows):
        ws.append(list(row))
    book.save(path)
    return path


def run(path, clock, **kwargs):
    book = open_roster(path)
    try:
        assert book.kind == "subsidy"
        report = import_subsidy_roster(clock, SYSTEM, book.lines(), book.source, **kwargs)
        if report.refused:
            write_errors(book, report.refused)
        return report
    finally:
        book.close()


def tags():
    return sorted((t.person_id, t.category, t.source, t.valid_from, t.valid_to)
                  for t in IdentityTag.select())


def row(n, p, category="低保对象", source="县民政局", name=None):
    return (n, name or p.name, p.id_number, category, source)


def test_a_roster_becomes_tags_with_its_department(people, clock, tmp_path):
    a, b, c, d = people
    path = save(tmp_path / "10月.xlsx", [
        row(1, a), row(2, b, "低保"), row(3, c, "特困人员"),
        (4, "无名氏", "430225195001015556", "低保对象", "县民政局"),
        row(5, d, name="错名字"), (6, "某某", d.id_number, "不知道", "县民政局")])
    report = run(path, clock, on=OCTOBER)
    assert (report.added, report.matched, len(report.ended)) == (3, 0, 0)
    assert tags() == sorted([(a.id, "minimum_living", "县民政局", OCTOBER, None),
                             (b.id, "minimum_living", "县民政局", OCTOBER, None),
                             (c.id, "extreme_poverty", "县民政局", OCTOBER, None)])
    assert [(p.line, p.name) for p in report.not_registered] == [(7, "无名氏")]
    assert [(p.line, p.registered) for p in report.mismatched] == [(8, d.name)]
    reasons = {r.line: r.reason for r in report.refused}
    assert "系统中没有此人" in reasons[7] and "姓名与系统不符" in reasons[8]
    assert "类别无法识别" in reasons[9]
    sheet = list(openpyxl.load_workbook(errors_path(path)).active.iter_rows(values_only=True))
    assert [r[0] for r in sheet[2:]] == [7, 8, 9]
    assert sheet[3][4] == d.id_number  # the ID as written, text
    event = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
    assert event.action == "roster.subsidy" and json.loads(event.after)["added"] == 3
    again = run(path, clock, on=OCTOBER)
    assert (again.added, again.matched) == (0, 3) and len(tags()) == 3


def test_decembers_roster_ends_the_tags_of_those_no_longer_on_it(people, clock, tmp_path):
    a, b, c, _ = people
    run(save(tmp_path / "10月.xlsx", [row(1, a), row(2, b), row(3, c, "特困人员"),
                                      row(4, c, source="县残联")]), clock, on=OCTOBER)
    december = run(save(tmp_path / "12月.xlsx", [row(1, a)]), clock, on=DECEMBER)
    assert [(e.person_id, e.category) for e in december.ended] == [(b.id, "minimum_living")]
    ended = IdentityTag.get(IdentityTag.person == b.id)
    assert ended.valid_to == dt.date(2026, 11, 30)
    # another department's tag and another category stay open
    assert IdentityTag.get(IdentityTag.person == c.id, IdentityTag.category == "extreme_poverty"
                           ).valid_to is None
    assert IdentityTag.get(IdentityTag.person == c.id, IdentityTag.source == "县残联"
                           ).valid_to is None
    assert IdentityTag.get(IdentityTag.person == a.id).valid_to is None


def test_a_dry_run_writes_nothing(people, clock, tmp_path):
    a, b, *_ = people
    run(save(tmp_path / "10月.xlsx", [row(1, a), row(2, b)]), clock, on=OCTOBER)
    before, events = tags(), AuditEvent.select().count()
    dry = run(save(tmp_path / "12月.xlsx", [row(1, a)]), clock, on=DECEMBER, dry_run=True)
    assert len(dry.ended) == 1 and dry.dry_run
    assert tags() == before and AuditEvent.select().count() == events


def test_the_department_from_the_command_and_dates_from_the_sheet(people, clock, tmp_path):
    a, b, *_ = people
    path = save(tmp_path / "残联.xlsx", [
        (a.name, a.id_number, "1-2级残疾人", "2026-03-01", None),
        (b.name, b.id_number, "3-4级残疾人", "2026-05-01", "2026-04-01")],
        header=("姓名", "身份证号", "类别", "有效期起", "有效期止"), above=())
    report = run(path, clock, on=OCTOBER, default_source="县残联")
    assert tags() == [(a.id, "severe_disability", "县残联", dt.date(2026, 3, 1), None)]
    assert "早于起始日期" in report.refused[0].reason
    bare = run(path, clock, on=OCTOBER)  # no department at all: every row refused, said
    assert [r.reason[:6] for r in bare.refused] == ["来源部门为空"] * 2


def test_a_subsidy_roster_asked_for_by_kind_and_a_base_roster_is_not_one(people, tmp_path):
    path = save(tmp_path / "a.xlsx", [], header=("乡镇", "户号", "姓名", "身份证号", "类别"))
    with pytest.raises(DomainError, match="资助花名册"):
        open_roster(path, "subsidy")

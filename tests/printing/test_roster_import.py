"""The base roster import (issue 15, points 1 and 5) on real .xlsx files and both
databases: the header found wherever it sits, rows matched, imported, left awaiting
merge or refused with their reason in the error workbook; a dry run writes nothing,
a second import of the same file changes nothing, a failure leaves nothing."""

import datetime as dt
import json
from dataclasses import replace

import openpyxl
import pytest
from actors import CLERK, SYSTEM
from roster_files import FAMILY, HEADER, make_id, person, save_roster, wrong_check

from models.core.errors import DomainError
from models.core.schema import (
    AuditEvent,
    DuplicateCandidate,
    Household,
    IdentityTag,
    Person,
    Township,
    Village,
)
from models.registry import bulk
from models.registry.people import person_detail
from models.registry.regions import load_region
from models.registry.registration import correct_person
from models.rosters.base_import import import_base_roster
from models.rules.region_file import read_region_file, resolve_region_path
from printing.roster_book import errors_path, open_roster, write_errors


@pytest.fixture
def region(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))


def run(path, clock, **kwargs):
    book = open_roster(path)
    try:
        report = import_base_roster(clock, SYSTEM, book.lines(), book.source, **kwargs)
        if report.refused:
            write_errors(book, report.refused)
        return report
    finally:
        book.close()


def register():
    """Everything the import can write, as plain values."""
    return (sorted(Township.select(Township.name).tuples()),
            sorted(Village.select(Village.name).tuples()),
            sorted(Household.select(Household.hukou_no).tuples()),
            sorted(Person.select(Person.name, Person.id_number, Person.status,
                                 Person.relation).tuples(), key=str),
            sorted(IdentityTag.select(IdentityTag.category).tuples()),
            AuditEvent.select().count())


def test_a_good_roster_lands_under_its_own_household_numbers(region, clock, tmp_path):
    before = Township.select().count(), Village.select().count()
    rows = [*FAMILY, person("陈新", make_id("19900101", "091"), hukou="HH005",
                            township="新丰镇", village="新丰村")]
    report = run(save_roster(tmp_path / "底表.xlsx", rows), clock)
    assert (report.rows, report.people, report.households, report.matched) == (5, 5, 3, 0)
    # 青石镇 青石村 are the region's; 青石镇 白沙村 and 新丰镇 新丰村 are new
    assert (report.townships, report.villages, report.identities) == (1, 2, 1)
    assert (Township.select().count(), Village.select().count()) == \
        (before[0] + 1, before[1] + 2)
    assert Village.get(Village.name == "白沙村", Village.township ==
                       Township.get(Township.name == "青石镇")).code
    head = Person.get(Person.name == "王建国")
    assert head.household.hukou_no == "HH001" and head.status == "active"
    assert head.household.village.name == "青石村"
    assert head.household.village.township.name == "青石镇"
    assert [m.name for m in head.household.members.order_by(Person.id)] == \
        ["王建国", "李秀英", "王小明"]
    detail = person_detail(head.id, clock.today(), None)
    assert [i.category for i in detail.identities] == ["minimum_living"]
    assert "底表.xlsx" in detail.identities[0].source
    assert detail.phone == "13800138000" and detail.gender == "M"
    event = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
    after = json.loads(event.after)
    assert event.action == "roster.import" and after["people"] == 5
    assert after["file"] == "底表.xlsx" and len(after["sha256"]) == 64
    assert not errors_path(tmp_path / "底表.xlsx").exists()


def test_importing_the_same_file_twice_changes_nothing(region, clock, tmp_path):
    path = save_roster(tmp_path / "底表.xlsx", [  # the last row: awaiting merge
        *FAMILY, person("王建国", make_id("19800101", "011"), hukou="HH009")])
    first = run(path, clock)
    assert (first.people, len(first.candidates)) == (5, 1)
    before = register()
    second = run(path, clock)
    assert (second.people, second.households, second.matched, second.identities) == \
        (0, 0, 5, 0)
    assert register()[:5] == before[:5]


def test_an_id_held_under_another_name_or_household_waits_for_a_merge(region, clock,
                                                                      tmp_path):
    run(save_roster(tmp_path / "a.xlsx", FAMILY), clock)
    number = make_id("19800101", "011")
    rows = [person("王建图", number, hukou="HH001"),  # another name, same household
            person("王建国", number, hukou="HH003", village="白沙村")]  # another household
    report = run(save_roster(tmp_path / "b.xlsx", rows), clock)
    assert report.people == 2 and report.matched == 0
    holder = Person.get(Person.name == "王建国", Person.status == "active")
    assert [(c.line, c.holder.person_id) for c in report.candidates] == \
        [(2, holder.id), (3, holder.id)]
    waiting = Person.select().where(Person.status == "awaiting_merge")
    assert sorted(p.name for p in waiting) == ["王建国", "王建图"]
    assert Person.select().where(Person.id_key == number, Person.status == "active").count() == 1
    after = json.loads(AuditEvent.select().order_by(AuditEvent.seq.desc()).first().after)
    assert sorted(after["awaiting_merge"]) == sorted([c.person_id, holder.id]
                                                     for c in report.candidates)
    pairs = DuplicateCandidate.select().order_by(DuplicateCandidate.person_b)
    assert [(p.person_a_id, p.person_b_id, p.source, p.decision, p.status, p.score)
            for p in pairs] == [(holder.id, c.person_id, "import", "review", "open", 1.0)
                                for c in report.candidates]
    assert "身份证号已有他人记录" in json.loads(pairs[0].reasons)[0]


def test_a_dry_run_raises_no_candidate(region, clock, tmp_path):
    run(save_roster(tmp_path / "a.xlsx", FAMILY), clock)
    rows = [person("王建图", make_id("19800101", "011"), hukou="HH001")]
    report = run(save_roster(tmp_path / "b.xlsx", rows), clock, dry_run=True)
    assert len(report.candidates) == 1 and DuplicateCandidate.select().count() == 0


def test_a_candidate_within_the_file_pairs_the_two_new_records(region, clock, tmp_path):
    number = make_id("19800101", "011")
    rows = [person("王建国", number), person("王建图", number, hukou="HH003", village="白沙村")]
    report = run(save_roster(tmp_path / "b.xlsx", rows), clock)
    first = Person.get(Person.name == "王建国")
    (pair,) = DuplicateCandidate.select()
    assert (pair.person_a_id, pair.person_b_id) == (first.id, report.candidates[0].person_id)


def test_a_wrong_check_character_is_imported_and_marked_for_correction(region, clock,
                                                                      tmp_path):
    number = wrong_check(make_id("19900805", "102"))
    report = run(save_roster(tmp_path / "底表.xlsx", [person("刘芳", number, gender="女")]),
                 clock)
    p = Person.get(Person.name == "刘芳")
    assert p.id_number == number and p.status == "active"
    assert [(f.line, f.person_id) for f in report.flawed] == [(2, p.id)]
    after = json.loads(AuditEvent.select().order_by(AuditEvent.seq.desc()).first().after)
    assert after["id_to_correct"] == [p.id]


def test_each_bad_row_is_refused_in_the_error_workbook_and_the_rest_imported(region, clock,
                                                                            tmp_path):
    bad = [
        person("张三", 4.3310119900805E+17, hukou="HH010"),
        person("", make_id("19700101", "051"), hukou="HH011"),
        person("赵六", make_id("19700101", "061"), hukou="HH012", birth="不详"),
        person("孙七", make_id("19700101", "071"), hukou="HH001", village="白沙村"),
        person("周八", make_id("19700101", "081"), hukou="HH001"),  # a second head
        person("@SUM(A1)", make_id("19700101", "091"), hukou="HH013"),
    ]
    path = save_roster(tmp_path / "底表.xlsx", FAMILY + bad)
    report = run(path, clock)
    assert report.people == 4 and [r.line for r in report.refused] == [6, 7, 8, 9, 10, 11]
    sheet = openpyxl.load_workbook(errors_path(path)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == ("原行号", "未导入原因") and list(rows[1][2:]) == HEADER
    reasons = {r[0]: r[1] for r in rows[2:]}
    assert "4.3310119900805E+17" in reasons[6] and "被Excel存成了数字" in reasons[6]
    assert reasons[7] == "姓名为空" and reasons[8] == "出生日期不是日期：不详"
    assert "HH001" in reasons[9] and "第2行" in reasons[9]
    assert "已有户主王建国" in reasons[10]
    assert "姓名有误" in reasons[11]
    assert rows[7][6] == "@SUM(A1)" and sheet.cell(8, 7).data_type == "s"  # never a formula
    assert not Person.select().where(Person.name << ["张三", "赵六", "孙七", "周八"]).exists()


def test_strict_mode_refuses_a_village_the_register_does_not_know(region, clock, tmp_path):
    village = Village.select().order_by(Village.id).first()
    rows = [person("王建国", make_id("19800101", "011"), township=village.township.name,
                   village=village.name),
            person("张大山", make_id("19700404", "041"), hukou="HH002", village="新丰村")]
    before = Township.select().count(), Village.select().count()
    report = run(save_roster(tmp_path / "底表.xlsx", rows), clock, strict=True)
    assert report.people == 1 and [r.line for r in report.refused] == [3]
    assert "严格模式" in report.refused[0].reason
    assert (Township.select().count(), Village.select().count()) == before


def test_a_dry_run_shows_what_would_happen_and_writes_nothing(region, clock, tmp_path):
    before = register()
    report = run(save_roster(tmp_path / "底表.xlsx", FAMILY), clock, dry_run=True)
    assert (report.people, report.households, report.villages, report.identities) == \
        (4, 2, 1, 1)
    assert register() == before


def test_the_header_on_row_three_of_a_second_sheet_in_its_own_order(region, clock, tmp_path):
    path = save_roster(tmp_path / "底表.xlsx", FAMILY, above=[["2026年度参保底表"], []],
                       before_sheets=[("说明", [["填表说明"], ["姓名", "身份证号"]])],
                       order=[4, 6, 3, 2, 0, 1, 9, 8, 7, 5])
    book = open_roster(path)
    try:
        assert (book.source.sheet, book.source.header_line) == ("底表", 3)
    finally:
        book.close()
    report = run(path, clock)
    assert report.people == 4 and Person.get(Person.name == "李秀英").relation == "spouse"


def test_a_failure_part_way_leaves_nothing(region, clock, tmp_path, monkeypatch):
    before = register()
    real = bulk.BulkWriter.add_identity

    def failing(self, row):
        real(self, row)
        raise DomainError("磁盘已满")

    monkeypatch.setattr(bulk.BulkWriter, "add_identity", failing)
    with pytest.raises(DomainError):
        run(save_roster(tmp_path / "底表.xlsx", FAMILY), clock)
    assert register() == before


def test_a_clerk_may_not_import(region, clock, tmp_path):
    book = open_roster(save_roster(tmp_path / "底表.xlsx", FAMILY))
    try:
        with pytest.raises(DomainError):
            import_base_roster(clock, CLERK, book.lines(), book.source)
    finally:
        book.close()


def test_rows_with_no_id_are_matched_by_name_and_birth_date(region, clock, tmp_path):
    rows = [person("王建国", make_id("19800101", "011")),
            person("王奶奶", None, "母亲", gender="女", birth=dt.datetime(1941, 3, 2))]
    path = save_roster(tmp_path / "底表.xlsx", rows)
    assert run(path, clock).people == 2
    again = run(path, clock)
    assert (again.people, again.matched) == (0, 2)
    assert Person.get(Person.name == "王奶奶").id_type == "none"


def test_a_record_imported_with_a_wrong_check_character_is_corrected_at_the_counter(
            region, clock, tmp_path):
    right = make_id("19900805", "102")
    run(save_roster(tmp_path / "底表.xlsx", [person("刘芳", wrong_check(right))]), clock)
    p = Person.get(Person.name == "刘芳")
    detail = person_detail(p.id, clock.today(), None)
    with pytest.raises(DomainError) as e:  # no other change is saved while the ID is wrong
        correct_person(clock, CLERK, p.id, detail.version,
                       replace(detail.as_input(), phone="13900139000"),
                       reason="补电话", documents=("id_card",))
    assert "校验位" in e.value.message
    fixed = correct_person(clock, CLERK, p.id, detail.version,
                           replace(detail.as_input(), id_number=right),
                           reason="按身份证原件更正", documents=("id_card",))
    assert fixed.id_number == right and fixed.status == "active"


def test_a_roster_with_inline_strings_reads_as_openpyxl_reads_it(region, clock, tmp_path):
    """openpyxl's write-only mode (and other exporters) write each text inline rather
    than in the shared-strings table: the import reads those cells itself."""
    path = tmp_path / "导出.xlsx"
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("底表")
    ws.append(["导出的底表"])
    ws.append(HEADER)
    for row in FAMILY:
        ws.append(row)
    ws.append([None] * len(HEADER))  # an empty row, skipped
    ws.append(person("刘芳", make_id("19900805", "102"), hukou="HH007", gender="女",
                     birth=dt.date(1990, 8, 5)))
    book.save(path)
    roster = open_roster(path)
    try:
        lines = [(line.line, line.cells) for line in roster.lines()]
    finally:
        roster.close()
    plain = openpyxl.load_workbook(path, read_only=True)
    width = len(HEADER)
    expected = [(n, tuple(r) + (None,) * (width - len(r))) for n, r in enumerate(
        plain["底表"].iter_rows(min_row=3, values_only=True), 3) if any(c is not None for c in r)]
    plain.close()
    assert lines == expected and lines[-1][1][4] == "刘芳"
    assert run(path, clock).people == 5

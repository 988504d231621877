"""The exports (issue 15, points 3 and 5) on both databases: each report written to a
real .xlsx and read back with openpyxl: numbers, totals that agree with the rows, IDs
as text and masked, a value typed as a formula never run."""

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
from actors import SYSTEM
from payment_rows import household, paid, reversed_

from models.core.errors import DomainError
from models.core.schema import Person, Village
from models.registry.regions import load_region
from models.reports.payments import payments_report
from models.reports.progress import progress, progress_report
from models.reports.sheets import Column, Report, Sheet, report_year
from models.reports.unpaid import unpaid_report
from models.rules.region_file import read_region_file, resolve_region_path
from printing.report_book import write_report


def load(name, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path(name)))


def read(path):
    book = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}, book


@pytest.fixture
def hall(db, clock):
    """The demo region; in its first village a household of four, two paid for 2027 on
    one receipt, one more on a second receipt that was voided."""
    load("demo", clock)
    village = Village.select().order_by(Village.id).first()
    people = household(clock, SYSTEM, village.id, 4)
    day = clock.today()
    first = paid("zhou", day, [(people[0], 38000), (people[1], 38000)])
    voided = paid("zhou", day, [(people[2], 38000)])
    reversed_(voided, "void", "zhao", day, reason="=HYPERLINK(\"http://x\",\"点我\")")
    return village, people, first


def test_seed_002s_table_with_no_payments_totals_37288_and_31700(db, clock, tmp_path):
    load("lengshi-2024", clock)
    year = report_year(2024, clock.today())
    out = tmp_path / "进度.xlsx"
    write_report(progress_report(year, clock.today()), out)
    sheets, book = read(out)
    rows = sheets["征缴进度"]
    assert "冷市镇" in rows[0][0] and "2024" in rows[0][0]
    assert rows[1][:7] == ("序号", "村名", "实际人数", "任务数", "缴款人数", "缴款金额（元）",
                           "参保率")
    assert len(rows) == 2 + 18 + 1 and rows[2][:4] == (1, "南华村", 2888, 2471)
    total = rows[-1]
    assert total[1:6] == ("合计", 37288, 31700, 0, 0)
    assert total[8] == 31700 == sum(r[8] for r in rows[2:-1])
    ws = book["征缴进度"]
    assert ws.freeze_panes == "A3" and ws["C3"].data_type == "n"
    assert ws.column_dimensions["J"].width >= 6


def test_a_year_with_no_policy_file_is_refused(db, clock):
    load("lengshi-2024", clock)
    with pytest.raises(DomainError, match="2031年度没有本县的政策文件"):
        report_year(2031, clock.today())


def test_progress_counts_each_paid_person_once_and_not_the_voided(hall, clock, tmp_path):
    village, _, _ = hall
    figures = progress(2027, clock.today())
    row = next(r for r in figures.rows if r.name == village.name)
    assert (row.paid, row.amount) == (2, 76000)
    assert (figures.today, figures.week) == (2, 2)
    assert figures.furthest_behind()[-1] == row  # the only village with a payment
    out = tmp_path / "p.xlsx"
    write_report(progress_report(2027, clock.today()), out)
    rows = read(out)[0]["征缴进度"]
    body, total = rows[2:-1], rows[-1]
    assert [r[4] for r in body if r[1] == village.name] == [2]
    assert Decimal(str(total[5])) == Decimal("760.00") == sum(Decimal(str(r[5])) for r in body)
    assert total[3] == sum(r[3] for r in body) and total[4] == 2


def test_the_unpaid_list_by_household_masked_with_counts_that_agree(hall, clock, tmp_path):
    village, people, _ = hall
    out = tmp_path / "未缴.xlsx"
    write_report(unpaid_report(2027, clock.today()), out)
    sheets, book = read(out)
    rows = sheets["未缴费清册"]
    assert rows[1] == ("序号", "乡镇", "村(社区)", "户号", "户主", "姓名", "与户主关系",
                       "性别", "身份证号", "联系电话")
    unpaid = [Person.get_by_id(p) for p in people[2:]]
    assert [r[5] for r in rows[2:]] == [p.name for p in unpaid]
    assert {r[4] for r in rows[2:]} == {Person.get_by_id(people[0]).name}
    assert all("*" in r[8] and r[8] != p.id_number for r, p in zip(rows[2:], unpaid, strict=True))
    assert book["未缴费清册"]["D3"].data_type == "s"  # the household number stays text
    counts = sheets["各村未缴人数"]
    assert counts[2][2:] == (village.name, 1, 2) and counts[-1][1:] == ("合计", None, 1, 2)
    write_report(unpaid_report(2027, clock.today(), village.name, full_ids=True), out)
    rows = read(out)[0]["未缴费清册"]
    assert [r[8] for r in rows[2:]] == [p.id_number for p in unpaid]


def test_an_unknown_village_is_refused_in_words(hall, clock):
    with pytest.raises(DomainError, match="系统中没有村"):
        unpaid_report(2027, clock.today(), "没有这个村")


def test_payments_every_line_with_voids_and_totals_that_agree(hall, clock, tmp_path):
    _, _, first = hall
    out = tmp_path / "明细.xlsx"
    day = clock.today()
    write_report(payments_report(day, day), out)
    sheets, _ = read(out)
    rows = sheets["缴费明细"]
    body, total = rows[2:-1], rows[-1]
    assert [r[1] for r in body].count(first.receipt_no) == 2 and len(body) == 3
    assert [r[14] for r in body] == ["已缴费", "已缴费", "已作废"]
    assert body[2][15].endswith("V000001")
    assert Decimal(str(total[13])) == sum(Decimal(str(r[13])) for r in body) == 1140
    reversals = sheets["作废与退费"]
    assert reversals[2][2] == "作废" and Decimal(str(reversals[-1][4])) == 380
    with pytest.raises(DomainError, match="晚于"):
        payments_report(day, day - dt.timedelta(days=1))


def test_a_value_typed_as_a_formula_is_written_as_text(hall, clock, tmp_path):
    out = tmp_path / "明细.xlsx"
    write_report(payments_report(clock.today(), clock.today()), out)
    cell = openpyxl.load_workbook(out)["作废与退费"]["F3"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"
    assert cell.quotePrefix
    report = Report("x", [Sheet("s", "t", (Column("a"), Column("b")),
                                [("+1+1", "-2"), ("@SUM(A1)", "ok")], ("=1", None))])
    write_report(report, out)
    ws = openpyxl.load_workbook(out)["s"]
    assert [(c.value, c.data_type) for c in ws[3]] == [("+1+1", "s"), ("-2", "s")]
    assert ws["A4"].data_type == ws["A5"].data_type == "s" and ws["A5"].value == "=1"


def test_a_file_that_cannot_be_written_is_said_in_words(db, clock, tmp_path):
    report = Report("x", [Sheet("s", "t", (Column("a"),), [(1,)])])
    with pytest.raises(DomainError, match="无法写入"):
        write_report(report, tmp_path / "没有的文件夹" / "a.xlsx")
    with pytest.raises(DomainError, match=r"\.xlsx"):
        write_report(report, tmp_path / "a.csv")
    (tmp_path / "out").mkdir()
    old = tmp_path / "out" / "a.xlsx"
    old.write_bytes(b"old")
    boom = Report("x", [Sheet("s", "t", (Column("a"),), _broken())])
    with pytest.raises(ZeroDivisionError):
        write_report(boom, old)
    assert old.read_bytes() == b"old" and list(old.parent.iterdir()) == [old]


def _broken():
    yield (1,)
    raise ZeroDivisionError


def test_targets_by_township_give_a_row_per_township(db, clock, tmp_path):
    load("yanling-2021", clock)  # seed 000's table: townships only
    out = tmp_path / "炎陵.xlsx"
    write_report(progress_report(2021, clock.today()), out)
    rows = read(out)[0]["征缴进度"]
    assert rows[1][1] == "乡镇" and rows[2][1:4] == ("霞阳镇", 60812, 51263)
    assert rows[2][9] == "含九龙社会事务管理局"
    assert rows[-1][1:4] == ("合计", 191739, 179332)
    assert sum(r[3] for r in rows[2:-1]) == 179332

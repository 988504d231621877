"""`yibao export KIND --db URL --out FILE …` as the station runs it (issue 15, point 3):
the file written and its row count said, a progress bar on stderr; refusals one
Chinese line, exit 2; IDs in full only for a supervisor, and audited."""

import datetime as dt

import openpyxl
import pytest
from actors import SYSTEM
from cli_process import TODAY, one_chinese_line, yibao
from payment_rows import household, paid

from models.access import clerks
from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.schema import AuditEvent, Person, Village

CLOCK = FixedClock(dt.date.fromisoformat(TODAY))


@pytest.fixture
def lengshi(empty_database):
    assert yibao("init", "--db", empty_database.owner, "--region",
                 "lengshi-2024").returncode == 0
    return empty_database.app


@pytest.fixture
def demo(empty_database):
    assert yibao("init", "--db", empty_database.owner, "--region", "demo").returncode == 0
    handle = open_database(empty_database.app, migrate=False)
    people = household(CLOCK, SYSTEM, Village.select().order_by(Village.id).first().id, 3)
    paid("zhou", CLOCK.today(), [(people[0], 38000)])
    clerks.add_clerk(CLOCK, SYSTEM, username="zhou", display_name="周经办", role="clerk",
                     password="zhou-counter-1")
    clerks.add_clerk(CLOCK, SYSTEM, username="zhao", display_name="赵审核", role="supervisor",
                     password="zhao-checks-1")
    numbers = [Person.get_by_id(p).id_number for p in people[1:]]
    handle.close()
    return empty_database.app, numbers


def test_progress_of_seed_002s_region(lengshi, tmp_path):
    out = tmp_path / "征缴进度.xlsx"
    done = yibao("export", "progress", "--db", lengshi, "--out", str(out), "--year", "2024")
    assert done.returncode == 0, done.stderr
    assert "已导出征缴进度" in done.stdout and "18行" in done.stdout and "写入" in done.stderr
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[-1][1:4] == ("合计", 37288, 31700)


@pytest.mark.parametrize(("args", "words"), [
    (["--out", "{tmp}/没有/a.xlsx"], "无法写入"),
    (["--out", "{tmp}/a.txt"], ".xlsx"),
    (["--out", "{tmp}/a.xlsx", "--year", "2024", "--village", "没有村"], "系统中没有村"),
    (["--out", "{tmp}/a.xlsx"], "今天没有生效的政策文件"),
    (["--out", "{tmp}/a.xlsx", "--year", "2031"], "2031年度没有本县的政策文件"),
])
def test_refusals_are_one_chinese_line(lengshi, tmp_path, args, words):
    args = [a.format(tmp=tmp_path) for a in args]
    done = yibao("export", "progress", "--db", lengshi, *args)
    assert done.returncode == 2 and one_chinese_line(done.stderr), done.stderr
    assert words in done.stderr


def test_unpaid_masked_then_in_full_for_a_supervisor_only(demo, tmp_path):
    url, numbers = demo
    out = tmp_path / "未缴.xlsx"
    done = yibao("export", "unpaid", "--db", url, "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(openpyxl.load_workbook(out)["未缴费清册"].iter_rows(values_only=True))[2:]
    assert len(rows) == 2 and all(r[8] not in numbers and "*" in r[8] for r in rows)
    clerk = yibao("export", "unpaid", "--db", url, "--out", str(out), "--full-ids",
                  "--clerk", "zhou", "--password-stdin", stdin="zhou-counter-1\n")
    assert clerk.returncode == 2 and one_chinese_line(clerk.stderr)
    full = yibao("export", "unpaid", "--db", url, "--out", str(out), "--full-ids",
                 "--clerk", "zhao", "--password-stdin", stdin="zhao-checks-1\n")
    assert full.returncode == 0, full.stderr
    rows = list(openpyxl.load_workbook(out)["未缴费清册"].iter_rows(values_only=True))[2:]
    assert [r[8] for r in rows] == numbers
    handle = open_database(url, migrate=False)
    try:
        event = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
        assert (event.action, event.clerk) == ("export.full_ids", "zhao")
    finally:
        handle.close()


def test_payments_and_settlement(demo, tmp_path):
    url, _ = demo
    out = tmp_path / "明细.xlsx"
    done = yibao("export", "payments", "--db", url, "--out", str(out), "--from", TODAY)
    assert done.returncode == 0, done.stderr
    rows = list(openpyxl.load_workbook(out)["缴费明细"].iter_rows(values_only=True))
    assert len(rows) == 4 and rows[-1][13] == 380
    day = yibao("export", "settlement", "--db", url, "--out", str(out), "--clerk", "zhou",
                "--password-stdin", "--counter", "T1", stdin="zhou-counter-1\n")
    assert day.returncode == 0, day.stderr
    rows = list(openpyxl.load_workbook(out)["日结"].iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "合计")
    assert total[1:4] == (1, 1, 380)
    nobody = yibao("export", "settlement", "--db", url, "--out", str(out))
    assert nobody.returncode == 2 and one_chinese_line(nobody.stderr)

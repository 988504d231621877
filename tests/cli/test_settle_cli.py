"""`yibao settle`: a clerk signs in and sees (or closes) their day; a supervisor any
clerk's with --for; refusals are one Chinese line, exit 2."""

import datetime as dt
import json

import pytest
from actors import SYSTEM
from cli_process import TODAY, one_chinese_line, yibao
from payment_rows import SERIES, household, paid, reversed_

from models.access import clerks
from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.schema import AuditEvent, DayClose, ReceiptCounter, Village

CLOCK = FixedClock(dt.date.fromisoformat(TODAY))
PASSWORDS = {"zhou": "zhou-counter-1", "zhao": "zhao-checks-1"}


@pytest.fixture
def hall(empty_database):
    """The demo region, a clerk (zhou, at counter T1) and a supervisor (zhao); zhou took
    two cash receipts and one by QR today, one of the cash ones voided."""
    assert yibao("init", "--db", empty_database.owner, "--region", "demo").returncode == 0
    handle = open_database(empty_database.app, migrate=False)
    people = household(CLOCK, SYSTEM, Village.select().order_by(Village.id).first().id, 4)
    clerks.add_clerk(CLOCK, SYSTEM, username="zhou", display_name="周经办", role="clerk",
                     password=PASSWORDS["zhou"])
    clerks.add_clerk(CLOCK, SYSTEM, username="zhao", display_name="赵审核", role="supervisor",
                     password=PASSWORDS["zhao"])
    day = CLOCK.today()
    first = paid("zhou", day, [(people[0], 38000), (people[1], 38000)], year=2028)
    paid("zhou", day, [(people[2], 3000)], channel="qr", year=2028)
    voided = paid("zhou", day, [(people[3], 38000)], year=2028)
    reversed_(voided, "void", "zhao", day, reason="收错人")
    yield empty_database.app, first
    handle.close_all() if hasattr(handle, "close_all") else handle.close()


def _settle(url, *args, who="zhou"):
    return yibao("settle", "--db", url, "--clerk", who, "--password-stdin", "--counter", "T1",
                 *args, stdin=PASSWORDS.get(who, "wrong-one-1") + "\n")


def test_the_day_as_json(hall):
    url, first = hall
    out = _settle(url, "--json")
    assert out.returncode == 0, out.stderr
    day = json.loads(out.stdout)
    assert (day["clerk"], day["counter"], day["day"]) == ("zhou", "T1", TODAY)
    assert (day["receipts"], day["valid"], day["people"]) == (3, 2, 3)
    assert (day["net"], day["cash_expected"], day["voided"]) == ("790.00", "760.00", "380.00")
    assert [c["channel"] for c in day["channels"]] == ["cash", "qr"]
    assert day["runs"][0]["first"] == first.receipt_no and day["runs"][0]["count"] == 3
    assert day["agreed"] is True and day["closed"] is False
    assert [a["name"] for a in day["agreements"]] == ["money", "headcount", "roster", "receipts"]
    assert DayClose.select().count() == 0


def test_the_day_as_text(hall):
    url, first = hall
    out = _settle(url)
    assert out.returncode == 0, out.stderr
    assert "收据3张（有效2张）  人数3  实收790.00元  现金应有760.00元" in out.stdout
    assert f"收据 {SERIES}-2026：{first.receipt_no} 至 {SERIES}-2026-000003，共3张，无缺号" \
        in out.stdout
    assert "✓ 参保资金一致" in out.stdout and "作废 " in out.stdout and "收错人" in out.stdout


def test_close_locks_the_day_and_a_second_close_is_refused(hall):
    url, _ = hall
    out = _settle(url, "--close", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["closed"] is True and "已日结" in out.stderr
    row = DayClose.get(clerk="zhou", day=dt.date.fromisoformat(TODAY))
    assert AuditEvent.get(AuditEvent.seq == row.audit_seq).action == "day.close"
    again = _settle(url, "--close")
    assert again.returncode == 2 and one_chinese_line(again.stderr)
    assert "不能重复日结" in again.stderr
    shown = _settle(url, "--json")
    assert json.loads(shown.stdout)["closed"] is True and shown.returncode == 0


def test_a_supervisor_settles_another_clerks_day_a_clerk_does_not(hall):
    url, _ = hall
    out = _settle(url, "--for", "zhou", "--json", who="zhao")
    assert out.returncode == 0 and json.loads(out.stdout)["receipts"] == 3
    refused = _settle(url, "--for", "zhao", who="zhou")
    assert refused.returncode == 2 and one_chinese_line(refused.stderr)
    assert "审核员" in refused.stderr


def test_a_disagreement_is_shown_and_exits_1(hall):
    url, _ = hall
    ReceiptCounter.update(last=ReceiptCounter.last + 2).where(
        ReceiptCounter.series == SERIES, ReceiptCounter.kind == "payment").execute()
    out = _settle(url)
    assert out.returncode == 1
    assert f"✗ 开具收据不一致：号段{SERIES}-2026缺号：{SERIES}-2026-000004；" in out.stdout
    assert "不一致" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(("args", "who", "message"), [
    ((), "nobody", "密码"),
    (("--day", "2026-13-01"), "zhou", "日期"),
    (("--close", "--day", "2026-11-23"), "zhou", "还没有到"),
    (("--counter", "T-1"), "zhou", "窗口号"),
])
def test_refusals_are_one_chinese_line(hall, args, who, message):
    url, _ = hall
    out = _settle(url, *args, who=who)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert message in out.stderr
    assert DayClose.select().count() == 0

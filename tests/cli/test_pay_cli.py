"""`yibao pay`, `yibao void`, `yibao refund` (issue 12, point 8): real processes on real
databases; --json keys exactly the issue's; a refused member is an error naming the
person and why, and nothing is paid; every error one Chinese line, exit 2."""

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from actors import CLERK, SYSTEM
from cli_process import TODAY, one_chinese_line, yibao

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models"))
from payments_helpers import family_of_four, newborn
from registry_helpers import make_id

from models.access import clerks
from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.schema import Payment, PaymentLine, Person, Village
from models.registry.households import mark_left
from models.rules.masking import mask_id

CLOCK = FixedClock(dt.date.fromisoformat(TODAY))
CLERK_PASSWORD, SUPERVISOR_PASSWORD = "li-counter-1", "zhao-checks-1"
LINE_KEYS = ["id_number", "name", "case", "rate_kind", "gross", "subsidy", "payable",
             "benefit_start", "benefit_end", "clauses"]


@pytest.fixture
def hall(empty_database):
    """The demo region, a family of four, a clerk and a supervisor; yields the app URL."""
    assert yibao("init", "--db", empty_database.owner, "--region", "demo").returncode == 0
    handle = open_database(empty_database.app, migrate=False)
    family = family_of_four(FixedClock(dt.date(2026, 11, 20)), Village.select().first().id)
    clerks.add_clerk(CLOCK, SYSTEM, username="lijb", display_name="李经办", role="clerk",
                     password=CLERK_PASSWORD)
    clerks.add_clerk(CLOCK, SYSTEM, username="zhao", display_name="赵审核", role="supervisor",
                     password=SUPERVISOR_PASSWORD)
    yield empty_database.app, family
    handle.close_all() if hasattr(handle, "close_all") else handle.close()


def as_clerk(url, *args, password=CLERK_PASSWORD, who="lijb"):
    return yibao(args[0], "--db", url, "--clerk", who, "--password-stdin", *args[1:],
                 stdin=password + "\n")


def test_pay_cash_json_and_the_receipt_in_the_database(hall):
    url, _family = hall
    done = as_clerk(url, "pay", "--counter", "01", "--channel", "cash", "--tendered", "1000",
                    "--json", make_id("19800101", "011"), make_id("19820202", "022"))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert list(answer) == ["receipt_no", "total", "lines", "print"]
    assert answer["print"] is None  # no --printer: nothing printed
    assert answer["receipt_no"] == "430225-01-2026-000001" and answer["total"] == "520.00"
    assert [list(line) for line in answer["lines"]] == [LINE_KEYS] * 2
    head, wife = answer["lines"]
    assert (head["name"], head["case"], head["rate_kind"], head["payable"]) == (
        "王建国", "regular", "individual", "400.00")
    assert head["id_number"] == mask_id(make_id("19800101", "011"))
    assert (wife["gross"], wife["subsidy"], wife["payable"]) == ("400.00", "280.00", "120.00")
    assert wife["benefit_end"] == "2027-12-31" and wife["clauses"]
    payment = Payment.get()
    assert (payment.clerk, payment.counter, payment.tendered, payment.total) == (
        "lijb", "01", 100000, 52000)
    text = as_clerk(url, "pay", "--counter", "01", "--channel", "qr",
                    make_id("20100303", "033"))
    assert text.returncode == 0 and "430225-01-2026-000002" in text.stdout


def test_a_newborn_pays_two_years_and_a_late_enrollment_its_repaid_year(hall):
    url, family = hall
    on = dt.date(2026, 12, 1)
    baby = newborn(FixedClock(on), Person.get_by_id(family["王建国"]).household_id,
                   dt.date(2026, 11, 20))
    number = Person.get_by_id(baby).id_number
    done = as_clerk(url, "pay", "--channel", "pos", "--on", on.isoformat(), "--json",
                    f"{number}:newborn", make_id("19800101", "011"),
                    "--repaid", f"{make_id('19800101', '011')}=1")
    assert done.returncode == 0, done.stderr
    lines = json.loads(done.stdout)["lines"]
    assert [(x["name"], x["benefit_start"], x["rate_kind"]) for x in lines] == [
        ("王小禾", "2026-11-20", "individual"), ("王小禾", "2027-01-01", "individual"),
        ("王建国", None, None), ("王建国", "2027-04-01", "individual")]
    assert json.loads(done.stdout)["total"] == "1600.00"


def test_a_refused_member_is_an_error_and_nothing_is_paid(hall):
    url, family = hall
    grandma = Person.get_by_id(family["赵桂兰"])
    mark_left(CLOCK, CLERK, grandma.id, grandma.version, status="deceased", on=CLOCK.today(),
              reason="死亡证明", documents=("death_certificate",))
    done = as_clerk(url, "pay", "--channel", "cash", make_id("19800101", "011"),
                    grandma.id_number)
    assert done.returncode == 2 and one_chinese_line(done.stderr)
    assert "赵桂兰" in done.stderr and "死亡" in done.stderr
    assert Payment.select().count() == PaymentLine.select().count() == 0


@pytest.mark.parametrize(("args", "stdin", "says"), [
    (["--channel", "cash", "999999199001011234"], CLERK_PASSWORD, "没有证件号"),
    (["--channel", "cash", "a:b:c:d"], CLERK_PASSWORD, "写法不对"),
    (["--channel", "cash", "x:newborn:2026-13-01"], CLERK_PASSWORD, "写法不对"),
    (["--channel", "bitcoin", "x"], CLERK_PASSWORD, "没有 'bitcoin' 这一项"),
    (["--channel", "cash", "--tendered", "abc", "x"], CLERK_PASSWORD, "实收金额"),
    (["--channel", "cash", "--tendered", "1", make_id("19800101", "011")], CLERK_PASSWORD,
     "少于应收"),
    (["--channel", "pos", "--tendered", "500", make_id("19800101", "011")], CLERK_PASSWORD,
     "现金"),
    (["--channel", "pos", "--repaid", "x", make_id("19800101", "011")], CLERK_PASSWORD,
     "证件号=年数"),
    (["--channel", "pos", "--missed", f"{make_id('19820202', '022')}=1",
      make_id("19800101", "011")], CLERK_PASSWORD, "不在缴费对象中"),
    (["--channel", "pos", make_id("19800101", "011"), make_id("19800101", "011")],
     CLERK_PASSWORD, "两次"),
    (["--channel", "pos", make_id("19800101", "011")], "wrong-password", "密码"),
])
def test_errors_are_one_chinese_line_exit_2(hall, args, stdin, says):
    url, _family = hall
    done = as_clerk(url, "pay", *args, password=stdin)
    assert done.returncode == 2, done.stdout
    assert says in done.stderr and "Traceback" not in done.stderr, done.stderr
    if "用法" not in done.stderr:  # argparse's usage errors come with the usage
        assert one_chinese_line(done.stderr), done.stderr
    assert Payment.select().count() == 0


def test_void_by_a_supervisor_and_refund_with_a_reason(hall):
    url, _family = hall
    paid = as_clerk(url, "pay", "--channel", "pos", "--json", make_id("19800101", "011"))
    receipt = json.loads(paid.stdout)["receipt_no"]
    refused = as_clerk(url, "void", receipt)
    assert refused.returncode == 2 and "审核员" in refused.stderr
    voided = as_clerk(url, "void", receipt, "--reason", "收错人", "--json",
                      password=SUPERVISOR_PASSWORD, who="zhao")
    assert voided.returncode == 0, voided.stderr
    answer = json.loads(voided.stdout)
    assert answer["receipt_no"] == receipt and answer["kind"] == "void"
    assert answer["number"] == "430225-01-2026-V000001" and answer["amount"] == "400.00"
    assert Payment.get().status == "void"
    again = as_clerk(url, "pay", "--channel", "pos", "--json", make_id("19800101", "011"))
    second = json.loads(again.stdout)["receipt_no"]
    no_reason = as_clerk(url, "refund", second)
    assert no_reason.returncode == 2 and "--reason" in no_reason.stderr
    refunded = as_clerk(url, "refund", second, "--reason", "重复缴费")
    assert refunded.returncode == 0 and "R000001" in refunded.stdout
    unknown = as_clerk(url, "refund", "430225-01-2026-999999", "--reason", "x")
    assert unknown.returncode == 2 and "没有收据号" in unknown.stderr

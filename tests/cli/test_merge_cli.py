"""`yibao merge` and `yibao unmerge` (issue 14, point 6): real processes on real databases;
the merge's id and what moved; a dry run writes nothing; Chinese errors, one line, and
their own exit codes (4: which payment stands; 5: the unmerge met a later change)."""

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from actors import CLERK, SYSTEM
from cli_process import TODAY, one_chinese_line, yibao

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models"))
from merge_helpers import candidate
from payments_helpers import family_of_four, policy
from registry_helpers import DOCS, make_id, person

from models.access import clerks
from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.schema import MergeLog, Payment, PaymentLine, Person, Village
from models.payments.paying import pay
from models.payments.quoting import MemberRequest
from models.registry.registration import NewHousehold, register_person

CLOCK = FixedClock(dt.date.fromisoformat(TODAY))
CLERK_PASSWORD, SUPERVISOR_PASSWORD = "li-counter-1", "zhao-checks-1"
CHILD_ID = make_id("20100303", "033")
TYPO_ID = make_id("20100303", "053")


@pytest.fixture
def hall(empty_database):
    """The demo region, a family of four whose child was registered again under a mistyped
    ID in a household of its own, a clerk and a supervisor; yields the app URL and ids."""
    assert yibao("init", "--db", empty_database.owner, "--region", "demo").returncode == 0
    handle = open_database(empty_database.app, migrate=False)
    village = Village.select().first().id
    ids = family_of_four(FixedClock(dt.date(2026, 11, 20)), village)
    ids["again"] = register_person(CLOCK, CLERK, person("王晓明", TYPO_ID, phone="13800001111"),
                                   new_household=NewHousehold(village, "新村1组"),
                                   documents=DOCS).id
    clerks.add_clerk(CLOCK, SYSTEM, username="lijb", display_name="李经办", role="clerk",
                     password=CLERK_PASSWORD)
    clerks.add_clerk(CLOCK, SYSTEM, username="zhao", display_name="赵审核", role="supervisor",
                     password=SUPERVISOR_PASSWORD)
    yield empty_database.app, ids
    handle.close()


def run(url, *args, supervisor=False):
    who, password = ("zhao", SUPERVISOR_PASSWORD) if supervisor else ("lijb", CLERK_PASSWORD)
    return yibao(args[0], "--db", url, "--clerk", who, "--password-stdin", *args[1:],
                 stdin=password + "\n")


def test_a_dry_run_then_the_merge_then_the_unmerge(hall):
    url, ids = hall
    dry = run(url, "merge", CHILD_ID, TYPO_ID, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    answer = json.loads(dry.stdout)
    assert answer["merge_id"] is None and answer["dry_run"] is True
    assert answer["kept"]["phone"] == "other" and answer["kept"]["name"] == "survivor"
    assert MergeLog.select().count() == 0 and Person.get_by_id(ids["again"]).status == "active"
    done = run(url, "merge", CHILD_ID, TYPO_ID, "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["survivor"]["id"] == ids["王小明"] and answer["other"]["id"] == ids["again"]
    assert answer["survivor"]["id_number"] == "430225********0336"  # masked
    assert answer["moved"] == {"enrollment": 0, "payment_line": 0, "identity_tag": 0}
    merge_id = answer["merge_id"]
    assert Person.get_by_id(ids["again"]).merged_into_id == ids["王小明"]
    refused = run(url, "unmerge", str(merge_id))
    assert refused.returncode == 2 and one_chinese_line(refused.stderr)
    assert "审核员" in refused.stderr
    undone = run(url, "unmerge", str(merge_id), "--reason", "合并错了", supervisor=True)
    assert undone.returncode == 0, undone.stderr
    assert "已撤销合并" in undone.stdout
    assert Person.get_by_id(ids["again"]).status == "active"
    again = run(url, "unmerge", str(merge_id), supervisor=True)
    assert again.returncode == 2 and "已于" in again.stderr
    assert yibao("audit", "verify", "--db", url).returncode == 0


def test_record_ids_and_paid_twice_exit_4_until_a_payment_is_kept(hall):
    url, ids = hall
    first = pay(CLOCK, CLERK, policy(), [MemberRequest(ids["王小明"])], "cash")
    second = pay(CLOCK, CLERK, policy(), [MemberRequest(ids["again"])], "cash")
    asked = run(url, "merge", str(ids["王小明"]), str(ids["again"]))
    assert asked.returncode == 4 and one_chinese_line(asked.stderr)
    assert "--keep-payment" in asked.stderr and second.receipt_no in asked.stderr
    done = run(url, "merge", str(ids["王小明"]), str(ids["again"]),
               "--keep-payment", first.receipt_no, "--counter", "01")
    assert done.returncode == 0, done.stderr
    assert "退费" in done.stdout
    assert Payment.get(Payment.receipt_no == second.receipt_no).status == "refunded"
    assert {x.person_id for x in PaymentLine.select()} == {ids["王小明"]}


def test_an_unmerge_after_a_change_it_cannot_settle_exits_5(hall):
    url, ids = hall
    done = run(url, "merge", CHILD_ID, TYPO_ID, "--json")
    merge_id = json.loads(done.stdout)["merge_id"]
    Person.update(phone="13900002222").where(Person.id == ids["王小明"]).execute()
    refused = run(url, "unmerge", str(merge_id), supervisor=True)
    assert refused.returncode == 5 and one_chinese_line(refused.stderr)
    assert "联系电话又改过" in refused.stderr


@pytest.mark.parametrize("args, words", [
    (("merge", "123"), "两条"),
    (("merge", "1", "1"), "自己"),
    (("merge", "1", "99999999999999999999"), "找不到"),
    (("merge", "1", "2", "--sure"), "两条"),
    (("merge", "1", "2", "--keep", "name"), "写法不对"),
    (("merge", "1", "2", "--keep", "colour=other"), "没有这个字段"),
    (("merge", "430225199001011234", "2"), "找不到"),
])
def test_odd_arguments_are_one_chinese_line(hall, args, words):
    url, _ = hall
    done = run(url, *args)
    assert done.returncode == 2 and one_chinese_line(done.stderr), done.stderr
    assert words in done.stderr


def test_a_merge_id_out_of_range_is_a_usage_error(hall):
    url, _ = hall
    done = run(url, "unmerge", "99999999999999999999")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("错误：参数 MERGE_ID：应为1到")


def test_the_sure_band_in_bulk_a_supervisor_only_after_a_dry_run(hall):
    url, ids = hall
    candidate(ids["王小明"], ids["again"], decision="sure", score=0.99)
    clerk = run(url, "merge", "--sure", "--dry-run")
    assert clerk.returncode == 2 and "审核员" in clerk.stderr
    dry = run(url, "merge", "--sure", "--dry-run", "--json", supervisor=True)
    assert dry.returncode == 0, dry.stderr
    pairs = json.loads(dry.stdout)["pairs"]
    assert [(p["survivor"]["id"], p["merge_id"]) for p in pairs] == [(ids["王小明"], None)]
    assert MergeLog.select().count() == 0
    done = run(url, "merge", "--sure", supervisor=True)
    assert done.returncode == 0, done.stderr
    assert "合并 1 对" in done.stdout
    assert Person.get_by_id(ids["again"]).status == "merged"

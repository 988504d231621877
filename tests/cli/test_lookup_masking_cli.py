"""Issue 10, point 6: `yibao lookup` masks ID numbers and phones by default (text, JSON,
--stdin); --full-id shows them whole to a supervisor who signs in, and each use is an
audit event. Masking is output only: a search by the whole number still finds."""

import datetime as dt
import json
import re
import subprocess

import pytest
from actors import SYSTEM
from cli_process import COMMAND, TODAY, one_chinese_line, yibao, yibao_at_terminal

from models.access import clerks
from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.schema import AuditEvent, Person
from models.rules.masking import ID_KEEP, _mask, mask_id, mask_phone

CLOCK = FixedClock(dt.date.fromisoformat(TODAY))
SUPERVISOR_PASSWORD = "zhao-checks-1"
CLERK_PASSWORD = "zhou-counter-1"
MASKED_ID = re.compile(r"^\w{6}\*+\w{4}$")
MASKED_PHONE = re.compile(r"^1\d{2}\*{4}\d{4}$")


@pytest.fixture
def hall(county_url):
    """The generated county with a supervisor and a clerk; yields the URL and a person
    who has an ID number and a phone."""
    handle = open_database(county_url, migrate=False)
    clerks.add_clerk(CLOCK, SYSTEM, username="zhao", display_name="赵审核", role="supervisor",
                     password=SUPERVISOR_PASSWORD)
    clerks.add_clerk(CLOCK, SYSTEM, username="zhou", display_name="周经办", role="clerk",
                     password=CLERK_PASSWORD)
    person = (Person.select().where(Person.id_type == "resident", Person.phone.is_null(False),
                                    Person.status == "active").order_by(Person.id).first())
    yield county_url, person
    handle.close_all() if hasattr(handle, "close_all") else handle.close()


def full_id_events() -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.action == "lookup.full_id")
                .order_by(AuditEvent.seq))


def test_the_rule():
    assert mask_id("430225199001011234") == "430225********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id("A123456789") == "A1******89"  # 6 + 4 of 10 would hide nothing
    assert mask_id(None) == mask_phone("") == ""


def test_the_resident_number_shortcut_masks_as_the_rule_does():
    """mask_id() takes a shortcut for 18 characters (every lookup row): it must give what
    the general rule gives, for 18 and for every other length."""
    for number in ("430225199001011234", "43022519900101123X", "H12345678901234567",
                   "1234567", "430225900101123", "4302251990010112345"):
        assert mask_id(number) == _mask(number, *ID_KEEP), number
    assert mask_id("43022519900101123X") == "430225********123X"


def test_json_text_and_stdin_are_masked_and_the_whole_number_still_finds(hall):
    url, person = hall
    page = json.loads(yibao("lookup", person.id_number, "--db", url, "--json").stdout)
    hit = next(h for h in page["results"] if h["id"] == person.id)
    assert hit["id_number"] == hit["masked_id"] == mask_id(person.id_number)
    assert MASKED_ID.match(hit["id_number"]) and MASKED_PHONE.match(hit["phone"])
    assert hit["phone"] == mask_phone(person.phone)

    text = yibao("lookup", person.phone, "--db", url)
    assert text.returncode == 0 and person.id_number not in text.stdout
    assert person.phone not in text.stdout
    assert mask_id(person.id_number) in text.stdout and mask_phone(person.phone) in text.stdout

    batch = yibao("lookup", "--stdin", "--db", url, stdin=f"{person.id_number}\nwang\n")
    assert batch.returncode == 0
    for answer in map(json.loads, batch.stdout.splitlines()):
        for h in answer["results"]:
            assert h["id_number"] is None or MASKED_ID.match(h["id_number"])
            assert h["phone"] is None or MASKED_PHONE.match(h["phone"])
    assert person.id_number not in batch.stdout.split('"query"', 2)[-1]  # only the echo


def test_a_supervisor_sees_the_whole_numbers_and_the_use_is_audited(hall):
    url, person = hall
    out = yibao("lookup", "--stdin", "--db", url, "--full-id", "--clerk", "zhao",
                "--password-stdin", stdin=f"{SUPERVISOR_PASSWORD}\n{person.id_number}\n"
                                          f"\n{person.phone}\n")
    assert out.returncode == 0, out.stderr
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(answers) == 3 and "error" in answers[1]  # the empty line is answered too
    for answer in (answers[0], answers[2]):
        hit = next(h for h in answer["results"] if h["id"] == person.id)
        assert hit["id_number"] == person.id_number and hit["phone"] == person.phone
    events = full_id_events()
    assert [(e.clerk, json.loads(e.after)) for e in events] == [("zhao", {"queries": 2})]


def test_full_id_at_the_terminal(hall):
    url, person = hall
    status, shown = yibao_at_terminal("lookup", person.id_number, "--db", url, "--today", TODAY,
                                      "--full-id", "--clerk", "zhao",
                                      answers=[("密码", SUPERVISOR_PASSWORD.encode() + b"\n")])
    assert status == 0, shown
    assert person.id_number in shown and SUPERVISOR_PASSWORD not in shown  # not echoed
    assert [json.loads(e.after) for e in full_id_events()] == [{"queries": 1}]


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (["--full-id"], None, "--clerk"),
    (["--full-id", "--clerk", "zhou", "--password-stdin"], CLERK_PASSWORD + "\n", "审核员"),
    (["--full-id", "--clerk", "zhao", "--password-stdin"], "wrong-password\n", "密码"),
    (["--full-id", "--clerk", "nobody", "--password-stdin"], "whatever-123\n", "密码"),
    (["--full-id", "--clerk", "zhao"], "", "终端"),  # no terminal: stdin is never read
])
def test_full_id_is_refused_to_anyone_else(hall, args, stdin, message):
    url, person = hall
    # A session of its own: no controlling terminal, as under cron or a CI runner.
    out = subprocess.run([*COMMAND, "lookup", person.id_number, "--db", url, "--today", TODAY,
                          *args], input=stdin or "", capture_output=True, text=True,
                         timeout=120, start_new_session=True)
    assert out.returncode == 2 and one_chinese_line(out.stderr) and message in out.stderr
    assert out.stdout == "" and full_id_events() == []

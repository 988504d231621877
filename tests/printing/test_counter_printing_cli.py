"""Printing after the money, from the command line (issue 13 points 1, 3, 4): `yibao pay
--printer` prints the slip to the fake network printer and says so under `print`;
`yibao verify` on a genuine, a forged and a voided slip's QR text; `yibao print receipt`
reprints, byte for byte the first print but for the 补打 mark; the settlement counts it."""

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from actors import SYSTEM
from escpos_decode import decode
from fake_printer import FakePrinter
from print_cli import yibao

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models"))
from payments_helpers import family_of_four
from registry_helpers import make_id

from models.access import clerks
from models.core.clock import FixedClock
from models.core.db import open_database
from models.core.schema import PrintJob, Village
from models.payments.settlement import settlement
from models.rules.masking import mask_id
from printing.counter_slips import settlement_slip
from printing.slip_check import load_key, payload

TODAY = "2026-11-22"
CLOCK = FixedClock(dt.date.fromisoformat(TODAY))
PASSWORD = "li-counter-1"
IDS = [make_id("19800101", "011"), make_id("19820202", "022"), make_id("20100303", "033"),
       make_id("19500404", "044")]


@pytest.fixture(autouse=True)
def slip_key(tmp_path, monkeypatch):
    monkeypatch.setenv("YIBAO_SLIP_KEY", str(tmp_path / "slip.key"))


@pytest.fixture
def hall(empty_database):
    assert yibao("init", "--db", empty_database.owner, "--region", "demo").returncode == 0
    handle = open_database(empty_database.app, migrate=False)
    family_of_four(FixedClock(dt.date(2026, 11, 20)), Village.select().first().id)
    clerks.add_clerk(CLOCK, SYSTEM, username="lijb", display_name="李经办", role="clerk",
                     password=PASSWORD)
    clerks.add_clerk(CLOCK, SYSTEM, username="zhao", display_name="赵审核", role="supervisor",
                     password=PASSWORD)
    yield empty_database.app
    handle.close()


def signed(command, url, *args, who="lijb"):
    import subprocess

    from print_cli import COMMAND
    return subprocess.run([*COMMAND, *command, "--db", url, "--clerk", who,
                           "--password-stdin", "--today", TODAY, *args],
                          input=PASSWORD + "\n", capture_output=True, text=True, timeout=120)


def pay_family(url, printer_uri):
    done = signed(["pay"], url, "--counter", "01", "--channel", "cash", "--tendered", "2000",
                  "--printer", printer_uri, "--json", *IDS)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_pay_prints_the_slip_and_verify_knows_it(hall):
    with FakePrinter() as printer:
        answer = pay_family(hall, printer.uri)
    assert list(answer) == ["receipt_no", "total", "lines", "print"]
    assert answer["print"]["status"] == "done" and answer["print"]["reason"] is None
    assert "小票已打印" in answer["print"]["message"]
    slip = decode(printer.printed)
    text = "\n".join(slip.texts)
    assert "王建国" in text and "赵桂兰" in text
    assert mask_id(IDS[0]) in text
    assert IDS[0] not in text
    assert f"￥{answer['total']}" in text.replace(" ", "")
    (qr,) = slip.qr_texts()
    assert qr == payload(answer["receipt_no"], load_key())

    done = yibao("verify", qr, "--db", hall, "--json")
    assert done.returncode == 0, done.stderr
    verdict = json.loads(done.stdout)
    assert verdict["genuine"] is True and verdict["receipt"]["receipt_no"] == answer["receipt_no"]
    assert verdict["receipt"]["total"] == answer["total"]
    assert verdict["receipt"]["members"][0]["name"] == "王建国"
    assert all("*" in m["id_number"] for m in verdict["receipt"]["members"])
    done = yibao("verify", qr.lower(), "--db", hall)  # typed by hand, in small letters
    assert done.returncode == 0 and "查验通过" in done.stdout and "王建国" in done.stdout

    forged = qr[:-1] + ("0" if qr[-1] != "0" else "1")
    done = yibao("verify", forged, "--db", hall)
    assert done.returncode == 1 and "查验未通过" in done.stdout
    made_up = payload("430225-01-2026-999999", load_key())
    done = yibao("verify", made_up, "--db", hall)
    assert done.returncode == 1 and "没有票据" in done.stdout
    done = yibao("verify", "hello", "--db", hall, "--json")
    assert done.returncode == 1 and json.loads(done.stdout)["receipt"] is None

    with FakePrinter() as printer:
        void = signed(["void", answer["receipt_no"]], hall, "--reason", "录错", "--printer",
                      printer.uri, who="zhao")
    assert void.returncode == 0, void.stderr
    assert "小票已打印" in void.stdout
    voided = "\n".join(decode(printer.printed).texts)
    assert "作废凭证" in voided and answer["receipt_no"] in voided
    (void_qr,) = decode(printer.printed).qr_texts()
    done = yibao("verify", void_qr, "--db", hall)  # the void's own slip: genuine, not paid
    assert done.returncode == 1 and "作废凭证" in done.stdout and answer["receipt_no"] in \
        done.stdout
    done = yibao("verify", qr, "--db", hall, "--json")
    assert done.returncode == 1
    verdict = json.loads(done.stdout)
    assert verdict["genuine"] is False and verdict["receipt"]["status"] == "void"
    assert "已作废" in verdict["message"]


def test_a_reprint_is_the_first_print_but_its_mark(hall):
    with FakePrinter() as printer:
        answer = pay_family(hall, printer.uri)
        done = signed(["print", "receipt", answer["receipt_no"]], hall, "--printer",
                      printer.uri)
        assert done.returncode == 0, done.stderr
        assert "补打1" in done.stdout and "已打印" in done.stdout
        first, again = printer.jobs
    mark = decode(again)
    marked = [t for t in mark.texts if "补打" in t]
    assert [t.strip() for t in marked] == ["【补打 第1次】"]
    # the mark's line as built: size, bold on, its GBK text, line feed
    segment = b"\x1d!\x00\x1bE\x01" + marked[0].encode("gbk") + b"\n"
    assert again.count(segment) == 1
    assert again.replace(segment, b"") == first
    row = PrintJob.get(PrintJob.reprint == 1)
    assert (row.kind, row.ref, row.clerk) == ("payment", answer["receipt_no"], "lijb")
    figures = settlement("lijb", "01", CLOCK.today())
    assert settlement_slip(figures, "李经办").reprints == 1
    done = signed(["settle"], hall, "--counter", "01")
    assert "补打小票：1 张" in done.stdout, done.stdout + done.stderr


def test_reprint_refusals_are_one_chinese_line(hall):
    done = yibao("print", "receipt", "430225-01-2026-000404", "--printer", "/dev/null",
                 "--db", hall)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("错误：") and len(done.stderr.strip().splitlines()) == 1
    with FakePrinter("paper_out") as printer:
        answer = pay_family(hall, printer.uri + "?timeout=1")
    assert answer["print"]["status"] == "failed" and answer["print"]["reason"] == "paper_out"
    assert "缺纸" in answer["print"]["message"]
    done = yibao("print", "queue", "--db", hall)
    assert "打印失败" in done.stdout and answer["receipt_no"] in done.stdout


def test_verify_usage_and_a_missing_key_are_refusals(hall, tmp_path, monkeypatch):
    done = yibao("verify", "--db", hall)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    monkeypatch.setenv("YIBAO_SLIP_KEY", str(tmp_path / "nowhere" / "slip.key"))
    done = yibao("verify", "YB:430225-01-2026-000001:0123456789ABCDEF0123", "--db", hall)
    assert done.returncode == 2 and "找不到小票查验密钥文件" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1

"""The slip at the counter (issue 13 points 1, 3, 5, 6), keyboard only, on a real SQLite
file, the real services and the fake ESC/POS network printer on 127.0.0.1: lookup →
person → F9 → confirm → the slip arrives in the printer (decoded: the names, the masked
ID, the total, the QR payload) and shows on screen beside its outcome; a printer out of
paper leaves a failed job on the queue screen (F4), F5 there prints it once the paper is
in; an interrupted job is retried; the slip's QR text in the lookup field opens the
person; F11 on the person screen shows a receipt's slip and F7 reprints it (补打)."""

import datetime as dt
import sys
from pathlib import Path

import pytest
from actors import CLERK
from textual.widgets import DataTable, Input, Static

from models.core.clock import FixedClock
from models.core.schema import PrintJob
from models.rules.masking import mask_id
from models.rules.policy import load_policy_id
from printing.slip_check import load_key, payload
from tests.tui.conftest import type_into, wait_for, wait_for_person, wait_for_screen
from tests.tui.pay_helpers import SIZE, CounterApp, confirm_and_pay, open_pay, open_record
from tests.tui.walk_ins import Someone, open_walk_in, resident_id
from tui.screens.lookup import LookupScreen
from tui.screens.print_queue import PrintQueueScreen
from tui.slip_modal import SlipScreen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "printing"))
from escpos_decode import decode
from fake_printer import FakePrinter

FATHER = Someone("周建华", "self", "19900315", "013")
MOTHER = Someone("吴丽", "spouse", "19920708", "024")
CLOCK = FixedClock(dt.date(2026, 11, 22))


@pytest.fixture
def walk_in(tmp_path):
    db, ids = open_walk_in(tmp_path / "w.db", CLOCK, "demo", (FATHER, MOTHER))
    yield ids
    db.close()


def counter_printer(tmp_path, monkeypatch, uri: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[printer]\nuri = "{uri}"\n', encoding="utf-8")
    monkeypatch.setenv("YIBAO_CONFIG", str(config))


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def pay_both(pilot, ids) -> SlipScreen:
    await open_record(pilot, "周建华", ids["周建华"])
    pay = await open_pay(pilot)
    await confirm_and_pay(pilot, pay)
    slip = await wait_for_screen(pilot, SlipScreen, "the slip beside the receipt")
    await wait_for(pilot, lambda: slip.outcome.job is not None
                   or "没能" in slip.outcome.message, "the print's outcome")
    return slip


def inked(printer: FakePrinter) -> list[bytes]:
    return [job for job in printer.jobs if job]


async def test_the_walk_in_ends_with_the_slip_in_the_printer(tmp_path, monkeypatch, walk_in):
    with FakePrinter() as printer:
        counter_printer(tmp_path, monkeypatch, printer.uri)
        app = CounterApp(clock=CLOCK, actor=CLERK, policy=load_policy_id("demo-2027"))
        async with app.run_test(size=SIZE) as pilot:
            slip = await pay_both(pilot, walk_in)
            assert slip.outcome.printed, slip.outcome.message
            assert "小票已打印" in text(slip, "#outcome")
            receipt_no = slip.receipt_no
            shown = text(slip, "#slip")
            assert receipt_no in shown and "周建华" in shown and "吴丽" in shown
    (data,) = inked(printer)
    decoded = decode(data)
    printed = "\n".join(decoded.texts)
    father = resident_id(FATHER.birth, FATHER.seq)
    assert "周建华" in printed and "吴丽" in printed
    assert mask_id(father) in printed and father not in printed
    assert "￥800.00" in printed.replace(" ", "")
    assert decoded.qr_texts() == [payload(receipt_no, load_key())]
    # what the screen showed is what was printed, line for line (the QR as its text)
    assert [line for line in decoded.texts if line.strip()] == \
        [line for line in shown.splitlines() if line.strip() and not line.strip()
         .startswith("[QR")]


async def test_out_of_paper_leaves_a_job_the_queue_prints_later(tmp_path, monkeypatch,
                                                                walk_in):
    with FakePrinter("paper_out") as printer:
        counter_printer(tmp_path, monkeypatch, printer.uri + "?timeout=1")
        app = CounterApp(clock=CLOCK, actor=CLERK, policy=load_policy_id("demo-2027"))
        async with app.run_test(size=SIZE) as pilot:
            slip = await pay_both(pilot, walk_in)
            assert slip.outcome.job.status == "failed"
            assert "缺纸" in text(slip, "#outcome") and "F5 重打" in text(slip, "#keys")
            receipt_no = slip.receipt_no
            await pilot.press("escape")  # the slip closes; the payment stands
            await wait_for_person(pilot, lambda d: d.id == walk_in["周建华"])
            await pilot.press("escape")
            await wait_for_screen(pilot, LookupScreen)
            await pilot.press("f4")
            queue = await wait_for_screen(pilot, PrintQueueScreen)
            table = queue.query_one("#jobs", DataTable)
            await wait_for(pilot, lambda: table.row_count == 1, "the failed job listed")
            row = [str(c) for c in table.get_row_at(0)]
            assert row[2] == receipt_no and row[3] == "打印失败" and "缺纸" in row[6]
            assert not inked(printer)
            printer.state = "ok"  # the paper is in
            await pilot.press("f5")
            await wait_for(pilot, lambda: table.row_count == 0, "the job printed and gone")
            assert "已打印" in text(queue, "#message")
    (data,) = inked(printer)
    assert decode(data).qr_texts() == [payload(receipt_no, load_key())]


async def test_an_interrupted_job_is_shown_and_retried_elsewhere(tmp_path, monkeypatch,
                                                                 walk_in):
    from printing import print_queue

    job_id = print_queue.enqueue(CLOCK, CLERK, "test", "t-1", b"\x1b@\x1c&" +
                                 "测试".encode("gbk") + b"\n", "none", 58)
    PrintJob.update(status="printing", claimed_by="elsewhere:1", attempts=1,
                    updated_at=dt.datetime(2026, 11, 22, 0, 0)).execute()  # held, long gone
    app = CounterApp(clock=CLOCK, actor=CLERK, policy=load_policy_id("demo-2027"))
    with FakePrinter() as printer:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_screen(pilot, LookupScreen)
            await pilot.press("f4")
            queue = await wait_for_screen(pilot, PrintQueueScreen)
            table = queue.query_one("#jobs", DataTable)
            await wait_for(pilot, lambda: table.row_count == 1, "the interrupted job")
            assert str(table.get_row_at(0)[3]) == "打印中断"
            await pilot.press("enter")  # its preview, from the bytes it keeps
            slip = await wait_for_screen(pilot, SlipScreen)
            assert "测试" in text(slip, "#slip")
            await pilot.press("escape")
            await wait_for_screen(pilot, PrintQueueScreen)
            await pilot.press("f6")
            await wait_for(pilot, lambda: pilot.app.screen.query_one("#printer"),
                           "the printer prompt")
            await type_into(pilot, pilot.app.screen.query_one("#printer", Input), printer.uri)
            await pilot.press("enter")
            await wait_for(pilot, lambda: table.row_count == 0, "the job printed elsewhere")
    assert inked(printer) == [b"\x1b@\x1c&" + "测试".encode("gbk") + b"\n"]
    assert PrintJob.get_by_id(job_id).status == "done"


async def test_the_slip_text_in_the_lookup_opens_the_person_and_f11_reprints(
        tmp_path, monkeypatch, walk_in):
    with FakePrinter() as printer:
        counter_printer(tmp_path, monkeypatch, printer.uri)
        app = CounterApp(clock=CLOCK, actor=CLERK, policy=load_policy_id("demo-2027"))
        async with app.run_test(size=SIZE) as pilot:
            slip = await pay_both(pilot, walk_in)
            receipt_no = slip.receipt_no
            await pilot.press("escape")
            await wait_for_person(pilot, lambda d: d.id == walk_in["周建华"])
            await pilot.press("escape")
            lookup = await wait_for_screen(pilot, LookupScreen)
            forged = payload(receipt_no, b"\x01" * 32)
            await type_into(pilot, lookup.query_one("#query", Input), forged)
            await wait_for(pilot, lambda: "查验未通过" in text(lookup, "#message"),
                           "the forged slip's verdict")
            await pilot.press("escape")
            await type_into(pilot, lookup.query_one("#query", Input),
                            payload(receipt_no, load_key()))
            await wait_for(pilot, lambda: "查验通过" in text(lookup, "#message"),
                           "the genuine slip's verdict")
            await pilot.press("enter")
            await wait_for_person(pilot, lambda d: d.id == walk_in["周建华"])
            await pilot.press("f11")
            shown = await wait_for_screen(pilot, SlipScreen, "the receipt's slip")
            assert receipt_no in text(shown, "#slip") and "补打" not in text(shown, "#slip")
            await pilot.press("f7")
            await wait_for(pilot, lambda: shown.outcome.printed, "the reprint printed")
            assert "【补打 第1次】" in text(shown, "#slip")
    _first, again = inked(printer)
    assert "【补打 第1次】" in "\n".join(decode(again).texts)
    assert PrintJob.get(PrintJob.reprint == 1).clerk == CLERK.username

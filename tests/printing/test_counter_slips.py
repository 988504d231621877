"""The counter's printing service (printing/counter_slips.py) on real databases: a slip is
queued after the payment and printed; with no printer configured, or a broken one, the
job is still kept (printer `none`, failed, the reason said) and prints elsewhere later;
nothing it meets reaches the caller as an exception; the queue's preview reads the kept
bytes back to the same lines the screen shows."""

import datetime as dt
import sys
from pathlib import Path

import pytest
from actors import CLERK, SYSTEM
from escpos_decode import decode
from fake_printer import FakePrinter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models"))
from payments_helpers import family_of_four, policy

from models.core.schema import AuditEvent, PrintJob, Village
from models.payments.paying import pay
from models.payments.quoting import MemberRequest
from models.payments.reversals import void_payment
from models.registry.regions import load_region
from models.rules.region_file import read_region_file, resolve_region_path
from printing import counter_slips, print_queue
from printing.job_preview import job_preview
from printing.slip_check import load_key, payload


@pytest.fixture
def paid(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    ids = family_of_four(clock, Village.select().order_by(Village.id).first().id)
    receipt = pay(clock, CLERK, policy(), [MemberRequest(i) for i in ids.values()], "cash",
                  tendered=200000)
    return receipt


def configure(tmp_path, monkeypatch, text: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("YIBAO_CONFIG", str(config))


def test_the_counters_printer_gets_the_slip(paid, clock, tmp_path, monkeypatch):
    with FakePrinter() as printer:
        configure(tmp_path, monkeypatch, f'[printer]\nuri = "{printer.uri}"\nwidth = 80\n')
        outcome = counter_slips.print_receipt(clock, CLERK, paid.receipt_no)
    assert outcome.printed and outcome.message == "小票已打印（本窗口打印机）"
    assert (outcome.job.printer, outcome.job.width, outcome.job.reprint) == ("default", 80, 0)
    decoded = decode(printer.printed)
    assert decoded.qr_texts() == [payload(paid.receipt_no, load_key())]
    assert max(len(line.encode("gbk")) for line in decoded.texts) <= 48  # 80 mm: 48 columns
    assert [t for t in decoded.texts if t.strip()] == \
        [t for t in outcome.preview.splitlines() if t.strip() and not t.strip().startswith("[QR")]


def test_no_printer_keeps_the_job_for_another(paid, clock):
    outcome = counter_slips.print_receipt(clock, CLERK, paid.receipt_no)
    job = outcome.job
    assert (job.printer, job.status, job.reason) == ("none", "failed", "no_printer")
    assert "没有配置打印机" in outcome.message and "打印队列" in outcome.message
    assert [j.id for j in print_queue.open_jobs(clock)] == [job.id]
    with FakePrinter() as printer:
        again = print_queue.print_job(clock, CLERK, job.id, printer.uri)
    assert again.status == "done" and again.printer == printer.uri
    assert decode(printer.printed).qr_texts() == [payload(paid.receipt_no, load_key())]
    assert print_queue.open_jobs(clock) == []


def test_a_broken_printer_setting_is_said_and_the_job_kept(paid, clock, tmp_path, monkeypatch):
    configure(tmp_path, monkeypatch, '[printer]\nuri = "lpt1"\n')
    outcome = counter_slips.print_receipt(clock, CLERK, paid.receipt_no)
    assert outcome.job.status == "failed" and outcome.job.printer == "none"
    assert "打印机地址无法识别：lpt1" in outcome.message
    configure(tmp_path, monkeypatch, "[printer\n")  # not TOML at all
    outcome = counter_slips.print_receipt(clock, CLERK, paid.receipt_no)
    assert outcome.job is not None and outcome.job.status == "failed"


def test_nothing_reaches_the_caller_as_an_exception(paid, clock, monkeypatch, tmp_path):
    outcome = counter_slips.print_receipt(clock, CLERK, "430225-01-2026-999999")
    assert outcome.job is None and "没能放进打印队列" in outcome.message
    bad_key = tmp_path / "short.key"
    bad_key.write_bytes(b"x")
    monkeypatch.setenv("YIBAO_SLIP_KEY", str(bad_key))
    outcome = counter_slips.print_receipt(clock, CLERK, paid.receipt_no)
    assert outcome.job is None and "查验密钥" in outcome.message
    with FakePrinter("drop", drop_after=500) as printer:
        monkeypatch.delenv("YIBAO_SLIP_KEY")
        monkeypatch.setenv("YIBAO_SLIP_KEY", str(tmp_path / "slip.key"))
        outcome = counter_slips.print_receipt(clock, CLERK, paid.receipt_no,
                                              printer.uri + "?timeout=1")
    assert outcome.job.status == "failed" and outcome.job.reason == "dropped"
    assert "小票可能不完整" in outcome.message


def test_a_reprint_is_numbered_audited_and_counted(paid, clock):
    with FakePrinter() as printer:
        first = counter_slips.print_receipt(clock, CLERK, paid.receipt_no, printer.uri)
        second = counter_slips.print_receipt(clock, CLERK, paid.receipt_no, printer.uri)
        third = counter_slips.print_receipt(clock, CLERK, paid.receipt_no, printer.uri)
    assert [o.job.reprint for o in (first, second, third)] == [0, 1, 2]
    assert "【补打 第2次】" in third.preview and "补打" not in first.preview
    events = AuditEvent.select().where(AuditEvent.action == "print.reprint")
    assert events.count() == 2
    from models.payments.settlement import settlement

    assert settlement(CLERK.username, CLERK.counter, clock.today()).reprints == 2


def test_void_and_settlement_slips_print(paid, clock):
    from models.payments.settlement import close_day

    supervisor = CLERK.__class__(99, "zhao", "supervisor", CLERK.counter, "赵审核")
    view = void_payment(clock, supervisor, paid.receipt_no, "录错")
    with FakePrinter() as printer:
        voided = counter_slips.print_reversal(clock, supervisor, view, paid.receipt_no,
                                              printer.uri)
        figures = close_day(clock, CLERK, CLERK.username, CLERK.counter, clock.today())
        closed = counter_slips.print_settlement(clock, CLERK, figures, CLERK.display_name,
                                                printer.uri)
    assert voided.printed and closed.printed
    void_text, day_text = ("\n".join(decode(job).texts) for job in printer.jobs if job)
    assert "作废凭证" in void_text and paid.receipt_no in void_text
    assert decode(printer.jobs[0]).qr_texts() == [payload(view.number, load_key())]
    assert "经办员日结单" in day_text and "作废笔数" in day_text
    row = PrintJob.get(PrintJob.kind == "settlement")
    assert row.ref == f"{CLERK.username}:{CLERK.counter}:{clock.today().isoformat()}"


def test_the_queue_preview_reads_the_kept_bytes(paid, clock):
    outcome = counter_slips.print_receipt(clock, CLERK, paid.receipt_no)
    shown = job_preview(print_queue.job_data(outcome.job.id))
    assert shown.splitlines()[-1] == "— 切纸 —" and "[二维码]" in shown
    kept = [t for t in shown.splitlines() if t.strip() and not t.startswith(("[", "—"))]
    built = [t for t in outcome.preview.splitlines() if t.strip() and not t.strip()
             .startswith("[QR")]
    assert kept == built


def test_a_dated_reprint_keeps_the_first_prints_day(paid, clock):
    later = clock.__class__(dt.date(2026, 11, 23))
    with FakePrinter() as printer:
        counter_slips.print_receipt(clock, CLERK, paid.receipt_no, printer.uri)
        counter_slips.print_receipt(later, CLERK, paid.receipt_no, printer.uri)
    _first, again = (job for job in printer.jobs if job)
    assert "缴费时间：2026-11-22" in "\n".join(decode(again).texts)
    from models.payments.settlement import settlement

    assert settlement(CLERK.username, CLERK.counter, dt.date(2026, 11, 23)).reprints == 1
    assert settlement(CLERK.username, CLERK.counter, clock.today()).reprints == 0


def test_a_queue_the_database_refuses_is_said_not_raised(paid, clock, as_owner):
    with as_owner() as owner:
        owner.execute_sql("ALTER TABLE print_job RENAME TO print_job_gone")
    outcome = counter_slips.print_receipt(clock, CLERK, paid.receipt_no)
    assert outcome.job is None and outcome.message.startswith("小票没能放进打印队列")
    assert "数据库出错" in outcome.message and "缴费已成功" in outcome.message
    with as_owner() as owner:
        owner.execute_sql("ALTER TABLE print_job_gone RENAME TO print_job")

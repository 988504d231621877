"""Sending slips (issue 13 points 4 and 8): through python-escpos's classes, the whole
slip in one write, DLE EOT asked before and after; the fake network printer (off, slow,
out of paper, cover open, dropping mid-job) makes each failure a Chinese PrinterError
with its reason, and a working printer gets exactly the slip's bytes."""

import pytest
from escpos_decode import decode
from fake_printer import FakePrinter, off_uri
from samples import family_slip

from printing.escpos_bytes import slip_bytes
from printing.printers import PrinterError, parse_uri
from printing.sending import send
from printing.slip import payment_lines


def _family_bytes(spec):
    slip = family_slip()
    return slip, slip_bytes(payment_lines(slip, spec.paper), spec.paper, spec.finish)


def test_a_working_printer_gets_the_slip_whole():
    with FakePrinter() as printer:
        spec = parse_uri(printer.uri + "?width=80")
        slip, data = _family_bytes(spec)
        send(spec, data)
    assert printer.printed == data
    assert printer.queries == [1, 4, 1]
    decoded = decode(printer.printed)
    assert decoded.qr_texts() == [slip.qr_text]
    assert "证件：430225********1234" in decoded.texts


def test_status_can_be_left_out():
    with FakePrinter("slow") as printer:
        spec = parse_uri(printer.uri + "?status=no")
        send(spec, b"\x1b@\x1c&ok\n")
    assert printer.printed == b"\x1b@\x1c&ok\n" and printer.queries == []


@pytest.mark.parametrize(("state", "reason", "says"), [
    ("paper_out", "paper_out", "打印机缺纸"),
    ("cover_open", "cover_open", "打印机盖未合上"),
    ("slow", "no_answer", "打印机没有应答"),
])
def test_a_printer_that_cannot_print_is_refused_before_the_job(state, reason, says):
    with FakePrinter(state) as printer:
        spec = parse_uri(printer.uri + "?timeout=0.3")
        _, data = _family_bytes(spec)
        with pytest.raises(PrinterError, match=says) as caught:
            send(spec, data)
    assert caught.value.reason == reason
    assert printer.printed == b""  # nothing of the slip went out


def test_a_printer_that_is_off():
    uri = off_uri()
    with pytest.raises(PrinterError, match="打印机连不上") as caught:
        send(parse_uri(uri + "?timeout=1"), b"x\n")
    assert caught.value.reason == "not_found"


def test_a_connection_dropped_mid_job_is_not_taken_for_printed():
    with FakePrinter("drop", drop_after=3000) as printer:
        spec = parse_uri(printer.uri + "?timeout=1")
        _, data = _family_bytes(spec)
        assert len(data) > 3000
        with pytest.raises(PrinterError, match="打印中途连接断开") as caught:
            send(spec, data)
    assert caught.value.reason == "dropped"
    assert len(printer.printed) < len(data)


def test_a_file_printer_gets_the_bytes(tmp_path):
    target = tmp_path / "lp0"
    spec = parse_uri(f"file:{target}")
    _, data = _family_bytes(spec)
    send(spec, data)
    assert target.read_bytes() == data


def test_a_file_printer_that_cannot_be_opened(tmp_path):
    with pytest.raises(PrinterError, match="打印机连不上") as caught:
        send(parse_uri(f"file:{tmp_path}/no/such/dir/lp0"), b"x\n")
    assert caught.value.reason == "not_found"


def test_usb_printer_not_plugged_in():
    with pytest.raises(PrinterError, match=r"打印机连不上|需要安装") as caught:
        send(parse_uri("usb://0416:5011"), b"x\n")
    assert caught.value.reason in ("not_found", "setup")


def test_cups_without_pycups_says_what_to_install():
    try:
        import cups  # noqa: F401
    except ImportError:
        with pytest.raises(PrinterError, match="pycups"):
            send(parse_uri("cups://TM-T88"), b"x\n")
    else:
        with pytest.raises(PrinterError):
            send(parse_uri("cups://no-such-queue-yibao"), b"x\n")

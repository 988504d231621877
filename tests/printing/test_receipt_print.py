"""From a payments-contract receipt to the printer's bytes: the QR decoded from the
raster verifies, under the slip key, to the receipt's number; a reprint differs only by
its 补打 mark; the preview is the same lines."""

import datetime as dt
from types import SimpleNamespace

import pytest
from escpos_decode import decode
from samples import family_receipt

from printing.cells import Paper
from printing.escpos_bytes import Finish
from printing.receipt_print import receipt_bytes, receipt_preview, reversal_bytes
from printing.slip_check import load_key, verify


@pytest.fixture(autouse=True)
def slip_key(tmp_path, monkeypatch):
    monkeypatch.setenv("YIBAO_SLIP_KEY", str(tmp_path / "slip.key"))


@pytest.mark.parametrize("mm", [58, 80])
def test_the_printed_qr_verifies_to_the_receipt(mm):
    receipt = family_receipt()
    data = receipt_bytes(receipt, Paper.of(mm), Finish())
    (qr,) = decode(data).qr_texts()
    assert verify(qr, load_key()) == receipt.receipt_no
    assert verify(qr, b"\x00" * 32) is None


def test_a_reprint_differs_only_by_its_mark():
    receipt, paper = family_receipt(), Paper.of(58)
    first = decode(receipt_bytes(receipt, paper, Finish())).texts
    again = decode(receipt_bytes(receipt, paper, Finish(), reprint=1)).texts
    assert [t.strip() for t in again if t not in first] == ["【补打 第1次】"]
    assert [t for t in again if "补打" not in t] == first


def test_the_preview_shows_the_printed_lines():
    receipt, paper = family_receipt(), Paper.of(80)
    text = receipt_preview(receipt, paper)
    printed = decode(receipt_bytes(receipt, paper, Finish())).texts
    assert all(line in text.splitlines() for line in printed)
    assert "张䶮" in text  # drawn on paper, plain in the preview


def test_a_refund_slip_carries_its_own_checked_number():
    receipt = family_receipt()
    view = SimpleNamespace(number="430225-01-2026-R000001", kind="refund", amount=40000,
                           reason="重复缴费", clerk="赵主任",
                           at=dt.datetime(2026, 11, 23, 10, 0))
    decoded = decode(reversal_bytes(view, receipt, Paper.of(58), Finish()))
    assert "原票据号：430225-01-2026-000123" in decoded.texts
    (qr,) = decoded.qr_texts()
    assert verify(qr, load_key()) == "430225-01-2026-R000001"

"""A payment's or reversal's slip as it prints: the check value under the slip key, the
layout, the bytes; and the same lines as text for a preview. The seam the payments side
calls with its PaymentReceipt / ReversalView (models/payments/), after the payment has
committed."""

from printing.cells import Paper
from printing.escpos_bytes import Finish, slip_bytes
from printing.lines import preview
from printing.other_slips import reversal_from_view, reversal_lines
from printing.slip import payment_lines, slip_from_receipt
from printing.slip_check import load_key, payload


def receipt_lines(receipt, paper: Paper, reprint: int = 0, key: bytes | None = None):
    key = key if key is not None else load_key(create=True)
    slip = slip_from_receipt(receipt, payload(receipt.receipt_no, key), reprint)
    return payment_lines(slip, paper)


def receipt_bytes(receipt, paper: Paper, finish: Finish, reprint: int = 0,
                  key: bytes | None = None) -> bytes:
    return slip_bytes(receipt_lines(receipt, paper, reprint, key), paper, finish)


def receipt_preview(receipt, paper: Paper, reprint: int = 0, key: bytes | None = None) -> str:
    return preview(receipt_lines(receipt, paper, reprint, key), paper)


def reversal_bytes(view, receipt, paper: Paper, finish: Finish, reprint: int = 0,
                   key: bytes | None = None) -> bytes:
    key = key if key is not None else load_key(create=True)
    slip = reversal_from_view(view, receipt, payload(view.number, key), reprint)
    return slip_bytes(reversal_lines(slip, paper), paper, finish)

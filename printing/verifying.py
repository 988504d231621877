"""Checking a slip (issue 13 point 3): its QR text `YB:<receipt>:<check>` in, a verdict
out: genuine and still paid, or not genuine (a check value that does not hold, a receipt
this database never issued), or voided / refunded since. For `yibao verify` and the
counter's lookup field."""

from dataclasses import dataclass

from models.core.errors import DomainError
from models.core.schema import Payment, Reversal
from models.payments.reading import payment_by_receipt
from models.payments.views import PaymentReceipt
from models.texts import printing as p
from printing.slip_check import load_key, verify


@dataclass(frozen=True)
class Verdict:
    genuine: bool  # the check value holds, the payment exists and is still paid
    receipt: PaymentReceipt | None  # the payment the slip belongs to, if there is one
    message: str  # the verdict in Chinese

    @property
    def person_id(self) -> int | None:
        """Whom the counter opens for this slip: its first member."""
        if self.receipt is None or not self.receipt.members:
            return None
        return self.receipt.members[0].person_id


def check_slip(text: str) -> Verdict:
    receipt_no = verify(text, load_key(create=False))
    if receipt_no is None:
        return Verdict(False, None, p.SLIP_NOT_GENUINE)
    try:
        receipt = payment_by_receipt(receipt_no)
    except DomainError:
        return _reversal_slip(receipt_no)
    if receipt.status != "paid":
        return Verdict(False, receipt, p.VERIFY_REVERSED.get(receipt.status, p.VERIFY_VOID)
                       .format(no=receipt_no))
    return Verdict(True, receipt, p.VERIFY_GENUINE.format(no=receipt_no))


def _reversal_slip(number: str) -> Verdict:
    """A void's or refund's own slip carries its number: genuine as a slip, but proof
    that the payment was reversed, not that it stands."""
    row = (Reversal.select(Reversal.kind, Payment.receipt_no).join(Payment)
           .where(Reversal.number == number).tuples().first())
    if row is None:
        return Verdict(False, None, p.VERIFY_UNKNOWN.format(no=number))
    kind, receipt_no = row
    return Verdict(False, payment_by_receipt(receipt_no),
                   p.VERIFY_REVERSAL_SLIP[kind].format(no=number, receipt=receipt_no))

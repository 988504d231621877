"""Void or refund one payment, never a delete: chosen from the person's payments (Enter) or
by its receipt number typed here (the palette's 作废/退费).

A void is the same day's and a supervisor's; a refund needs its reason. The services check
both (models/payments/reversals.py); the screen says the supervisor rule before asking, so
a clerk is not left to find out after the confirmation."""

from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Footer, Header, Input, Select, Static

from models.core.errors import DomainError
from models.payments.paying import PaymentReceipt, payment_by_receipt
from models.payments.reversals import refund_payment, void_payment
from models.rules.money import yuan
from models.texts import counter as ct
from models.texts import labels
from models.texts import pay_screen as t
from models.texts import printing as print_text
from printing import counter_slips
from tui.calls import in_thread
from tui.forms import FormScreen
from tui.modals import ConfirmScreen
from tui.session import Session
from tui.slip_modal import SlipScreen
from tui.widgets import FormBody


class ReversalScreen(FormScreen):
    DEFAULT_CSS = """
    ReversalScreen #receipt_view { padding: 0 1; height: auto; border: round $primary; }
    """

    def __init__(self, session: Session, receipt_no: str | None = None):
        super().__init__()
        self.session = session
        self.receipt_no = receipt_no
        self.receipt: PaymentReceipt | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with FormBody():
            yield Static(t.REVERSE_TITLE, id="title", markup=False)
            yield from self.row(t.FIELD_RECEIPT, Input(
                self.receipt_no or "", compact=True, placeholder=t.FIELD_RECEIPT_HINT,
                id="receipt"))
            yield Static("", id="receipt_view", markup=False)
            yield from self.row(t.FIELD_REVERSAL_KIND, Select(
                compact=True, options=[(label, kind) for kind, label in
                                       t.REVERSE_KIND_OPTIONS.items()],
                allow_blank=False, value="void" if self._supervisor() else "refund",
                id="kind"))
            yield from self.row(t.FIELD_REVERSAL_REASON, Input(compact=True, id="reason"))
            yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.receipt_no:
            self.query_one("#kind").focus()
            self.load(self.receipt_no)
        else:
            self.query_one("#receipt").focus()

    def _supervisor(self) -> bool:
        actor = self.session.actor
        return actor is not None and actor.at_least("supervisor")

    @on(Input.Blurred, "#receipt")
    def _receipt_typed(self) -> None:
        number = self.typed("#receipt").strip()
        if number and (self.receipt is None or self.receipt.receipt_no != number):
            self.load(number)

    @work(exclusive=True, group="receipt")
    async def load(self, number: str) -> None:
        view = self.query_one("#receipt_view", Static)
        view.update(t.REVERSE_LOADING)
        try:
            receipt = await in_thread(payment_by_receipt, number)
        except DomainError as e:
            self.receipt = None
            view.update("")
            self.query_one("#message", Static).update(e.message)
            return
        self.receipt = receipt
        self.query_one("#message", Static).update("")
        view.update(receipt_text(receipt))

    def save(self) -> None:
        message = self.query_one("#message", Static)
        receipt = self.receipt
        if receipt is None or receipt.receipt_no != self.typed("#receipt").strip():
            message.update(t.REVERSE_RECEIPT_NEEDED)
            return
        if receipt.status != "paid":
            message.update(t.REVERSE_NOT_PAID.format(
                status=t.PAYMENT_STATUS_LABELS.get(receipt.status, receipt.status)))
            return
        kind = self.query_one("#kind", Select).value
        word = t.REVERSAL_KIND_LABELS[kind]
        actor = self.session.actor
        if kind == "void" and not self._supervisor():
            message.update(t.REVERSE_NEEDS_SUPERVISOR.format(
                name=actor.display_name, role=labels.ROLE_LABELS.get(actor.role, actor.role)))
            return
        reason = self.typed("#reason").strip()
        if kind == "refund" and not reason:  # a void's reason is welcome, a refund's required
            message.update(t.REVERSE_REASON_NEEDED.format(kind=word))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.reverse(receipt.receipt_no, kind, reason)

        self.app.push_screen(ConfirmScreen(t.REVERSE_CONFIRM.format(
            kind=word, receipt_no=receipt.receipt_no, total=yuan(receipt.total),
            members=ct.LIST_SEPARATOR.join(m.name for m in receipt.members),
            reason=reason or ct.NO_VALUE)), callback=answered)

    @work(exclusive=True, group="reverse")
    async def reverse(self, receipt_no: str, kind: str, reason: str) -> None:
        s = self.session
        service = void_payment if kind == "void" else refund_payment
        try:
            done = await in_thread(service, s.clock, s.actor, receipt_no, reason)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        self.app.pop_screen()  # the person screen below, if it is one, reloads itself
        self.app.notify(t.REVERSE_DONE.format(kind=t.REVERSAL_KIND_LABELS[kind],
                                              receipt_no=receipt_no, number=done.number))
        # committed: its slip prints from the screen that shows it (issue 13)
        self.app.push_screen(SlipScreen(
            s, print_text.SLIP_TITLE_REVERSAL.format(kind=t.REVERSAL_KIND_LABELS[kind],
                                                     number=done.number),
            printing=partial(counter_slips.print_reversal, s.clock, s.actor, done,
                             receipt_no)))


def receipt_text(receipt: PaymentReceipt) -> str:
    members = "\n".join(t.REVERSE_RECEIPT_MEMBER.format(
        name=m.name, lines=ct.LIST_SEPARATOR.join(
            t.RECEIPT_MEMBER_LINE.format(year=line.benefit_year,
                                         case=labels.CASE_LABELS.get(line.case, line.case)
                                         if line.kind == "year"
                                         else t.PAY_REPAID_LINE.format(year=line.benefit_year),
                                         payable=yuan(line.payable))
            for line in m.lines)) for m in receipt.members)
    reversals = "".join("\n" + t.REVERSAL_DONE.format(
        kind=t.REVERSAL_KIND_LABELS.get(r.kind, r.kind), number=r.number)
        for r in receipt.reversals)
    return t.REVERSE_RECEIPT.format(
        receipt_no=receipt.receipt_no,
        status=t.PAYMENT_STATUS_LABELS.get(receipt.status, receipt.status),
        channel=t.CHANNEL_LABELS.get(receipt.channel, t.CHANNEL_HISTORY),
        total=yuan(receipt.total), at=receipt.paid_at.strftime(t.RECEIPT_TIME_FORMAT),
        clerk=receipt.clerk_name or receipt.clerk or ct.NO_VALUE, members=members) + reversals

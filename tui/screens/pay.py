"""Enroll and pay (F9 on the person screen): the household's members, who is paid for, the
case of each, the channel and the cash; one confirmation, one payment, one receipt.

The services decide everything (models/payments/): the screen asks members_to_pay once,
quote_member again when the clerk changes a member's case or dates, and pay() once. A
refused member stays on the list with the reason and cannot be chosen; the total counts
the chosen members who may pay. Whatever goes wrong, the form keeps what was typed."""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from models.core.errors import DomainError
from models.payments.paying import CHANNELS, PaymentReceipt, pay
from models.payments.quoting import MemberQuote, MemberRequest, members_to_pay, quote_member
from models.registry.people import PersonDetail
from models.rules.money import yuan
from models.texts import merging as mt
from models.texts import pay_screen as t
from tui import pay_view as view
from tui.calls import in_thread
from tui.forms import FormScreen, parse_date
from tui.merge_jump import open_pair_of
from tui.modals import ConfirmScreen
from tui.session import Session
from tui.slip_modal import SlipScreen
from tui.widgets import FormBody


class MemberTable(DataTable):
    """The household's members, a row a line of money; Space chooses the member under the
    cursor or leaves them out."""

    BINDINGS = [Binding("space", "toggle", t.KEY_TOGGLE, id="pay.toggle")]

    def action_toggle(self) -> None:
        self.screen.toggle_member()


class PayScreen(FormScreen):
    BINDINGS = [Binding("f10", "save", t.KEY_PAY_CONFIRM, id="pay.confirm"),
                Binding("f7", "merge_review", mt.KEY_MERGE_REVIEW, id="pay.merge")]
    DEFAULT_CSS = """
    PayScreen MemberTable { height: auto; max-height: 12; }
    PayScreen #details { padding: 0 1; height: auto; border: round $primary; }
    PayScreen #total { padding: 0 1; height: auto; text-style: bold; }
    """

    def __init__(self, session: Session, detail: PersonDetail, cursor_on: int | None = None):
        super().__init__()
        self.session = session
        self.detail = detail
        self.person_id = detail.id
        self.cursor_on = cursor_on or detail.id
        self.order: list[int] = []  # the members, as members_to_pay listed them
        self.quotes: dict[int, MemberQuote] = {}
        self.left_out: set[int] = set()  # members the clerk took off the payment (Space)
        self.problems: dict[int, str] = {}  # what the clerk still has to fix for a member
        self.typed_cases: dict[int, str] = {}  # as chosen, while a date is still missing
        self.typed_dates: dict[int, str] = {}
        self.typed_repaid: dict[int, str] = {}
        self.pending: set[int] = set()  # members being quoted again
        self.row_members: list[int] = []
        self.editing: int | None = None  # the member the fields below the table belong to
        self.receipt: PaymentReceipt | None = None
        self.merges_seen: int | None = None  # len(session.merged) when the members loaded

    @property
    def policy(self):
        return self.session.policy

    def compose(self) -> ComposeResult:
        policy = self.policy
        yield Header()
        with FormBody():
            yield Static("", id="title", markup=False)
            yield MemberTable(id="members", cursor_type="row")
            yield from self.row(t.FIELD_CASE, Select(
                compact=True, options=[(policy.label(c), c) for c in policy.cases],
                allow_blank=False, value=_first_case(policy), id="case"))
            yield from self.row(t.FIELD_EVENT_DATE, Input(
                compact=True, placeholder=t.FIELD_EVENT_DATE_HINT, id="event_date"))
            yield from self.row(t.FIELD_REPAID, Input(
                compact=True, placeholder=t.FIELD_REPAID_HINT, id="repaid"))
            yield from self.row(t.FIELD_CHANNEL, Select(
                compact=True, options=[(t.CHANNEL_LABELS[c], c) for c in CHANNELS],
                allow_blank=False, value="cash", id="channel"))
            yield from self.row(t.FIELD_TENDERED, Input(
                compact=True, placeholder=t.FIELD_TENDERED_HINT, id="tendered"))
            yield Static("", id="total", markup=False)
            yield Static("", id="message", markup=False)
            yield Static(t.PAY_LOADING, id="details", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#members", DataTable).add_columns(*t.PAY_COLUMNS)
        self.query_one("#title", Static).update(t.PAY_TITLE.format(
            hukou_no=self.detail.household.hukou_no, year=self.policy.benefit_year))
        self._show_fields(None)
        self.query_one("#members").focus()
        self.load()

    def on_screen_resume(self) -> None:
        # A merge made above it (the duplicates queue, from the palette) that took in one of
        # these members: this lists the household as it was. The person screen below reloads.
        if self.app.screen is not self or self.merges_seen is None:
            return
        members = set(self.order)
        if any(pair & members for pair in self.session.merged[self.merges_seen:]):
            self.app.notify(t.PAY_CLOSED_AFTER_MERGE, timeout=8)
            self.app.pop_screen()

    # --- what the clerk changes ------------------------------------------------

    def state(self) -> tuple:
        return (tuple(sorted(self.left_out)),
                tuple(self.quotes[p].request for p in sorted(self.quotes)),
                tuple(sorted(self.typed_cases.items())), tuple(sorted(self.typed_dates.items())),
                tuple(sorted(self.typed_repaid.items())),
                self.query_one("#channel", Select).value, self.typed("#tendered"))

    @work(exclusive=True, group="load")
    async def load(self) -> None:
        try:
            quotes = await in_thread(members_to_pay, self.person_id,
                                     self.session.clock.today(), self.policy)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            self.query_one("#details", Static).update("")
            return
        self.order = [q.person_id for q in quotes]
        self.quotes = {q.person_id: q for q in quotes}
        self.merges_seen = len(self.session.merged)
        self.query_one("#message", Static).update("")
        self.redraw()
        self.mark_clean()

    def toggle_member(self) -> None:
        member = self.member_under_cursor()
        if member is None:
            return
        quote = self.quotes[member]
        if member in self.chosen:
            self.left_out.add(member)
        elif not quote.allowed or member in self.problems:
            reason = self.problems.get(member) or quote.reason
            if self._awaiting_merge(member):  # it is paid for once merged: F7 goes there
                reason = mt.PAY_AWAITING_MERGE_KEY.format(reason=reason)
            self.query_one("#message", Static).update(t.PAY_CANNOT_CHOOSE.format(
                name=quote.name, reason=reason))
            return
        else:
            self.left_out.discard(member)
        self.query_one("#message", Static).update("")
        self.redraw()

    @on(DataTable.RowHighlighted, "#members")
    def _cursor_moved(self, event: DataTable.RowHighlighted) -> None:
        member = self.member_under_cursor()
        if member != self.editing:
            self._show_fields(member)
        self._show_details()

    @on(Select.Changed, "#case")
    @on(Input.Changed, "#event_date, #repaid")
    def _member_edited(self) -> None:
        member = self.editing
        if member is None or member not in self.quotes:
            return
        self.typed_cases[member] = self.query_one("#case", Select).value
        self.typed_dates[member] = self.typed("#event_date")
        self.typed_repaid[member] = self.typed("#repaid")
        self._show_event_row()
        try:
            request = self._request_from_fields(member)
        except DomainError as e:
            self.problems[member] = e.message
            self.redraw()
            return
        if request is None or request == self.quotes[member].request:
            if self.problems.pop(member, None) is not None:
                self.redraw()
            return
        self.requote(member, request)

    @on(Select.Changed, "#channel")
    @on(Input.Changed, "#tendered")
    def _money_edited(self) -> None:
        self.query_one("#tendered").parent.set_class(self._channel() != "cash", "hidden")
        self.query_one("#message", Static).update("")  # what was said of the old amount
        self._show_total()

    def requote(self, member: int, request: MemberRequest) -> None:
        self.pending.add(member)
        self.query_one("#message", Static).update(t.PAY_QUOTING.format(
            name=self.quotes[member].name))

        async def run() -> None:
            try:
                quote = await in_thread(quote_member, request, self.session.clock.today(),
                                        self.policy)
            except DomainError as e:
                self.problems[member] = e.message
            else:
                self.problems.pop(member, None)
                self.quotes[member] = quote
                self.query_one("#message", Static).update("")
            finally:
                self.pending.discard(member)
            self.redraw()

        self.run_worker(run(), group=f"quote-{member}", exclusive=True)

    def _request_from_fields(self, member: int) -> MemberRequest | None:
        """The member's request as the fields say it; None while a needed date is empty
        (the member waits for it, said in the details pane)."""
        case = self.query_one("#case", Select).value
        rule = self.policy.cases[case]
        event_date = None
        if "event" in rule.needs:
            event_date = parse_date(self.typed_dates.get(member, ""))
            if event_date is None:
                raise DomainError(t.PAY_NEEDS_EVENT_DATE.format(case=self.policy.label(case)))
        repaid_text = self.typed_repaid.get(member, "").strip()
        if repaid_text and not repaid_text.isdigit():
            raise DomainError(t.PAY_BAD_REPAID.format(text=repaid_text))
        old = self.quotes[member].request
        return MemberRequest(person_id=member, case=case, event_date=event_date,
                             repaid_years=int(repaid_text or 0),
                             missed_years=old.missed_years)

    # --- drawing ---------------------------------------------------------------

    def _awaiting_merge(self, member: int) -> bool:
        return any(m.id == member and m.status == "awaiting_merge"
                   for m in self.detail.household.members)

    def action_merge_review(self) -> None:
        """F7 on a member awaiting merge: the pair side by side, to merge it first."""
        member = self.member_under_cursor()
        if member is not None and self._awaiting_merge(member):
            self.open_merge_review(member)

    @work(exclusive=True, group="merge")
    async def open_merge_review(self, member: int) -> None:
        await open_pair_of(self, member)

    def member_under_cursor(self) -> int | None:
        table = self.query_one("#members", DataTable)
        if not self.row_members or table.cursor_row is None:
            return None
        return self.row_members[min(table.cursor_row, len(self.row_members) - 1)]

    def redraw(self) -> None:
        table = self.query_one("#members", DataTable)
        keep = self.member_under_cursor() or self.cursor_on
        table.clear()
        self.row_members = []
        year = self.policy.benefit_year
        for member in self.order:
            q = self.quotes[member]
            for i, row in enumerate(view.member_rows(q, q.name, q.relation, year, self.policy,
                                                     member in self.chosen,
                                                     self.problems.get(member))):
                table.add_row(*row, key=f"{member}:{i}")
                self.row_members.append(member)
        if keep in self.row_members:
            table.move_cursor(row=self.row_members.index(keep))
        if self.member_under_cursor() != self.editing:
            self._show_fields(self.member_under_cursor())
        self._show_details()
        self._show_total()

    def _show_fields(self, member: int | None) -> None:
        """The case, date and repaid years of `member` into the fields below the table.
        Their Changed messages find the request unchanged and ask for no quote."""
        self.editing = member
        quote = self.quotes.get(member) if member is not None else None
        case = self.query_one("#case", Select)
        case.disabled = quote is None
        if quote is not None:
            chosen = self.typed_cases.get(member, quote.request.case)
            case.value = chosen if chosen in self.policy.cases else _first_case(self.policy)
        date_input = self.query_one("#event_date", Input)
        date_input.value = self.typed_dates.get(member, "") if member is not None else ""
        if member is not None and member not in self.typed_dates and quote \
                and quote.request.event_date:
            date_input.value = quote.request.event_date.isoformat()
        repaid = self.query_one("#repaid", Input)
        repaid.value = self.typed_repaid.get(member, "") if member is not None else ""
        repaid.parent.set_class(self.policy.waiting is None, "hidden")
        self._show_event_row()

    def _show_event_row(self) -> None:
        case = self.query_one("#case", Select).value
        rule = self.policy.cases.get(case)
        needs_event = rule is not None and "event" in rule.needs
        self.query_one("#event_date").parent.set_class(not needs_event, "hidden")

    def _show_details(self) -> None:
        member = self.member_under_cursor()
        quote = self.quotes.get(member) if member is not None else None
        self.query_one("#details", Static).update(view.details(
            quote, self.policy, member in self.chosen, self.problems.get(member)))

    @property
    def chosen(self) -> set[int]:
        """Who this payment is for: every member who may pay, but those taken off. A member
        refused, or whose case still lacks a date, is out until the answer allows them."""
        return {m for m in self.order if self.quotes[m].allowed and m not in self.problems
                and m not in self.left_out}

    def _payable(self) -> list[MemberQuote]:
        return [self.quotes[m] for m in self.order if m in self.chosen]

    def _show_total(self) -> None:
        quotes = self._payable()
        self.query_one("#total", Static).update(view.total_line(
            len(quotes), sum(len(q.lines) for q in quotes), sum(q.payable for q in quotes),
            self._channel(), self.typed("#tendered")))

    def _channel(self) -> str:
        return self.query_one("#channel", Select).value

    # --- paying ----------------------------------------------------------------

    def save(self) -> None:
        message = self.query_one("#message", Static)
        if self.pending:
            message.update(t.PAY_STILL_QUOTING)
            return
        for member in self.order:
            if member in self.problems and member not in self.left_out:
                message.update(t.PAY_MEMBER_PROBLEM.format(name=self.quotes[member].name,
                                                           problem=self.problems[member]))
                return
        quotes = self._payable()
        if not quotes:
            message.update(t.PAY_NOBODY)
            return
        total, channel = sum(q.payable for q in quotes), self._channel()
        tendered = None
        if channel == "cash":
            try:
                tendered = view.tendered_fen(self.typed("#tendered"))
            except ValueError as e:
                message.update(str(e))
                return
            if tendered is not None and tendered < total:
                message.update(t.PAY_SHORT.format(tendered=yuan(tendered), total=yuan(total)))
                return
        requests = [q.request for q in quotes]

        def answered(yes: bool | None) -> None:
            if yes:
                self.pay(requests, channel, tendered)

        self.app.push_screen(ConfirmScreen(view.confirm_question(
            quotes, total, channel, tendered, self.policy)), callback=answered)

    @work(exclusive=True, group="pay")
    async def pay(self, requests: list[MemberRequest], channel: str,
                  tendered: int | None) -> None:
        s = self.session
        try:
            receipt = await in_thread(pay, s.clock, s.actor, s.policy, requests, channel,
                                      tendered)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        self.receipt = receipt
        self.app.pop_screen()  # the person screen below reloads itself: its year says paid
        # the money has committed: the slip prints from the screen that shows it, and
        # whatever the printer does is that screen's to say, never a payment error
        self.app.push_screen(SlipScreen(
            s, t.PAY_DONE_TITLE.format(receipt_no=receipt.receipt_no),
            receipt_no=receipt.receipt_no, fields=view.receipt_fields(receipt, s.policy),
            print_now=True))
        self.app.notify(t.PAY_DONE_NOTICE.format(receipt_no=receipt.receipt_no))


def _first_case(policy) -> str:
    return "regular" if "regular" in policy.cases else next(iter(policy.cases))



"""One person and their household: fields, identities, enrollments, history."""


from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from models.core.errors import DomainError
from models.payments.paying import PaymentReceipt, payments_of_person
from models.registry.people import HistoryEntry, PersonDetail, person_detail
from models.rules.identities import tag_state
from models.rules.money import yuan
from models.texts import counter as t
from models.texts import labels
from models.texts import merging as merging_text
from models.texts import messages as domain_text
from models.texts import pay_screen as pt
from models.texts import printing as slip_text
from printing import counter_slips
from printing.counter_slips import PrintOutcome
from tui import navigation as nav
from tui.calls import in_thread
from tui.merge_jump import open_pair_of
from tui.modals import RecordScreen
from tui.session import Session
from tui.slip_modal import SlipScreen
from tui.widgets import FormBody, Table, cells, clip


class PersonScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", t.KEY_BACK, id="person.back"),
        Binding("f2", "identities", t.KEY_IDENTITIES, id="person.identities"),
        Binding("f3", "register_member", t.KEY_REGISTER_MEMBER, id="person.register_member"),
        Binding("f4", "correct", t.KEY_CORRECT, id="person.correct"),
        Binding("f5", "reload", t.KEY_RELOAD, id="person.reload"),
        Binding("f6", "move", t.KEY_MOVE, id="person.move"),
        Binding("f7", "change_head", t.KEY_HEAD, id="person.change_head"),
        Binding("f8", "leave", t.KEY_LEAVE, id="person.leave"),
        Binding("f9", "pay", pt.KEY_PAY, id="person.pay"),
        Binding("f10", "merge_review", merging_text.KEY_MERGE_REVIEW, id="person.merge"),
        Binding("f11", "slip", slip_text.KEY_PERSON_SLIP, id="person.slip"),
    ]
    DEFAULT_CSS = """
    PersonScreen #fields { padding: 0 1; border: round $primary; height: auto; }
    PersonScreen #message { padding: 0 1; height: auto; color: $warning; }
    PersonScreen Label.section { padding: 1 1 0 1; text-style: bold; }
    PersonScreen DataTable { height: auto; max-height: 12; }
    """

    def __init__(self, session: Session, person_id: int):
        super().__init__()
        self.session = session
        self.person_id = person_id
        self.detail: PersonDetail | None = None
        self.payments: tuple[PaymentReceipt, ...] | None = None  # shown after the detail

    def compose(self) -> ComposeResult:
        yield Header()
        with FormBody():
            yield Static("", id="fields", markup=False)
            yield Static("", id="message", markup=False)
            yield Label(t.SECTION_HOUSEHOLD, classes="section")
            yield Table(id="household", cursor_type="row")
            yield Label(t.SECTION_IDENTITIES, classes="section")
            yield Table(id="identities", cursor_type="row")
            yield Label(t.SECTION_ENROLLMENTS, classes="section")
            yield Table(id="enrollments", cursor_type="row")
            yield Label(pt.SECTION_PAYMENTS, classes="section")
            yield Table(id="payments", cursor_type="row")
            yield Label(t.SECTION_HISTORY, classes="section")
            yield Table(id="history", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        year = self.session.benefit_year or ""
        for table_id, columns in (("household", t.HOUSEHOLD_COLUMNS),
                                  ("identities", t.IDENTITY_COLUMNS),
                                  ("enrollments", t.ENROLLMENT_COLUMNS),
                                  ("payments", pt.PAYMENT_COLUMNS),
                                  ("history", t.HISTORY_COLUMNS)):
            self.query_one(f"#{table_id}", DataTable).add_columns(
                *(c.format(year=year) for c in columns))
        self.query_one("#household", DataTable).focus()

    def on_screen_resume(self) -> None:
        # On first showing, and on coming back from a form or another person; not when the
        # screen was popped again before this message came (after a merge it stands for
        # the records as they were): its load would land on a screen being taken down.
        if self.app.screen is self:
            self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        try:
            detail = await in_thread(person_detail, self.person_id,
                                             self.session.clock.today(),
                                             self.session.benefit_year)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        self.detail = detail
        self.show(detail)
        try:
            payments = await in_thread(payments_of_person, self.person_id)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        self.show_payments(payments)
        self.payments = payments

    def show_payments(self, payments: tuple[PaymentReceipt, ...]) -> None:
        table = self.query_one("#payments", DataTable)
        table.clear()
        for p in payments:
            reversals = t.LIST_SEPARATOR.join(r.number for r in p.reversals) or t.NO_VALUE
            table.add_row(*cells(p.receipt_no, p.paid_at.strftime(t.HISTORY_TIME_FORMAT),
                                 pt.CHANNEL_LABELS.get(p.channel, pt.CHANNEL_HISTORY),
                                 yuan(p.total),
                                 pt.PAYMENT_STATUS_LABELS.get(p.status, p.status),
                                 t.LIST_SEPARATOR.join(m.name for m in p.members), reversals),
                          key=p.receipt_no)

    def show(self, d: PersonDetail) -> None:
        year = self.session.benefit_year
        me = next((m for m in d.household.members if m.id == d.id), None)
        status_date = t.IN_BRACKETS.format(text=d.status_date) if d.status_date else ""
        merged = t.MERGED_INTO.format(id=d.merged_into) if d.merged_into else ""
        if d.collision:
            merged = t.AWAITING_MERGE_WITH.format(name=d.collision.name,
                                                  hukou_no=d.collision.hukou_no)
        if d.status == "awaiting_merge":
            self.query_one("#message", Static).update(merging_text.AWAITING_MERGE_KEY)
        elif d.status == "merged" and d.merged_into:
            self.query_one("#message", Static).update(merging_text.MERGED_KEY)
        mine = labels.YEAR_STATUS_LABELS[me.year_status] if me else t.NO_VALUE
        if not year:  # no policy in force: no benefit year to be paid or unpaid for
            mine = t.NO_POLICY_YEAR_STATUS
        self.query_one("#fields", Static).update(t.PERSON_FIELDS.format(
            name=d.name, placeholder=t.PLACEHOLDER_MARK if d.placeholder else "",
            id_type=labels.ID_TYPE_LABELS[d.id_type], id_number=d.id_number or t.NO_VALUE,
            gender=labels.GENDER_LABELS[d.gender], birth=d.birth_date, age=d.age,
            relation=labels.RELATION_LABELS.get(d.relation, d.relation),
            phone=d.phone or t.NO_VALUE, status=labels.STATUS_LABELS[d.status],
            status_date=status_date, merged=merged, year=year or "",
            year_status=mine,
            hukou_no=d.household.hukou_no, township=d.household.township,
            village=d.household.village, address=d.household.address))

        household = self.query_one("#household", DataTable)
        household.clear()
        for m in d.household.members:
            household.add_row(*cells(m.name, labels.RELATION_LABELS.get(m.relation),
                                     labels.GENDER_LABELS[m.gender], m.age,
                                     m.masked_id or "-", labels.STATUS_LABELS[m.status],
                                     labels.YEAR_STATUS_LABELS[m.year_status] if year
                                     else t.NO_VALUE), key=str(m.id))
        if d.id in {m.id for m in d.household.members}:
            household.move_cursor(row=household.get_row_index(str(d.id)))

        identities = self.query_one("#identities", DataTable)
        identities.clear()
        today = self.session.clock.today()
        for i in d.identities:
            identities.add_row(*cells(self._category(i.category), i.source, i.valid_from,
                                      i.valid_to or t.NO_VALUE,
                                      labels.TAG_STATE_LABELS[tag_state(i, today)]))

        enrollments = self.query_one("#enrollments", DataTable)
        enrollments.clear()
        for e in d.enrollments:
            period = f"{e.benefit_start or ''}—{e.benefit_end or ''}"
            enrollments.add_row(*cells(e.benefit_year, labels.CASE_LABELS.get(e.case, e.case),
                                       labels.RATE_LABELS.get(e.rate_kind, e.rate_kind),
                                       yuan(e.gross), yuan(e.subsidy), yuan(e.payable), period,
                                       labels.ENROLLMENT_STATUS_LABELS.get(e.status, e.status),
                                       e.paid_at.strftime(t.HISTORY_TIME_FORMAT)
                                       if e.paid_at else t.NO_VALUE))

        history = self.query_one("#history", DataTable)
        history.clear()
        # The short columns first, each cut to a cap; the changes last, in what is left of
        # the screen's width. Enter on a row shows the event in full.
        lines = [[_at(h), clip(h.clerk, 10), t.HISTORY_ACTIONS.get(h.action, h.action),
                  clip(h.reason, 24), clip(_documents(h), 20)] for h in d.history]
        used = sum(max((cell_len(v) for v in column), default=0) for column in zip(
            *lines, t.HISTORY_COLUMNS[:5], strict=False))
        width = max(self.size.width - used - HISTORY_MARGIN_CELLS, HISTORY_MIN_CHANGES)
        for i, (line, h) in enumerate(zip(lines, d.history, strict=True)):
            history.add_row(*cells(*line, clip(_changes(h), width)), key=str(i))

    @on(DataTable.RowSelected, "#history")
    def _open_event(self, event: DataTable.RowSelected) -> None:
        h = self.detail.history[int(event.row_key.value)]
        fields = [(t.HISTORY_COLUMNS[0], _at(h)), (t.HISTORY_COLUMNS[1], h.clerk),
                  (t.HISTORY_COLUMNS[3], h.reason or t.NO_VALUE),
                  (t.HISTORY_COLUMNS[4], _documents(h) or t.NO_VALUE)]
        for key in _keys(h):
            fields.append((t.HISTORY_FIELDS.get(key, key), _change(h, key)))
        self.app.push_screen(RecordScreen(t.HISTORY_EVENT_TITLE.format(
            action=t.HISTORY_ACTIONS.get(h.action, h.action), name=self.detail.name), fields))

    @on(DataTable.RowSelected, "#household")
    def _open_member(self, event: DataTable.RowSelected) -> None:
        member_id = int(event.row_key.value)
        if member_id != self.person_id:
            self.post_message(nav.OpenPerson(member_id))

    @on(DataTable.RowSelected, "#payments")
    def _open_payment(self, event: DataTable.RowSelected) -> None:
        self.post_message(nav.OpenReversal(event.row_key.value))

    def action_pay(self) -> None:
        """F9 from anywhere on the screen; from the household table, the list starts on the
        member under its cursor."""
        if self.detail is None:
            return
        if self.session.policy is None:
            self.query_one("#message", Static).update(t.NO_POLICY_YEAR_STATUS)
            return
        member = None
        household = self.query_one("#household", DataTable)
        if household.has_focus and household.row_count:
            member = int(household.coordinate_to_cell_key(household.cursor_coordinate)
                         .row_key.value)
        self.post_message(nav.OpenPayment(self.detail, member))

    def action_slip(self) -> None:
        """F11: the slip of the payment under the payments table's cursor (the latest if
        the table is not focused), as it prints; F7 there prints it (补打)."""
        if not self.payments:
            return
        table = self.query_one("#payments", DataTable)
        row = table.cursor_row if table.has_focus and table.cursor_row is not None else 0
        self.show_slip(self.payments[min(row, len(self.payments) - 1)].receipt_no)

    @work(exclusive=True, group="slip")
    async def show_slip(self, receipt_no: str) -> None:
        try:
            text = await in_thread(counter_slips.receipt_preview, receipt_no)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        self.app.push_screen(SlipScreen(
            self.session, slip_text.SLIP_TITLE_RECEIPT.format(receipt_no=receipt_no),
            PrintOutcome(text, None, slip_text.SLIP_PREVIEW_ONLY), receipt_no=receipt_no))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_merge_review(self) -> None:
        """F10: the record and its duplicate side by side (a record awaiting merge: the one
        holding its ID), to merge it before it can be paid for."""
        if self.detail is not None and self.detail.status == "merged" \
                and self.detail.merged_into:
            self.post_message(nav.OpenPerson(self.detail.merged_into))  # to the survivor
            return
        self.open_merge_review()

    @work(exclusive=True, group="merge")
    async def open_merge_review(self) -> None:
        await open_pair_of(self, self.person_id)

    def action_reload(self) -> None:
        self.load()

    def action_register_member(self) -> None:
        if self.detail:
            self.post_message(nav.RegisterMember(self.detail.household))

    def action_correct(self) -> None:
        # a record awaiting merge may be corrected: a mistyped ID is how it may have arrived
        if self.detail and (self.detail.status == "awaiting_merge" or self._active()):
            self.post_message(nav.CorrectPerson(self.detail))

    def action_move(self) -> None:
        if self.detail and self._active():
            self.post_message(nav.MovePerson(self.detail))

    def action_change_head(self) -> None:
        if self.detail:
            self.post_message(nav.ChangeHead(self.detail))

    def action_leave(self) -> None:
        if self.detail and self._active():
            self.post_message(nav.LeavePerson(self.detail))

    def action_identities(self) -> None:
        if self.detail and self._active():
            self.post_message(nav.EditIdentities(self.detail))

    def _category(self, code: str) -> str:
        policy = self.session.policy
        return policy.label(code) if policy else labels.IDENTITY_LABELS.get(code, code)

    def _active(self) -> bool:
        if self.detail.status == "active":
            return True
        self.query_one("#message", Static).update(domain_text.NOT_ACTIVE.format(
            status=labels.STATUS_LABELS[self.detail.status]))
        return False


HISTORY_MARGIN_CELLS = 14  # the cells' padding, the body's scrollbar and the table's edge
HISTORY_MIN_CHANGES = 24
HISTORY_ORDER = {key: i for i, key in enumerate((
    "receipt_no", "number", "years", "total", "amount", "channel",
    "possible_duplicates", "name", "hukou_no", "household_id", "status", "status_date",
    "relation", "new_head", "new_head_id", "new_head_old_relation", "id_type", "id_number",
    "gender", "birth_date", "phone", "placeholder", "address",
    "category", "source", "valid_from", "valid_to", "tag_id"))}


def _at(h: HistoryEntry) -> str:
    return h.at.strftime(t.HISTORY_TIME_FORMAT)


def _documents(h: HistoryEntry) -> str:
    words = {**labels.IDENTITY_DOCUMENT_LABELS, **labels.DOCUMENT_LABELS}
    return t.LIST_SEPARATOR.join(words.get(x, x) for x in h.documents)


def _changes(h: HistoryEntry) -> str:
    """Every field the event touched, in the clerk's words: 姓名 王芳宝宝→王安，占位 是→否."""
    return t.FIELD_SEPARATOR.join(
        t.HISTORY_CHANGE.format(field=t.HISTORY_FIELDS.get(key, key), change=_change(h, key))
        for key in _keys(h))


def _keys(h: HistoryEntry) -> list[str]:
    """The fields the event touched, always in one order, what the clerk most needs to
    see first: a registration's possible duplicates, the name, the household."""
    keys = dict.fromkeys([*h.before, *h.after])
    return sorted(keys, key=lambda key: HISTORY_ORDER.get(key, len(HISTORY_ORDER)))


def _change(h: HistoryEntry, key: str) -> str:
    if key in h.before and key in h.after:
        return t.HISTORY_FROM_TO.format(before=_word(key, h.before[key]),
                                        after=_word(key, h.after[key]))
    return _word(key, h.after[key] if key in h.after else h.before[key])


def _word(key: str, value) -> str:
    """One stored value as the clerk says it."""
    words = {**labels.GENDER_LABELS, **labels.ID_TYPE_LABELS,
             **labels.RELATION_LABELS, **labels.STATUS_LABELS}
    if isinstance(value, bool):
        return t.YES if value else t.NO
    if value is None or value == "":
        return t.NO_VALUE
    if key == "channel":
        return pt.CHANNEL_LABELS.get(value, value)
    if key == "status" and value in pt.PAYMENT_STATUS_LABELS:
        return pt.PAYMENT_STATUS_LABELS[value]
    if isinstance(value, list):
        return t.LIST_SEPARATOR.join(str(v) for v in value) or t.NO_VALUE
    if isinstance(value, str) and key in ("gender", "id_type", "relation", "status",
                                          "new_head_old_relation"):
        return words.get(value, value)
    if key == "category":
        return labels.IDENTITY_LABELS.get(value, value)
    return str(value)

"""Two records side by side (from the review queue, or straight from a record awaiting
merge): each field of both, the ones that differ marked, their households, identity tags,
enrollments and payments. The clerk dismisses the pair (F8, not the same person),
confirms it (F9), or merges it (F10): the surviving record is the one on the left (F6
swaps them), and Enter on a field's row takes the other record's value instead (the
valid 18-digit ID and a real name over a placeholder are proposed). A year both records
paid for is a row too: Enter chooses which payment stands; the other is refunded."""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from models.core.errors import DomainError
from models.merging.merge import MergeRequest, merge_records, preview
from models.merging.plan import FIELDS
from models.merging.review import Comparison, compare, decide
from models.registry.people import PersonDetail
from models.rules.money import yuan
from models.texts import counter as ct
from models.texts import labels
from models.texts import merging as t
from models.texts import payments as pt
from tui import navigation as nav
from tui.calls import in_thread
from tui.modals import ConfirmScreen
from tui.session import Session
from tui.widgets import FormBody, Table, cells


class MergeReviewScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", t.KEY_BACK, id="merge.back"),
        Binding("f5", "reload", t.KEY_RELOAD, id="merge.reload"),
        Binding("f6", "swap", t.KEY_SWAP, id="merge.swap"),
        Binding("f8", "dismiss_pair", t.KEY_DISMISS, id="merge.dismiss"),
        Binding("f9", "confirm_pair", t.KEY_CONFIRM, id="merge.confirm"),
        Binding("f10", "merge", t.KEY_MERGE, id="merge.merge"),
    ]
    DEFAULT_CSS = """
    MergeReviewScreen #title { padding: 0 1; text-style: bold; height: auto; }
    MergeReviewScreen #message { padding: 0 1; height: auto; color: $warning; }
    MergeReviewScreen Label.section { padding: 1 1 0 1; text-style: bold; }
    MergeReviewScreen DataTable { height: auto; max-height: 14; }
    """

    def __init__(self, session: Session, a_id: int, b_id: int, survivor_id: int | None = None):
        super().__init__()
        self.session = session
        self.pair = (a_id, b_id)
        self.survivor_id = survivor_id
        self.view: Comparison | None = None
        self.kept: dict[str, str] = {}
        self.payments: dict[int, str] = {}  # a year paid twice -> the receipt that stands

    def compose(self) -> ComposeResult:
        yield Header()
        with FormBody():
            yield Static(t.QUEUE_LOADING, id="title", markup=False)
            yield Table(id="fields", cursor_type="row")
            yield Static("", id="message", markup=False)
            yield Label(t.SECTION_HOUSEHOLDS, classes="section")
            yield Table(id="households", cursor_type="row")
            yield Label(t.SECTION_IDENTITIES, classes="section")
            yield Table(id="identities", cursor_type="row")
            yield Label(t.SECTION_PAYMENTS, classes="section")
            yield Table(id="payments", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        for table_id, columns in (("fields", t.COMPARE_COLUMNS),
                                  ("households", t.HOUSEHOLD_COLUMNS),
                                  ("identities", t.IDENTITY_COLUMNS),
                                  ("payments", t.PAYMENT_COLUMNS)):
            self.query_one(f"#{table_id}", DataTable).add_columns(*columns)
        self.query_one("#fields").focus()
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.load()

    def action_swap(self) -> None:
        if self.view is not None:
            self.survivor_id = self.view.other.id
            self.kept, self.payments = {}, {}
            self.load()

    @work(exclusive=True, group="load")
    async def load(self) -> None:
        try:
            view = await in_thread(compare, *self.pair, self.session.clock.today(),
                                   self.session.benefit_year, self.survivor_id)
        except DomainError as e:
            self.say(e.message)
            return
        self.view = view
        self.survivor_id = view.survivor.id
        self.kept = {**view.kept, **self.kept}
        self.show()

    def say(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    # --- what is shown -----------------------------------------------------------

    def show(self) -> None:
        v = self.view
        score = (t.COMPARE_SCORE.format(score=v.score, reasons=t.CLAUSE_SEPARATOR.join(v.reasons))
                 if v.score is not None else t.COMPARE_NO_CANDIDATE)
        self.query_one("#title", Static).update(t.COMPARE_TITLE.format(
            survivor=t.WHO_PERSON.format(name=v.survivor.name, id=v.survivor.id),
            other=t.WHO_PERSON.format(name=v.other.name, id=v.other.id), score=score))
        self.show_fields()
        households = self.query_one("#households", DataTable)
        households.clear()
        for side, d in ((t.RECORD_SURVIVOR, v.survivor), (t.RECORD_OTHER, v.other)):
            h = d.household
            households.add_row(*cells(side, h.hukou_no, h.township, h.village,
                                      labels.RELATION_LABELS.get(d.relation, d.relation),
                                      t.LIST_SEPARATOR.join(m.name for m in h.members)))
        identities = self.query_one("#identities", DataTable)
        identities.clear()
        payments = self.query_one("#payments", DataTable)
        payments.clear()
        for side, d in ((t.RECORD_SURVIVOR, v.survivor), (t.RECORD_OTHER, v.other)):
            for tag in d.identities:
                identities.add_row(*cells(side, labels.IDENTITY_LABELS.get(tag.category,
                                                                           tag.category),
                                          tag.source, tag.valid_from, tag.valid_to or t.OPEN_END))
            for e in d.enrollments:
                payments.add_row(*cells(side, e.benefit_year,
                                        pt.PAYMENT_STATUS_LABELS.get(e.status, e.status),
                                        yuan(e.payable), e.receipt_no))

    def show_fields(self) -> None:
        v = self.view
        table = self.query_one("#fields", DataTable)
        row = table.cursor_row
        table.clear()
        for name in FIELDS:
            table.add_row(*cells(t.DIFFERS_MARK if name in v.differs else "",
                                 t.FIELD_LABELS[name], _value(v.survivor, name),
                                 _value(v.other, name), t.SIDE_LABELS[self.kept[name]]),
                          key=name)
        for twice in v.paid_twice:
            chosen = self.payments.get(twice.year)
            table.add_row(*cells(t.DIFFERS_MARK, t.PAID_TWICE_ROW.format(year=twice.year),
                                 twice.survivor_receipt, twice.other_receipt,
                                 t.PAID_TWICE_KEEP.format(receipt_no=chosen) if chosen
                                 else t.PAID_TWICE_CHOOSE), key=f"year:{twice.year}")
        if row:
            table.move_cursor(row=min(row, table.row_count - 1))

    @on(DataTable.RowSelected, "#fields")
    def _toggle(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if self.view is None:
            return
        if key.startswith("year:"):
            twice = next(p for p in self.view.paid_twice if f"year:{p.year}" == key)
            now = self.payments.get(twice.year)
            self.payments[twice.year] = (twice.other_receipt if now == twice.survivor_receipt
                                         else twice.survivor_receipt)
        else:
            self.kept[key] = "survivor" if self.kept[key] == "other" else "other"
        self.say("")
        self.show_fields()

    # --- decisions ------------------------------------------------------------------

    def request(self) -> MergeRequest:
        v = self.view
        return MergeRequest(v.survivor.id, v.other.id, dict(self.kept),
                            tuple(self.payments.values()), None,
                            (v.survivor.version, v.other.version))

    def action_merge(self) -> None:
        if self.view is not None:
            self.ask_merge()

    @work(exclusive=True, group="merge")
    async def ask_merge(self) -> None:
        try:
            plan = await in_thread(preview, self.session.clock, self.request())
        except DomainError as e:
            self.say(e.message)
            return
        taken = t.LIST_SEPARATOR.join(t.FIELD_LABELS[f] for f, w in plan.kept.items()
                                      if w == "other") or t.NOTHING_TAKEN
        refunds = (t.MERGE_QUESTION_REFUNDS.format(numbers=t.LIST_SEPARATOR.join(plan.refunds))
                   if plan.refunds else "")
        names = {m.id: m.name for d in (self.view.survivor, self.view.other)
                 for m in d.household.members}
        heads = t.LIST_SEPARATOR.join(names.get(p, str(p)) for _, p in plan.new_heads)
        if heads:
            refunds += t.MERGE_QUESTION_HEADS.format(names=heads)
        question = t.MERGE_QUESTION.format(
            other=t.WHO_PERSON.format(name=self.view.other.name, id=self.view.other.id),
            survivor=t.WHO_PERSON.format(name=self.view.survivor.name, id=self.view.survivor.id),
            taken=taken, refunds=refunds, **plan.moved)

        def answered(yes: bool | None) -> None:
            if yes:
                self.merge_it()

        self.app.push_screen(ConfirmScreen(question), callback=answered)

    @work(exclusive=True, group="merge")
    async def merge_it(self) -> None:
        s = self.session
        try:
            result = await in_thread(merge_records, s.clock, s.actor, self.request())
        except DomainError as e:
            self.say(e.message)
            return
        s.merged.append(frozenset((result.survivor_id, result.other_id)))
        refunds = (t.MERGE_DONE_REFUNDS.format(numbers=t.LIST_SEPARATOR.join(result.refunds))
                   if result.refunds else "")
        self.app.notify(t.MERGE_DONE.format(id=result.merge_id, refunds=refunds), timeout=8)
        self.post_message(nav.OpenPerson(result.survivor_id, after_merge=True))

    def action_dismiss_pair(self) -> None:
        self._decide("dismissed", t.DISMISS_DONE)

    def action_confirm_pair(self) -> None:
        self._decide("confirmed", t.CONFIRM_DONE)

    def _decide(self, status: str, done: str) -> None:
        if self.view is None:
            return
        if self.view.candidate_id is None:
            self.say(t.NO_CANDIDATE)
            return

        async def run() -> None:
            s = self.session
            try:
                await in_thread(decide, s.clock, s.actor, self.view.candidate_id, status)
            except DomainError as e:
                self.say(e.message)
                return
            self.app.notify(done)
            if status == "dismissed":
                self.app.pop_screen()
            else:
                self.say(done)

        self.run_worker(run(), group="decide", exclusive=True)


def _value(d: PersonDetail, name: str) -> str:
    if name == "name":
        return d.name + (ct.PLACEHOLDER_MARK if d.placeholder else "")
    if name == "id_number":
        return d.masked_id or ct.NO_VALUE
    if name == "gender":
        return labels.GENDER_LABELS.get(d.gender, d.gender)
    if name == "birth_date":
        return d.birth_date.isoformat()
    if name == "phone":
        return d.phone or ct.NO_VALUE
    return f"{d.household.hukou_no} {labels.RELATION_LABELS.get(d.relation, d.relation)}"

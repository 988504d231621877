"""One person and their household: fields, identities, enrollments, history."""

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from models.core.errors import DomainError
from models.registry.people import PersonDetail, person_detail
from models.rules.money import yuan
from models.texts import counter as t
from models.texts import labels
from models.texts import messages as domain_text
from tui import navigation as nav
from tui.session import Session
from tui.widgets import FormBody, cell, cells


class PersonScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", t.KEY_BACK, id="person.back"),
        Binding("f3", "register_member", t.KEY_REGISTER_MEMBER, id="person.register_member"),
        Binding("f4", "correct", t.KEY_CORRECT, id="person.correct"),
        Binding("f5", "reload", t.KEY_RELOAD, id="person.reload"),
        Binding("f6", "move", t.KEY_MOVE, id="person.move"),
        Binding("f7", "change_head", t.KEY_HEAD, id="person.change_head"),
        Binding("f8", "leave", t.KEY_LEAVE, id="person.leave"),
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

    def compose(self) -> ComposeResult:
        yield Header()
        with FormBody():
            yield Static("", id="fields", markup=False)
            yield Static("", id="message", markup=False)
            yield Label(t.SECTION_HOUSEHOLD, classes="section")
            yield DataTable(id="household", cursor_type="row")
            yield Label(t.SECTION_IDENTITIES, classes="section")
            yield DataTable(id="identities", cursor_type="row")
            yield Label(t.SECTION_ENROLLMENTS, classes="section")
            yield DataTable(id="enrollments", cursor_type="row")
            yield Label(t.SECTION_HISTORY, classes="section")
            yield DataTable(id="history", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        year = self.session.benefit_year or ""
        for table_id, columns in (("household", t.HOUSEHOLD_COLUMNS),
                                  ("identities", t.IDENTITY_COLUMNS),
                                  ("enrollments", t.ENROLLMENT_COLUMNS),
                                  ("history", t.HISTORY_COLUMNS)):
            self.query_one(f"#{table_id}", DataTable).add_columns(
                *(c.format(year=year) for c in columns))
        self.query_one("#household", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.load()  # on first showing, and on coming back from a form or another person

    @work(exclusive=True)
    async def load(self) -> None:
        try:
            detail = await asyncio.to_thread(person_detail, self.person_id,
                                             self.session.clock.today(),
                                             self.session.benefit_year)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        self.detail = detail
        self.show(detail)

    def show(self, d: PersonDetail) -> None:
        year = self.session.benefit_year
        me = next((m for m in d.household.members if m.id == d.id), None)
        status_date = t.IN_BRACKETS.format(text=d.status_date) if d.status_date else ""
        merged = t.MERGED_INTO.format(id=d.merged_into) if d.merged_into else ""
        if d.collision:
            merged = t.AWAITING_MERGE_WITH.format(name=d.collision.name,
                                                  hukou_no=d.collision.hukou_no)
        self.query_one("#fields", Static).update(t.PERSON_FIELDS.format(
            name=d.name, placeholder=t.PLACEHOLDER_MARK if d.placeholder else "",
            id_type=labels.ID_TYPE_LABELS[d.id_type], id_number=d.id_number or t.NO_VALUE,
            gender=labels.GENDER_LABELS[d.gender], birth=d.birth_date, age=d.age,
            relation=labels.RELATION_LABELS.get(d.relation, d.relation),
            phone=d.phone or t.NO_VALUE, status=labels.STATUS_LABELS[d.status],
            status_date=status_date, merged=merged, year=year or "",
            year_status=labels.YEAR_STATUS_LABELS[me.year_status] if me else t.NO_VALUE,
            hukou_no=d.household.hukou_no, township=d.household.township,
            village=d.household.village, address=d.household.address))

        household = self.query_one("#household", DataTable)
        household.clear()
        for m in d.household.members:
            household.add_row(*cells(m.name, labels.RELATION_LABELS.get(m.relation),
                                     labels.GENDER_LABELS[m.gender], m.age,
                                     m.masked_id or "-", labels.STATUS_LABELS[m.status],
                                     labels.YEAR_STATUS_LABELS[m.year_status]), key=str(m.id))
        if d.id in {m.id for m in d.household.members}:
            household.move_cursor(row=household.get_row_index(str(d.id)))

        identities = self.query_one("#identities", DataTable)
        identities.clear()
        for i in d.identities:
            identities.add_row(*cells(labels.IDENTITY_LABELS.get(i.category, i.category),
                                      i.source, i.valid_from, i.valid_to or t.NO_VALUE))

        enrollments = self.query_one("#enrollments", DataTable)
        enrollments.clear()
        for e in d.enrollments:
            period = f"{e.benefit_start or ''}—{e.benefit_end or ''}"
            enrollments.add_row(*cells(e.benefit_year, labels.CASE_LABELS.get(e.case, e.case),
                                       labels.RATE_LABELS.get(e.rate_kind, e.rate_kind),
                                       yuan(e.gross), yuan(e.subsidy), yuan(e.payable), period,
                                       labels.ENROLLMENT_STATUS_LABELS.get(e.status, e.status),
                                       e.paid_at or t.NO_VALUE))

        history = self.query_one("#history", DataTable)
        history.clear()
        for h in d.history:
            documents = t.LIST_SEPARATOR.join(labels.DOCUMENT_LABELS.get(x, x) for x in h.documents)
            history.add_row(cell(h.at), cell(h.clerk),
                            cell(t.HISTORY_ACTIONS.get(h.action, h.action)),
                            cell(_brief(h.before)), cell(_brief(h.after)), cell(h.reason),
                            cell(documents))

    @on(DataTable.RowSelected, "#household")
    def _open_member(self, event: DataTable.RowSelected) -> None:
        member_id = int(event.row_key.value)
        if member_id != self.person_id:
            self.post_message(nav.OpenPerson(member_id))

    def action_back(self) -> None:
        self.app.pop_screen()

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

    def _active(self) -> bool:
        if self.detail.status == "active":
            return True
        self.query_one("#message", Static).update(domain_text.NOT_ACTIVE.format(
            status=labels.STATUS_LABELS[self.detail.status]))
        return False


def _brief(values: dict) -> str:
    """An audit event's fields in the clerk's words: 姓名=王芳，性别=女."""
    words = {**labels.GENDER_LABELS, **labels.ID_TYPE_LABELS,
             **labels.RELATION_LABELS, **labels.STATUS_LABELS}
    parts = []
    for key, value in values.items():
        if isinstance(value, bool):
            value = t.YES if value else t.NO
        elif isinstance(value, str) and key in ("gender", "id_type", "relation", "status",
                                                "new_head_old_relation"):
            value = words.get(value, value)
        parts.append(f"{t.HISTORY_FIELDS.get(key, key)}={'' if value is None else value}")
    return t.FIELD_SEPARATOR.join(parts)

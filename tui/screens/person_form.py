"""Registering a person, or correcting one: the same form, two verbs."""


from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import (
    Checkbox,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)

from models.core.errors import DomainError
from models.registry.people import HouseholdDetail, PersonDetail, person_detail
from models.registry.regions import RegionInfo, current_region
from models.registry.registration import (
    DuplicatesFound,
    IdAlreadyRegistered,
    NewHousehold,
    VersionConflict,
    correct_person,
    register_person,
)
from models.rules import idcard
from models.rules.person import PersonInput
from models.texts import counter as t
from models.texts import duplicates as dup_text
from models.texts import labels
from models.texts import messages as domain_text
from tui.calls import in_thread
from tui.forms import FormScreen, documents_list, parse_date
from tui.navigation import OpenPerson
from tui.session import Session
from tui.widgets import FormBody, Table, VillageSelect, cells

ID_TYPES = [(label, code) for code, label in labels.ID_TYPE_LABELS.items()]
GENDERS = [(label, code) for code, label in labels.GENDER_LABELS.items()]
RELATIONS = [(label, code) for code, label in labels.RELATION_LABELS.items()]


class PersonFormScreen(FormScreen):
    """With `correcting`, a correction of that record; otherwise a registration into
    `household`, or into a new household when there is none."""

    DEFAULT_CSS = """
    PersonFormScreen .row Label { width: 18; }
    PersonFormScreen #id_check { padding: 0 1 0 19; height: 1; color: $text-muted; }
    PersonFormScreen #duplicates { height: auto; max-height: 8; }
    """

    def __init__(
        self,
        session: Session,
        household: HouseholdDetail | None = None,
        correcting: PersonDetail | None = None,
    ):
        super().__init__()
        self.session = session
        self.household = household
        self.correcting = correcting
        self.duplicates_seen: frozenset[int] = frozenset()  # shown once: a correction saves
        self.version = correcting.version if correcting else None
        self.new_household = not (household or correcting)
        self.finished = False  # registered: the person screen is on its way
        self.county: RegionInfo | None = None  # the region this database serves
        self.name_before_placeholder: tuple[str, str] | None = None  # (typed, proposed)

    # --- layout -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with FormBody():
            yield Static(self._title(), id="title", markup=False)
            yield from self.row(t.FIELD_NAME, Input(compact=True, id="name"))
            yield from self.row(
                t.FIELD_ID_TYPE,
                Select(
                    compact=True,
                    options=ID_TYPES,
                    value="resident",
                    allow_blank=False,
                    id="id_type",
                ),
            )
            yield from self.row(t.FIELD_ID_NUMBER, Input(compact=True, id="id_number"))
            yield Static("", id="id_check", markup=False)
            yield from self.row(
                t.FIELD_GENDER,
                Select(compact=True, options=GENDERS, prompt=t.FIELD_GENDER_FROM_ID, id="gender"),
            )
            yield from self.row(
                t.FIELD_BIRTH, Input(compact=True, placeholder=t.FIELD_BIRTH_HINT, id="birth")
            )
            yield from self.row(
                t.FIELD_RELATION,
                Select(
                    compact=True,
                    options=RELATIONS,
                    allow_blank=False,
                    value=self._default_relation(),
                    id="relation",
                ),
            )
            yield from self.row(t.FIELD_PHONE, Input(compact=True, id="phone"))
            yield Checkbox(t.FIELD_PLACEHOLDER, id="placeholder")
            if self.correcting:
                yield from self.row(t.FIELD_ADDRESS, Input(compact=True, id="address"))
            if self.new_household:
                yield from self.row(t.FIELD_VILLAGE, VillageSelect(id="village"))
                yield from self.row(t.FIELD_ADDRESS, Input(compact=True, id="address"))
            yield Label(t.FIELD_DOCUMENTS)
            yield documents_list()
            reason_label = t.FIELD_REASON if self.correcting else t.FIELD_DUPLICATE_REASON
            with Horizontal(
                classes="row" + ("" if self.correcting else " hidden"), id="reason_row"
            ):
                yield Label(reason_label)
                yield Input(compact=True, id="reason")
            yield Static("", id="message", markup=False)
            yield Label(t.DUPLICATES_TITLE, id="duplicates_title", classes="hidden")
            yield Table(id="duplicates", cursor_type="row", classes="hidden")
        yield Footer()

    def _title(self) -> str:
        if self.correcting:
            return t.FORM_CORRECT_TITLE.format(name=self.correcting.name)
        if self.household:
            head = next(
                (m.name for m in self.household.members if m.id == self.household.head_id),
                t.NO_VALUE,
            )
            return t.FORM_REGISTER_INTO.format(hukou_no=self.household.hukou_no, head=head)
        return t.FORM_REGISTER_TITLE

    def _default_relation(self) -> str:
        if self.correcting:
            return self.correcting.relation
        return "child" if self.household and self.household.head_id else "self"

    def on_mount(self) -> None:
        self.query_one("#duplicates", DataTable).add_columns(*t.DUPLICATE_COLUMNS)
        if self.correcting:
            c = self.correcting
            self.query_one("#name", Input).value = c.name
            self.query_one("#id_type", Select).value = c.id_type
            self.query_one("#id_number", Input).value = c.id_number or ""
            self.query_one("#gender", Select).value = c.gender
            self.query_one("#birth", Input).value = c.birth_date.isoformat()
            self.query_one("#phone", Input).value = c.phone or ""
            self.query_one("#placeholder", Checkbox).value = c.placeholder
            self.query_one("#address", Input).value = c.household.address
        self.query_one("#name", Input).focus()
        self.load_region()

    @work(exclusive=True, group="region")
    async def load_region(self) -> None:
        try:
            self.county = await in_thread(current_region)
        except DomainError as e:  # the ID check says less; saving says the rest
            self.query_one("#message", Static).update(e.message)
            return
        self._check_id()

    # --- as the clerk types -------------------------------------------------

    @on(Input.Changed, "#id_number")
    @on(Select.Changed, "#id_type")
    def _check_id(self) -> None:
        number = self.typed("#id_number")
        id_type = self.query_one("#id_type", Select).value
        check = self.query_one("#id_check", Static)
        if not number.strip() or id_type == "none":
            check.update("")
            return
        try:
            doc = idcard.parse_id(number, self.session.clock.today(), id_type)
        except DomainError as e:
            check.update("✗ " + e.message)
            return
        if doc.birth_date is None:
            check.update(t.ID_OK_NO_BIRTH)
            return
        check.update(
            t.ID_OK.format(
                birth=doc.birth_date,
                region=self._region_name(doc.region_code),
                gender=labels.GENDER_LABELS[doc.gender],
            )
        )

    def _region_name(self, code: str | None) -> str:
        """The county's own name for the codes its IDs use (the demo county borrows real
        codes), else the national table's."""
        if not code:
            return ""
        if self.county and code in self.county.id_region_codes:
            return self.county.full_name
        return idcard.region_name(code) or ""

    @on(Checkbox.Changed, "#placeholder")
    def _placeholder_ticked(self, event: Checkbox.Changed) -> None:
        """Ticked by the clerk: propose "mother's (else father's, else the head's) name +
        宝宝" from the household; unticked: give back what was typed, unless edited since."""
        if not event.checkbox.has_focus:
            return  # set by the screen (a correction's stored value)
        name = self.query_one("#name", Input)
        if event.value:
            household = self.household or (self.correcting.household if self.correcting
                                           else None)
            parent = household.likely_parent(self.query_one("#relation", Select).value) \
                if household else None
            if parent is None or name.value.strip().endswith(domain_text.PLACEHOLDER_SUFFIX):
                return  # nobody to name it after, or the clerk has written the name already
            proposed = parent.name + domain_text.PLACEHOLDER_SUFFIX
            self.name_before_placeholder = (name.value, proposed)
            name.value = proposed
        elif self.name_before_placeholder:
            typed, proposed = self.name_before_placeholder
            self.name_before_placeholder = None
            if name.value == proposed:
                name.value = typed

    # --- saving -------------------------------------------------------------

    def read_form(self) -> PersonInput:
        gender = self.query_one("#gender", Select).value
        return PersonInput(
            name=self.typed("#name"),
            id_type=self.query_one("#id_type", Select).value,
            id_number=self.typed("#id_number").strip() or None,
            gender=None if gender is Select.NULL else gender,
            birth_date=parse_date(self.typed("#birth")),
            relation=self.query_one("#relation", Select).value,
            phone=self.typed("#phone").strip() or None,
            placeholder=self.query_one("#placeholder", Checkbox).value,
        )

    @work(exclusive=True)
    async def save(self) -> None:
        if self.finished:
            return
        message = self.query_one("#message", Static)
        try:
            data = self.read_form()
            documents = tuple(self.query_one(SelectionList).selected)
            reason = self.typed("#reason")
            clerk, clock, year = (
                self.session.actor,
                self.session.clock,
                self.session.benefit_year,
            )
            if self.correcting:
                detail = await in_thread(
                    correct_person,
                    clock,
                    clerk,
                    self.correcting.id,
                    self.version,
                    data,
                    reason=reason,
                    documents=documents,
                    address=self.typed("#address"),
                    duplicates_seen=self.duplicates_seen,
                    benefit_year=year,
                )
                notice = t.SAVED_CORRECT.format(name=detail.name)
            else:
                detail = await in_thread(
                    register_person,
                    clock,
                    clerk,
                    data,
                    household_id=self.household.id if self.household else None,
                    new_household=self._new_household(),
                    documents=documents,
                    duplicate_reason=reason,
                    benefit_year=year,
                )
                notice = t.SAVED_REGISTER.format(name=detail.name)
        except IdAlreadyRegistered as e:  # only to open it: never registered again
            message.update(e.message)
            self._show_duplicates((e.existing,), t.ID_REGISTERED_TITLE, offer_reason=False)
            return
        except DuplicatesFound as e:
            message.update(e.message)
            self.duplicates_seen |= {hit.id for hit in e.candidates}
            self._show_duplicates(e.candidates, t.DUPLICATES_TITLE, offer_reason=True,
                                  scores=e.scores)
            return
        except VersionConflict as e:
            self.version = e.actual
            await self._show_latest(e.message)
            return
        except DomainError as e:
            message.update(e.message)
            return
        self.app.notify(notice)
        if self.correcting:  # back to the person screen, which reloads
            self.app.pop_screen()
        else:  # the new person's record, in place of this form
            self.finished = True
            self.post_message(OpenPerson(detail.id, replace=True))

    def _new_household(self) -> NewHousehold | None:
        if not self.new_household:
            return None
        # A village not chosen yet is the service's to refuse, after the ID: a clerk typing
        # an ID already registered hears that first, before picking a village for nothing.
        village = self.query_one("#village", Select).value
        return NewHousehold(None if village is Select.NULL else int(village),
                            self.typed("#address"))

    def _show_duplicates(self, hits, title: str, offer_reason: bool,
                         scores: dict | None = None) -> None:
        table = self.query_one("#duplicates", DataTable)
        table.clear()
        for hit in hits:
            score = (scores or {}).get(hit.id)
            why = "" if score is None else t.DUPLICATE_SCORE.format(
                score=score.score, reasons=dup_text.REASON_SEPARATOR.join(score.reasons))
            table.add_row(
                *cells(
                    hit.name,
                    hit.masked_id or "-",
                    labels.GENDER_LABELS[hit.gender],
                    hit.birth_date,
                    hit.hukou_no,
                    hit.village,
                    labels.STATUS_LABELS[hit.status],
                    t.DUPLICATE_MATCH.get(hit.match, hit.match),
                    why,
                ),
                key=str(hit.id),
            )
        self.query_one("#duplicates_title", Label).update(title)
        for widget_id in ("#duplicates", "#duplicates_title"):
            self.query_one(widget_id).remove_class("hidden")
        self.query_one("#reason_row").set_class(not offer_reason, "hidden")
        if not offer_reason:  # a reason typed earlier must not register this one unseen
            self.query_one("#reason", Input).value = ""
        table.focus()

    async def _show_latest(self, text: str) -> None:
        latest = await in_thread(
            person_detail, self.correcting.id, self.session.clock.today(), self.session.benefit_year
        )
        summary = t.FIELD_SEPARATOR.join(
            str(x)
            for x in (
                latest.name,
                latest.id_number or "",
                labels.GENDER_LABELS[latest.gender],
                latest.birth_date,
                latest.phone or "",
            )
            if x
        )
        self.query_one("#message", Static).update(
            text + "\n" + t.CONFLICT_LATEST.format(summary=summary)
        )

    @on(DataTable.RowSelected, "#duplicates")
    def _open_existing(self, event: DataTable.RowSelected) -> None:
        self.post_message(OpenPerson(int(event.row_key.value), replace=True))

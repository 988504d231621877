"""Household changes: move a member (or split off), change the head, moved out / deceased."""


from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Label, Select, SelectionList, Static

from models.core.errors import DomainError
from models.registry.households import change_head, mark_left, move_member
from models.registry.people import PersonDetail, household_by_number
from models.registry.registration import NewHousehold
from models.rules.relations import propose_relation
from models.texts import counter as t
from models.texts import labels
from models.texts import messages as domain_text
from tui.calls import in_thread
from tui.forms import FormScreen, documents_list, parse_date
from tui.session import Session
from tui.widgets import FormBody, VillageSelect

RELATIONS = [(label, code) for code, label in labels.RELATION_LABELS.items()]
MEMBER_RELATIONS = [(label, code) for label, code in RELATIONS if code != "self"]


class HouseholdFormScreen(FormScreen):
    """The shared frame: fields, the documents seen, the reason, F10 to save."""

    def __init__(self, session: Session, detail: PersonDetail):
        super().__init__()
        self.session = session
        self.detail = detail

    def compose(self) -> ComposeResult:
        yield Header()
        with FormBody():
            yield Static(self.title_text(), id="title", markup=False)
            yield from self.fields()
            yield Label(t.FIELD_DOCUMENTS)
            yield documents_list()
            yield from self.row(t.FIELD_REASON, Input(compact=True, id="reason"))
            yield Static("", id="message", markup=False)
        yield Footer()

    def head_rows(self, exclude, old_relation: str, note: str = "",
                  disabled: bool = False) -> ComposeResult:
        """Who becomes head (any active member but `exclude`), and what the old head becomes."""
        choices = [
            (t.MEMBER_CHOICE.format(name=m.name, relation=labels.RELATION_LABELS.get(m.relation)),
             m.id)
            for m in self.detail.household.members
            if m.status == "active" and not exclude(m)
        ]
        yield from self.row(t.FIELD_NEW_HEAD + note, Select(
            compact=True, options=choices, prompt=t.FIELD_SELECT, id="new_head",
            disabled=disabled))
        yield from self.row(t.FIELD_OLD_HEAD_RELATION, Select(
            compact=True, options=RELATIONS, allow_blank=False, value=old_relation,
            id="old_relation", disabled=disabled))

    def on_mount(self) -> None:
        # Said outright: focus moving on by itself sent typed keys to the wrong field.
        self.query_one(self.first_field()).focus()

    def title_text(self) -> str:
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def first_field(self) -> str:
        """The form's first decision: focused when it opens."""
        raise NotImplementedError

    def call(self):
        """Read the form and return the service call, to be run in a worker thread."""
        raise NotImplementedError

    @work(exclusive=True)
    async def save(self) -> None:
        try:
            call = self.call()
            await in_thread(call)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        self.app.pop_screen()  # the person screen below reloads itself
        self.app.notify(t.SAVED)

    def common(self) -> dict:
        return {
            "reason": self.typed("#reason"),
            "documents": tuple(self.query_one(SelectionList).selected),
            "benefit_year": self.session.benefit_year,
        }

    def selected(self, widget_id: str):
        value = self.query_one(widget_id, Select).value
        return None if value is Select.NULL else value


class MoveScreen(HouseholdFormScreen):
    def title_text(self) -> str:
        return t.MOVE_TITLE.format(name=self.detail.name, hukou_no=self.detail.household.hukou_no)

    def fields(self) -> ComposeResult:
        yield from self.row(t.FIELD_HOUSEHOLD, Input(
            compact=True, placeholder=t.FIELD_HOUSEHOLD_HINT, id="target"))
        yield from self.row(
            t.FIELD_RELATION,
            Select(
                compact=True, options=RELATIONS, allow_blank=False, value="other", id="relation"
            ),
        )
        yield from self.row(t.FIELD_VILLAGE, VillageSelect(id="village"))
        yield from self.head_rows(lambda m: m.id == self.detail.id, "other")

    def first_field(self) -> str:
        return "#target"

    def call(self):
        target = self.typed("#target").strip()
        village = self.selected("#village")
        kwargs = {
            "relation": self.query_one("#relation", Select).value,
            "new_head_id": self.selected("#new_head"),
            "old_head_relation": self.query_one("#old_relation", Select).value,
            **self.common(),
        }
        if not target and village is None:
            raise DomainError(domain_text.VILLAGE_NOT_FOUND)
        s = self.session

        def run():
            if target:
                kwargs["to_household_id"] = household_by_number(target)
            else:
                kwargs["new_household"] = NewHousehold(int(village))
            return move_member(s.clock, s.actor, self.detail.id, self.detail.version, **kwargs)

        return run


class HeadScreen(HouseholdFormScreen):
    """The new head, then one row per other member: their relation to the new head,
    proposed from their relation to the old one (models/rules/relations.py) as soon as
    the new head is chosen, and changed by keyboard like any other choice."""

    def title_text(self) -> str:
        return t.HEAD_TITLE.format(hukou_no=self.detail.household.hukou_no)

    def members(self):
        return [m for m in self.detail.household.members if m.status == "active"]

    def fields(self) -> ComposeResult:
        choices = [
            (t.MEMBER_CHOICE.format(name=m.name, relation=labels.RELATION_LABELS.get(m.relation)),
             m.id)
            for m in self.members() if m.relation != "self"
        ]
        yield from self.row(t.FIELD_NEW_HEAD, Select(
            compact=True, options=choices, prompt=t.FIELD_SELECT, id="new_head"))
        yield Label(t.HEAD_RELATIONS)
        for m in self.members():
            with Horizontal(classes="row", id=f"relation_row_{m.id}"):
                yield Label(t.MEMBER_RELATION.format(
                    name=m.name, relation=labels.RELATION_LABELS.get(m.relation)),
                    markup=False)
                yield Select(compact=True, options=MEMBER_RELATIONS, allow_blank=False,
                             value=_until_chosen(m.relation), id=f"relation_{m.id}")

    @on(Select.Changed, "#new_head")
    def _propose(self, event: Select.Changed) -> None:
        new_head = self.selected("#new_head")
        members = self.members()
        was = next((m.relation for m in members if m.id == new_head), "other")
        for m in members:
            row = self.query_one(f"#relation_row_{m.id}")
            select = self.query_one(f"#relation_{m.id}", Select)
            is_new_head = m.id == new_head
            row.set_class(is_new_head, "hidden")
            select.disabled = is_new_head
            select.value = _until_chosen(m.relation) if new_head is None or is_new_head \
                else propose_relation(was, m.relation)

    def first_field(self) -> str:
        return "#new_head"

    def call(self):
        new_head = self.selected("#new_head")
        if new_head is None:
            raise DomainError(domain_text.NEW_HEAD_NOT_MEMBER)
        household, s = self.detail.household, self.session
        relations = {m.id: self.query_one(f"#relation_{m.id}", Select).value
                     for m in self.members() if m.id != new_head}
        kwargs = {"relations": relations, **self.common()}
        return lambda: change_head(
            s.clock, s.actor, household.id, household.version, new_head, **kwargs
        )


def _until_chosen(relation: str) -> str:
    """A member's row before a new head is chosen: their relation, the old head's "other"."""
    return "other" if relation == "self" else relation


class LeaveScreen(HouseholdFormScreen):
    def title_text(self) -> str:
        return t.LEAVE_TITLE.format(name=self.detail.name)

    def fields(self) -> ComposeResult:
        yield from self.row(
            t.FIELD_STATUS,
            Select(
                compact=True,
                options=[(label, code) for code, label in t.LEAVE_STATUSES.items()],
                prompt=t.FIELD_SELECT,
                id="status",
            ),
        )
        yield from self.row(
            t.FIELD_DATE,
            Input(compact=True, placeholder=t.FIELD_DATE_HINT, id="date"),
        )
        is_head = self.detail.relation == "self"
        yield from self.head_rows(lambda m: m.id == self.detail.id, "other",
                                  disabled=not is_head)

    def on_mount(self) -> None:
        if self.detail.relation != "self":  # said in the choice: the label column is narrow
            self.query_one("#new_head", Select).prompt = t.HEAD_NOT_NEEDED

    def first_field(self) -> str:
        return "#status"

    def call(self):
        status = self.selected("#status")
        if status is None:  # no default: a death must not be saved as a move-out
            raise DomainError(t.LEAVE_STATUS_NEEDED)
        on = parse_date(self.typed("#date")) or self.session.clock.today()
        kwargs = {
            "status": status,
            "on": on,
            "new_head_id": self.selected("#new_head"),
            "old_head_relation": self.query_one("#old_relation", Select).value,
            **self.common(),
        }
        s = self.session
        return lambda: mark_left(
            s.clock, s.actor, self.detail.id, self.detail.version, **kwargs
        )

"""A person's identity tags (subsidy categories): the list, and the forms that add one
or end the selected one. The forms are this screen's own, opened from it."""

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from models.core.errors import DomainError
from models.registry.identities import (
    TagView,
    add_identity_tag,
    end_identity_tag,
    identity_tags,
)
from models.registry.people import PersonDetail
from models.rules.identities import tag_state
from models.texts import counter as t
from models.texts import labels
from tui.calls import in_thread
from tui.forms import FormScreen, parse_date
from tui.session import Session
from tui.widgets import FormBody, Table, cells

DOCUMENTS = [(label, code) for code, label in labels.IDENTITY_DOCUMENT_LABELS.items()]


def category_label(session: Session, code: str) -> str:
    """The words of a category: the session's policy's own, else the catalog's."""
    if session.policy is not None:
        return session.policy.label(code)
    return labels.IDENTITY_LABELS.get(code, code)


def _until(tag: TagView) -> str:
    return str(tag.valid_to) if tag.valid_to else t.IDENTITY_OPEN_END


class IdentitiesScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", t.KEY_BACK, id="identities.back"),
        Binding("f3", "add", t.KEY_IDENTITY_ADD, id="identities.add"),
        Binding("f4", "end", t.KEY_IDENTITY_END, id="identities.end"),
        Binding("f5", "reload", t.KEY_RELOAD, id="identities.reload"),
    ]
    DEFAULT_CSS = """
    IdentitiesScreen #title { padding: 0 1; text-style: bold; }
    IdentitiesScreen #policy, IdentitiesScreen #hint { padding: 0 1; }
    IdentitiesScreen #message { padding: 0 1; height: auto; color: $warning; }
    IdentitiesScreen DataTable { height: auto; max-height: 20; }
    """

    def __init__(self, session: Session, detail: PersonDetail):
        super().__init__()
        self.session = session
        self.detail = detail
        self.tags: tuple[TagView, ...] | None = None

    def compose(self) -> ComposeResult:
        d, policy = self.detail, self.session.policy
        yield Header()
        with FormBody():
            yield Static(t.IDENTITIES_TITLE.format(name=d.name, masked_id=d.masked_id or
                                                   t.NO_VALUE), id="title", markup=False)
            yield Static(t.IDENTITIES_POLICY.format(
                policy=policy.id, labels=t.LIST_SEPARATOR.join(
                    policy.label(c) for c in policy.subsidies))
                if policy else t.IDENTITIES_NO_POLICY, id="policy", markup=False)
            yield Table(id="tags", cursor_type="row")
            yield Static(t.IDENTITIES_HINT, id="hint", markup=False)
            yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#tags", DataTable).add_columns(*t.IDENTITY_COLUMNS)
        self.query_one("#tags", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.load()  # on first showing, and on coming back from a form

    @work(exclusive=True)
    async def load(self) -> None:
        try:
            tags = await in_thread(identity_tags, self.detail.id)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        self.tags = tags
        today = self.session.clock.today()
        table = self.query_one("#tags", DataTable)
        row = table.cursor_row
        table.clear()
        for tag in tags:
            table.add_row(*cells(category_label(self.session, tag.category), tag.source,
                                 tag.valid_from, tag.valid_to or t.NO_VALUE,
                                 labels.TAG_STATE_LABELS[tag_state(tag, today)]),
                          key=str(tag.id))
        if tags:
            table.move_cursor(row=min(row, len(tags) - 1))
        self.query_one("#message", Static).update("" if tags else t.IDENTITIES_NONE)

    def selected(self) -> TagView | None:
        table = self.query_one("#tags", DataTable)
        if not self.tags or table.row_count == 0:
            return None
        return self.tags[table.cursor_row]

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.load()

    def action_add(self) -> None:
        self.app.push_screen(IdentityAddScreen(self.session, self.detail))

    def action_end(self) -> None:
        tag = self.selected()
        if tag is None:
            self.query_one("#message", Static).update(t.IDENTITY_SELECT_ROW)
            return
        self.app.push_screen(IdentityEndScreen(self.session, self.detail, tag))


class _TagForm(FormScreen):
    """Title, fields, message; F10 runs the service off the UI thread."""

    def __init__(self, session: Session, detail: PersonDetail):
        super().__init__()
        self.session = session
        self.detail = detail

    def compose(self) -> ComposeResult:
        yield Header()
        with FormBody():
            yield Static(self.title_text(), id="title", markup=False)
            yield from self.fields()
            yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(self.first_field()).focus()

    def selected(self, widget_id: str):
        value = self.query_one(widget_id, Select).value
        return None if value is Select.NULL else value

    @work(exclusive=True)
    async def save(self) -> None:
        try:
            call = self.call()
            tag = await in_thread(call)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        self.app.pop_screen()  # the list below reloads itself
        self.app.notify(self.saved(tag))

    def title_text(self) -> str:
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def first_field(self) -> str:
        raise NotImplementedError

    def call(self):
        """Read the form (a DomainError for what it cannot take) and return the call."""
        raise NotImplementedError

    def saved(self, tag: TagView) -> str:
        raise NotImplementedError


class IdentityAddScreen(_TagForm):
    def title_text(self) -> str:
        return t.IDENTITY_ADD_TITLE.format(name=self.detail.name)

    def fields(self) -> ComposeResult:
        policy = self.session.policy
        categories = [(policy.label(c), c) for c in policy.subsidies] if policy else []
        yield from self.row(t.FIELD_CATEGORY, Select(
            compact=True, options=categories, prompt=t.FIELD_SELECT, id="category"))
        yield from self.row(t.FIELD_SOURCE, Input(
            compact=True, placeholder=t.FIELD_SOURCE_HINT, id="source"))
        yield from self.row(t.FIELD_VALID_FROM, Input(
            compact=True, value=self.session.clock.today().isoformat(),
            placeholder=t.FIELD_DATE_HINT, id="valid_from"))
        yield from self.row(t.FIELD_VALID_TO, Input(
            compact=True, placeholder=t.FIELD_VALID_TO_HINT, id="valid_to"))
        yield from self.row(t.FIELD_IDENTITY_DOCUMENT, Select(
            compact=True, options=DOCUMENTS, prompt=t.FIELD_SELECT, id="document"))
        yield from self.row(t.FIELD_NOTE, Input(compact=True, id="reason"))

    def first_field(self) -> str:
        return "#category"

    def call(self):
        category = self.selected("#category")
        if category is None:
            raise DomainError(t.IDENTITY_CATEGORY_NEEDED)
        valid_from = parse_date(self.typed("#valid_from"))
        valid_to = parse_date(self.typed("#valid_to"))
        document = self.selected("#document")
        s, person_id = self.session, self.detail.id
        args = (category, self.typed("#source"), valid_from, valid_to,
                (document,) if document else (), self.typed("#reason"))
        return lambda: add_identity_tag(s.clock, s.actor, person_id, *args, policy=s.policy)

    def saved(self, tag: TagView) -> str:
        return t.SAVED_IDENTITY_ADD.format(label=category_label(self.session, tag.category))


class IdentityEndScreen(_TagForm):
    def __init__(self, session: Session, detail: PersonDetail, tag: TagView):
        super().__init__(session, detail)
        self.tag = tag

    def title_text(self) -> str:
        tag = self.tag
        return t.IDENTITY_END_TITLE.format(
            name=self.detail.name, label=category_label(self.session, tag.category),
            valid_from=tag.valid_from, valid_to=_until(tag), source=tag.source)

    def fields(self) -> ComposeResult:
        yield from self.row(t.FIELD_END_ON, Input(
            compact=True, value=self.session.clock.today().isoformat(),
            placeholder=t.FIELD_DATE_HINT, id="valid_to"))
        yield from self.row(t.FIELD_REASON, Input(compact=True, id="reason"))
        yield from self.row(t.FIELD_END_DOCUMENT, Select(
            compact=True, options=DOCUMENTS, prompt=t.FIELD_NONE, id="document"))

    def first_field(self) -> str:
        return "#valid_to"

    def call(self):
        valid_to = parse_date(self.typed("#valid_to"))
        document = self.selected("#document")
        s, tag_id, reason = self.session, self.tag.id, self.typed("#reason")
        documents = (document,) if document else ()
        return lambda: end_identity_tag(s.clock, s.actor, tag_id, valid_to, reason, documents)

    def saved(self, tag: TagView) -> str:
        return t.SAVED_IDENTITY_END.format(label=category_label(self.session, tag.category),
                                           valid_to=tag.valid_to)

"""The lookup screen: type, and the matching people appear below."""

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from models import lookup
from models import messages as domain_text
from models.errors import DomainError
from tui import texts as t
from tui.session import Session
from tui.widgets import cells

DEBOUNCE_SECONDS = 0.05


class LookupScreen(Screen):
    BINDINGS = [
        Binding("f2", "focus_lookup", t.KEY_LOOKUP, id="lookup.focus"),
        Binding("f3", "register", t.KEY_REGISTER, id="lookup.register"),
        Binding("escape", "clear", t.KEY_CLEAR, id="lookup.clear"),
        Binding("down", "focus_results", show=False, id="lookup.results"),
    ]
    DEFAULT_CSS = """
    LookupScreen #hint { color: $text-muted; padding: 0 1; }
    LookupScreen #message { padding: 0 1; height: 1; }
    LookupScreen DataTable { height: 1fr; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.last_page: lookup.LookupPage | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t.LOOKUP_PLACEHOLDER, id="query")
        yield Static(t.LOOKUP_HINT, id="hint")
        yield Static("", id="message", markup=False)
        yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        year = self.session.benefit_year or ""
        self.query_one(DataTable).add_columns(*(c.format(year=year) for c in t.COLUMNS))
        self.query_one("#query", Input).focus()

    def on_screen_resume(self) -> None:
        query = self.query_one("#query", Input)
        if query.value.strip():
            self.search(query.value)  # a record may have changed while it was open

    def action_focus_lookup(self) -> None:
        self.query_one("#query", Input).focus()

    def action_focus_results(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            table.focus()

    def action_clear(self) -> None:
        query = self.query_one("#query", Input)
        query.value = ""
        query.focus()

    def action_register(self) -> None:
        from tui.screens.person_form import PersonFormScreen

        self.app.push_screen(PersonFormScreen(self.session))

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self.action_focus_results()

    @on(DataTable.RowSelected, "#results")
    def _open(self, event: DataTable.RowSelected) -> None:
        from tui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(self.session, int(event.row_key.value)))

    @work(exclusive=True)
    async def search(self, text: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)  # a newer keystroke cancels this one
        message = self.query_one("#message", Static)
        table = self.query_one(DataTable)
        if not text.strip():
            table.clear()
            message.update("")
            return
        try:
            page = await asyncio.to_thread(lookup.lookup, text, self.session.clock,
                                           benefit_year=self.session.benefit_year)
        except DomainError as e:
            message.update(e.message)
            return
        self.last_page = page
        table.clear()
        for hit in page.hits:
            status = (t.MERGED_INTO.format(id=hit.merged_into) if hit.merged_into
                      else domain_text.STATUS_LABELS.get(hit.status, hit.status))
            year = t.YEAR_STATUS.get(hit.year_status or "", "")
            table.add_row(*cells(hit.name, hit.masked_id or "-",
                                 domain_text.GENDER_LABELS[hit.gender], hit.age, hit.township,
                                 hit.village, hit.hukou_no,
                                 domain_text.RELATION_LABELS.get(hit.relation, hit.relation),
                                 status, year), key=str(hit.id))
        more = t.LOOKUP_COUNT_MORE.format(count=len(page.hits)) if page.has_more else ""
        message.update(t.LOOKUP_COUNT.format(count=len(page.hits), more=more) if page.hits
                       else t.LOOKUP_NONE)

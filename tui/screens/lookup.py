"""The lookup screen: type, and the matching people appear below."""

import asyncio
import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

from models.core.errors import DomainError
from models.registry import lookup
from models.texts import counter as t
from models.texts import labels
from tui.navigation import OpenPerson, RegisterHousehold
from tui.session import Session
from tui.widgets import ResultList

DEBOUNCE_SECONDS = 0.03


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
    LookupScreen ResultList { height: 1fr; border: none; }
    LookupScreen .result-header { padding: 0 1; text-style: bold; color: $text-muted; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.last_page: lookup.LookupPage | None = None
        # last keystroke → results on screen, in ms: what the keystroke benchmark reads
        self.typed_at = 0.0
        self.last_latency_ms: float | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t.LOOKUP_PLACEHOLDER, id="query")
        yield Static(t.LOOKUP_HINT, id="hint")
        yield Static("", id="message", markup=False)
        year = self.session.benefit_year or ""
        results = ResultList(tuple(c.format(year=year) for c in t.COLUMNS), id="results")
        yield results.header
        yield results
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()

    def on_screen_resume(self) -> None:
        query = self.query_one("#query", Input)
        if query.value.strip():
            self.search(query.value)  # a record may have changed while it was open

    def action_focus_lookup(self) -> None:
        self.query_one("#query", Input).focus()

    def action_focus_results(self) -> None:
        results = self.query_one(ResultList)
        if results.rows:
            results.focus()

    def action_clear(self) -> None:
        query = self.query_one("#query", Input)
        query.value = ""
        query.focus()

    def action_register(self) -> None:
        self.post_message(RegisterHousehold())

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self.typed_at = time.perf_counter()
        self.search(event.value)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self.action_focus_results()

    @on(OptionList.OptionSelected, "#results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.post_message(OpenPerson(int(event.option.id)))

    def _painted(self, page: lookup.LookupPage, typed_at: float) -> None:
        self.last_latency_ms = (time.perf_counter() - typed_at) * 1000
        self.last_page = page

    @work(exclusive=True)
    async def search(self, text: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)  # a newer keystroke cancels this one
        message = self.query_one("#message", Static)
        results = self.query_one(ResultList)
        if not text.strip():
            results.show([], [])
            message.update("")
            return
        try:
            page = await asyncio.to_thread(lookup.lookup, text, self.session.clock,
                                           benefit_year=self.session.benefit_year)
        except DomainError as e:
            message.update(e.message)
            return
        rows = []
        for hit in page.hits:
            status = (t.MERGED_INTO.format(id=hit.merged_into) if hit.merged_into
                      else labels.STATUS_LABELS.get(hit.status, hit.status))
            rows.append([hit.name, hit.masked_id or "-", labels.GENDER_LABELS[hit.gender],
                         hit.age, hit.township, hit.village, hit.hukou_no,
                         labels.RELATION_LABELS.get(hit.relation, hit.relation), status,
                         labels.YEAR_STATUS_LABELS.get(hit.year_status or "", "")])
        results.show(rows, [str(hit.id) for hit in page.hits])
        self.call_after_refresh(self._painted, page, self.typed_at)
        more = t.LOOKUP_COUNT_MORE.format(count=len(page.hits)) if page.has_more else ""
        message.update(t.LOOKUP_COUNT.format(count=len(page.hits), more=more) if page.hits
                       else t.LOOKUP_NONE)

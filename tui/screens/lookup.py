"""The lookup screen: type, and the matching people appear below."""

import asyncio
import re
import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

from models.core.errors import DomainError
from models.registry import lookup
from models.registry.regions import current_region
from models.rules import idcard
from models.rules.clean_text import clean
from models.texts import counter as t
from models.texts import labels
from models.texts import merging as merging_text
from models.texts import printing as print_text
from models.texts import reports as report_text
from models.texts import settle as settle_text
from printing.slip_check import looks_like_payload
from printing.verifying import check_slip
from tui.calls import in_thread
from tui.navigation import (
    OpenDuplicateReview,
    OpenPerson,
    OpenPrintQueue,
    OpenProgress,
    OpenSettlement,
    RegisterHousehold,
)
from tui.session import Session
from tui.widgets import ResultList

# After a keystroke the counter waits this long before it searches, so that a burst of
# keys (a reader typing a scanned code, a held key) costs one search, not one a key; a
# clerk's own keys come 80 ms or more apart, so none of theirs waits on another's.
DEBOUNCE_SECONDS = 0.01
_WHOLE_ID = re.compile(r"^[0-9]{17}[0-9Xx]$")  # the last key of a whole ID: search at once


class LookupScreen(Screen):
    BINDINGS = [
        Binding("f2", "focus_lookup", t.KEY_LOOKUP, id="lookup.focus"),
        Binding("f3", "register", t.KEY_REGISTER, id="lookup.register"),
        Binding("f4", "print_queue", print_text.KEY_QUEUE, id="lookup.print_queue"),
        Binding("f6", "duplicates", merging_text.KEY_REVIEW, id="lookup.duplicates"),
        Binding("f7", "progress", report_text.KEY_PROGRESS, id="lookup.progress"),
        Binding("f8", "settle", settle_text.KEY_SETTLE, id="lookup.settle"),
        Binding("escape", "clear", t.KEY_CLEAR, id="lookup.clear"),
        Binding("down", "focus_results", show=False, id="lookup.results"),
    ]
    DEFAULT_CSS = """
    LookupScreen #hint { color: $text-muted; padding: 0 1; }
    LookupScreen #policy { color: $warning; padding: 0 1; height: auto; }
    LookupScreen #message { padding: 0 1; height: auto; }
    LookupScreen ResultList { height: 1fr; border: none; }
    LookupScreen .result-header { padding: 0 1; text-style: bold; color: $text-muted; }
    LookupScreen .hidden { display: none; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.last_page: lookup.LookupPage | None = None
        self.pages: list[lookup.LookupPage] = []  # every page shown for the query, in order
        self.open_when_found: str | None = None  # Enter came before the results did
        # last keystroke → results on screen, in ms: what the keystroke benchmark reads
        self.typed_at = 0.0
        self.last_latency_ms: float | None = None
        self.last_phases: tuple[float, float, float] = (0.0, 0.0, 0.0)  # wait, find, draw

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t.LOOKUP_PLACEHOLDER, id="query")
        yield Static(t.LOOKUP_HINT, id="hint")
        yield Static("", id="policy", markup=False, classes="hidden")
        yield Static("", id="message", markup=False)
        year = self.session.benefit_year
        columns = t.COLUMNS if year else t.COLUMNS[:-1]  # no policy, no year's status
        results = ResultList(tuple(c.format(year=year) for c in columns), id="results")
        yield results.header
        yield results
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        if self.session.policy is None:
            self.say_what_is_missing()

    @work(exclusive=True, group="policy")
    async def say_what_is_missing(self) -> None:
        """Without a policy in force there is no benefit year: say why, in place of the
        year's status column."""
        try:
            region = await in_thread(current_region)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        notice = self.query_one("#policy", Static)
        notice.update(t.LOOKUP_NO_REGION if region is None else t.LOOKUP_NO_POLICY.format(
            region=region.name, today=self.session.clock.today().isoformat()))
        notice.remove_class("hidden")

    def on_screen_resume(self) -> None:
        query = self.query_one("#query", Input)
        if query.value.strip():
            self.search(clean(query.value))  # a record may have changed while it was open

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

    def action_duplicates(self) -> None:
        self.post_message(OpenDuplicateReview())

    def action_settle(self) -> None:
        self.post_message(OpenSettlement())

    def action_print_queue(self) -> None:
        self.post_message(OpenPrintQueue())
    def action_progress(self) -> None:
        self.post_message(OpenProgress())

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self.typed_at = time.perf_counter()
        self.open_when_found = None
        text = clean(event.value)
        self.search(text, 0 if _WHOLE_ID.match(text.strip()) else DEBOUNCE_SECONDS)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        if looks_like_payload(event.value):  # a slip's QR text, typed or scanned
            self.check_slip(event.value, open_person=True)
            return
        page, typed = self.last_page, clean(event.value)
        if page is None or page.query != typed:  # a reader's Enter, ahead of results
            self.open_when_found = typed
            return
        self._go_to_results(page)

    def _go_to_results(self, page: lookup.LookupPage) -> None:
        """Enter in the box: the one person found opens; several, the list takes focus."""
        if len(page.hits) == 1 and not page.has_more:
            self.post_message(OpenPerson(page.hits[0].id))
        else:
            self.action_focus_results()

    @on(OptionList.OptionSelected, "#results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.post_message(OpenPerson(int(event.option.id)))

    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Down, PageDown or End onto the last row fetches the next page, if there is one.
        results = self.query_one(ResultList)
        page = self.pages[-1] if self.pages else None
        if page and page.has_more and event.option_index == len(results.rows) - 1:
            self.more(page)

    def _painted(self, page: lookup.LookupPage, typed_at: float, started: float,
                 found: float) -> None:
        now = time.perf_counter()
        self.last_latency_ms = (now - typed_at) * 1000
        self.last_phases = ((started - typed_at) * 1000, (found - started) * 1000,
                            (now - found) * 1000)
        self.last_page = page

    @work(exclusive=True)
    async def search(self, text: str, wait: float = DEBOUNCE_SECONDS) -> None:
        if wait:
            await asyncio.sleep(wait)  # a newer keystroke cancels this one
        message = self.query_one("#message", Static)
        results = self.query_one(ResultList)
        self.pages = []
        if not text.strip():
            results.show([], [])
            self._say(message, "")
            return
        if looks_like_payload(text):
            results.show([], [])
            self.check_slip(text, open_person=False)
            return
        started = time.perf_counter()
        try:
            page = await in_thread(lookup.lookup, text, self.session.clock,
                                           benefit_year=self.session.benefit_year)
        except DomainError as e:
            self._say(message, e.message)
            return
        found = time.perf_counter()
        self.pages = [page]
        results.show(self._rows(page), [str(hit.id) for hit in page.hits])
        self.call_after_refresh(self._painted, page, self.typed_at, started, found)
        self._say(message, self._count(page))
        if self.open_when_found == text:
            self.open_when_found = None
            self._go_to_results(page)

    @work(exclusive=True, group="slip")
    async def check_slip(self, text: str, open_person: bool) -> None:
        """The verdict on a slip's QR text; Enter (a scanner sends one) opens the person
        the payment was for."""
        try:
            verdict = await in_thread(check_slip, text)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        self.query_one("#message", Static).update(verdict.message)
        if open_person and verdict.person_id is not None:
            self.post_message(OpenPerson(verdict.person_id))

    @staticmethod
    def _say(message: Static, text: str) -> None:
        """The line under the box, laid out again only when it changes (it may wrap)."""
        if str(message.content) != text:
            message.update(text)

    @work(exclusive=True, group="more")
    async def more(self, last: lookup.LookupPage) -> None:
        offset = last.offset + len(last.hits)
        try:
            page = await in_thread(lookup.lookup, last.query, self.session.clock,
                                           offset=offset,
                                           benefit_year=self.session.benefit_year)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        if not self.pages or self.pages[-1] is not last:
            return  # the clerk has typed something else meanwhile
        self.pages.append(page)
        self.query_one(ResultList).extend(self._rows(page), [str(hit.id) for hit in page.hits])
        self.query_one("#message", Static).update(self._count(page))

    def _rows(self, page: lookup.LookupPage) -> list[list[object]]:
        rows = []
        for hit in page.hits:
            status = (t.MERGED_INTO.format(id=hit.merged_into) if hit.merged_into
                      else labels.STATUS_LABELS.get(hit.status, hit.status))
            row = [hit.name, hit.masked_id or "-", labels.GENDER_LABELS[hit.gender],
                   hit.age, hit.township, hit.village, hit.hukou_no,
                   labels.RELATION_LABELS.get(hit.relation, hit.relation), status]
            if self.session.benefit_year:
                row.append(labels.YEAR_STATUS_LABELS.get(hit.year_status or "", ""))
            rows.append(row)
        return rows

    def _count(self, page: lookup.LookupPage) -> str:
        shown = page.offset + len(page.hits)
        if page.check_expected:
            typed = idcard.normalize(page.query)
            near = (t.LOOKUP_NEAR.format(count=shown) if shown else t.LOOKUP_NEAR_NONE)
            return t.LOOKUP_BAD_CHECK.format(typed=typed[17], expected=page.check_expected,
                                             near=near)
        if not shown:
            return t.LOOKUP_NONE
        more = t.LOOKUP_COUNT_MORE.format(count=shown) if page.has_more else ""
        return t.LOOKUP_COUNT.format(count=shown, more=more)

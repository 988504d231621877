"""Importing a base roster or a subsidy roster at the counter (command palette →
导入参保底表, a supervisor's or administrator's; the file's header says which it is, and a
subsidy roster without a 来源部门 column takes the department typed in the second
prompt; its date is today): a file prompt, F5 (or Enter) for a dry run that writes nothing,
F10 for the import itself, a progress bar while it reads and writes, then the
summary with the error workbook's path. The work is the command line's: printing/
reads the workbook, models/rosters checks and writes, off the UI thread."""

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar, Static

from models.core.errors import DomainError
from models.rosters.base_import import import_base_roster
from models.rosters.subsidy_import import import_subsidy_roster
from models.rosters.summary import subsidy_summary_lines, summary_lines
from models.texts import counter as counter_text
from models.texts import rosters as t
from printing.roster_book import open_roster, write_errors
from tui.calls import in_thread
from tui.session import Session
from tui.widgets import RunBar

EVERY = 500  # rows between two moves of the bar


class RosterImportScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", counter_text.KEY_BACK, id="roster.back"),
        Binding("f5", "dry_run", t.KEY_DRY_RUN, id="roster.dry_run"),
        Binding("f10", "import", t.KEY_IMPORT, id="roster.import"),
    ]
    DEFAULT_CSS = """
    RosterImportScreen #title, RosterImportScreen #summary { padding: 0 1; height: auto; }
    RosterImportScreen ProgressBar { padding: 0 1; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.lines: list[str] = []  # the last summary shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t.SCREEN_TITLE, id="title", markup=False)
        yield Input(placeholder=t.SCREEN_FILE_PROMPT, id="file")
        yield Input(placeholder=t.SCREEN_SOURCE_PROMPT, id="source")
        yield RunBar(id="progress")
        yield Static("", id="summary", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#file", Input).focus()

    def action_back(self) -> None:
        if not self.workers:  # an import under way finishes first
            self.app.pop_screen()

    @on(Input.Submitted, "#file")
    def action_dry_run(self) -> None:
        self.run_import(True)

    def action_import(self) -> None:
        self.run_import(False)

    @work(exclusive=True, group="roster")
    async def run_import(self, dry_run: bool) -> None:
        text = self.query_one("#file", Input).value.strip()
        source = self.query_one("#source", Input).value.strip() or None
        if not text:
            self.say(t.SCREEN_NO_FILE)
            return
        bar = self.query_one("#progress", RunBar)
        bar.working()  # the reader sets a total when it can
        self.say(t.SCREEN_READING)
        try:
            lines = await in_thread(self._import, Path(text), dry_run, source)
        except DomainError as e:
            bar.failed()
            self.say(e.message)
            return
        bar.finished()
        self.lines = lines
        self.say("\n".join(lines))

    def _import(self, path: Path, dry_run: bool, source: str | None = None) -> list[str]:
        """In the worker's thread: the bar is moved through call_from_thread."""
        s = self.session
        book = open_roster(path)
        summarise = subsidy_summary_lines if book.kind == "subsidy" else summary_lines
        try:
            if book.kind == "subsidy":
                report = import_subsidy_roster(s.clock, s.actor, self._counted(book),
                                               book.source, default_source=source,
                                               dry_run=dry_run, progress=self._written)
            else:
                report = import_base_roster(s.clock, s.actor, self._counted(book),
                                            book.source, dry_run=dry_run,
                                            progress=self._written)
            trouble = None
            errors = None
            if report.refused:
                try:
                    errors = write_errors(book, report.refused)
                except DomainError as e:  # the import stands: said after its summary
                    trouble = e.message
        finally:
            book.close()
        return summarise(report, errors) + ([trouble] if trouble else [])

    def _counted(self, book):
        for n, line in enumerate(book.lines(), 1):
            if n % EVERY == 0:
                self.app.call_from_thread(self._bar, n, book.total, t.SCREEN_READING)
            yield line

    def _written(self, done: int, total: int) -> None:
        self.app.call_from_thread(self._bar, done, total or None, t.SCREEN_WRITING)

    def _bar(self, done: int, total: int | None, what: str) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)
        self.say(what)

    def say(self, text: str) -> None:
        self.query_one("#summary", Static).update(text)

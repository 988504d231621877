"""Exporting a report at the counter (command palette → 导出报表): the kind, the year and
village (both may stay empty), the file's path, F10 (or Enter in the path) to write it,
a progress bar, then the path written. IDs stay masked here: IDs in full are the command
line's, for a supervisor who signs in (`yibao export … --full-ids`). Payments and the
settlement are today's, the settlement the signed-in clerk's at this counter."""

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar, Select, Static

from models.core.errors import DomainError
from models.reports.payments import payments_report
from models.reports.progress import progress_report
from models.reports.settlement import settlement_report
from models.reports.sheets import report_year
from models.reports.unpaid import unpaid_report
from models.texts import counter as counter_text
from models.texts import reports as t
from printing.report_book import write_report
from tui.calls import in_thread
from tui.session import Session
from tui.widgets import RunBar


class ExportScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", counter_text.KEY_BACK, id="export.back"),
        Binding("f10", "export", t.KEY_EXPORT, id="export.write"),
    ]
    DEFAULT_CSS = """
    ExportScreen #title, ExportScreen #result { padding: 0 1; height: auto; }
    ExportScreen ProgressBar { padding: 0 1; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t.EXPORT_SCREEN_TITLE, id="title", markup=False)
        yield Select([(label, kind) for kind, label in t.EXPORT_KINDS], value="progress",
                     allow_blank=False, id="kind", prompt=t.EXPORT_KIND_LABEL)
        yield Input(placeholder=t.EXPORT_YEAR_PROMPT, id="year", max_length=4)
        yield Input(placeholder=t.EXPORT_VILLAGE_PROMPT, id="village")
        yield Input(placeholder=t.EXPORT_FILE_PROMPT, id="file")
        yield RunBar(id="progress")
        yield Static("", id="result", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus()

    def action_back(self) -> None:
        if not self.workers:
            self.app.pop_screen()

    @on(Input.Submitted, "#file")
    def action_export(self) -> None:
        self.run_export()

    @work(exclusive=True, group="export")
    async def run_export(self) -> None:
        kind = self.query_one("#kind", Select).value
        year_text = self.query_one("#year", Input).value.strip()
        village = self.query_one("#village", Input).value.strip() or None
        path = self.query_one("#file", Input).value.strip()
        if not path:
            self.say(t.EXPORT_NO_FILE)
            return
        if year_text and not (year_text.isascii() and year_text.isdigit()
                              and len(year_text) == 4):
            self.say(t.EXPORT_BAD_YEAR)
            return
        bar = self.query_one("#progress", RunBar)
        bar.working()  # rows are counted as written, the total known at the end
        self.say(t.EXPORT_RUNNING)
        try:
            out, rows = await in_thread(self._export, kind, int(year_text) if year_text
                                        else None, village, Path(path))
        except DomainError as e:
            bar.failed()
            self.say(e.message)
            return
        self.written = out
        bar.update(total=max(rows, 1), progress=rows)
        self.say(t.EXPORT_WRITTEN.format(kind=t.KIND_NAMES[kind], path=out, rows=rows))

    def _export(self, kind: str, year: int | None, village: str | None,
                out: Path) -> tuple[Path, int]:
        """In the worker's thread: the bar is moved through call_from_thread."""
        s = self.session
        today = s.clock.today()
        if kind == "progress":
            report = progress_report(report_year(year, today), today, village)
        elif kind == "unpaid":
            report = unpaid_report(report_year(year, today), today, village)
        elif kind == "payments":
            report = payments_report(today, today)
        else:
            report = settlement_report(s.actor.username, s.actor.counter or s.counter, today)
        rows = write_report(report, out, self._moved)
        return out, rows

    def _moved(self, done: int) -> None:
        self.app.call_from_thread(self.query_one("#progress", ProgressBar).update,
                                  progress=done)

    def say(self, text: str) -> None:
        self.query_one("#result", Static).update(text)

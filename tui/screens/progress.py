"""征缴进度 for the station head (command palette → 征缴进度, or F6 on the lookup screen):
each village's (or township's) paid headcount against its target as a bar, the villages
furthest behind first; the county's rate, and the people paid today and this week.
Read off the UI thread (models/reports/progress), refreshed with F5."""

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from models.core.errors import DomainError
from models.reports.progress import Progress, progress
from models.texts import counter as counter_text
from models.texts import reports as t
from tui.calls import in_thread
from tui.session import Session
from tui.widgets import Table, cells

BAR = 20  # cells of a full bar


def bar(done: float) -> str:
    filled = max(0, min(BAR, round(done * BAR)))
    return "\u2588" * filled + "\u2591" * (BAR - filled)


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


class ProgressScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", counter_text.KEY_BACK, id="progress.back"),
        Binding("f5", "refresh", t.KEY_REFRESH, id="progress.refresh"),
    ]
    DEFAULT_CSS = """
    ProgressScreen #title, ProgressScreen #county { padding: 0 1; height: auto; }
    ProgressScreen Table { height: 1fr; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.figures: Progress | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t.PROGRESS_LOADING, id="title", markup=False)
        yield Static("", id="county", markup=False)
        yield Table(id="villages", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_refresh(self) -> None:
        self.load()

    @work(exclusive=True, group="progress")
    async def load(self) -> None:
        year = self.session.benefit_year
        if year is None:
            self.query_one("#title", Static).update(t.NO_POLICY_TODAY)
            return
        try:
            figures = await in_thread(progress, year, self.session.clock.today())
        except DomainError as e:
            self.query_one("#title", Static).update(e.message)
            return
        self.show(figures)

    def show(self, figures: Progress) -> None:
        self.figures = figures
        total = figures.total
        self.query_one("#title", Static).update(t.PROGRESS_SCREEN_TITLE.format(
            region=figures.region, year=figures.year, day=figures.day.isoformat()))
        self.query_one("#county", Static).update(t.PROGRESS_COUNTY.format(
            paid=total.paid, target=total.target, rate=percent(total.done),
            today=figures.today, week=figures.week))
        table = self.query_one("#villages", Table)
        table.clear(columns=True)
        unit = t.UNIT_VILLAGE if figures.unit == "village" else t.UNIT_TOWNSHIP
        table.add_columns(*(c.format(unit=unit) for c in t.PROGRESS_COLUMNS))
        for row in figures.furthest_behind():
            name = f"{row.township} {row.name}" if figures.unit == "village" else row.name
            table.add_row(*cells(name, str(row.paid), str(row.target), percent(row.done),
                                 bar(row.done), str(row.gap)))
        table.focus()

"""The daily settlement (日结, F8 on the lookup screen or the palette): the signed-in
clerk's day at this counter, the four agreements checked; F10 closes the day after a
confirmation, and from then on the day takes no payment, void or refund."""

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from models.core.errors import DomainError
from models.payments.settlement import Settlement, close_day, settlement
from models.rules.money import yuan
from models.texts import printing as print_text
from models.texts import settle as t
from printing import counter_slips
from tui.calls import in_thread
from tui.modals import ConfirmScreen
from tui.session import Session
from tui.settlement_lines import text_lines
from tui.slip_modal import SlipScreen


class SettlementScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", t.KEY_BACK, id="settle.back"),
        Binding("f5", "reload", t.KEY_REFRESH, id="settle.reload"),
        Binding("f10", "close_day", t.KEY_CLOSE, id="settle.close"),
    ]
    DEFAULT_CSS = """
    SettlementScreen #figures { padding: 0 1; height: auto; }
    SettlementScreen #message { padding: 0 1; height: auto; color: $warning; }
    SettlementScreen VerticalScroll { height: 1fr; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        actor = session.actor
        self.clerk, self.counter = actor.username, actor.counter
        self.day = session.clock.today()
        self.figures: Settlement | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(t.SETTLE_LOADING, id="figures", markup=False)
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="settle")
    async def load(self) -> None:
        try:
            figures = await in_thread(settlement, self.clerk, self.counter, self.day)
        except DomainError as e:
            self.say(e.message)
            return
        self.show(figures)

    def show(self, figures: Settlement) -> None:
        self.figures = figures
        self.query_one("#figures", Static).update("\n".join(text_lines(figures)))

    def say(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    def action_close_day(self) -> None:
        figures = self.figures
        if figures is None:
            return
        if figures.closed:
            self.say(t.SETTLE_CLOSED.format(at=figures.closed_at.strftime("%Y-%m-%d %H:%M"),
                                            by=figures.closed_by))
            return
        question = t.CLOSE_QUESTION.format(day=self.day.isoformat(), receipts=figures.receipts,
                                           people=figures.people, net=yuan(figures.net),
                                           cash=yuan(figures.cash_expected))
        disagreements = sum(not a.holds for a in figures.agreements)
        if disagreements:
            question = t.CLOSE_QUESTION_DISAGREES.format(count=disagreements) + question

        def answered(yes: bool | None) -> None:
            if yes:
                self.close_it()

        self.app.push_screen(ConfirmScreen(question), callback=answered)

    @work(exclusive=True, group="settle")
    async def close_it(self) -> None:
        s = self.session
        try:
            figures = await in_thread(close_day, s.clock, s.actor, self.clerk, self.counter,
                                      self.day)
        except DomainError as e:
            self.say(e.message)
            return
        self.show(figures)
        self.say(t.CLOSE_DONE.format(day=self.day.isoformat()))
        # the day is closed and committed: its slip (日结单) prints now, come what may
        try:
            outcome = await in_thread(counter_slips.print_settlement, s.clock, s.actor,
                                      figures, s.actor.display_name)
        except DomainError as e:
            self.say(e.message)
            return
        self.app.push_screen(SlipScreen(s, print_text.SLIP_TITLE_SETTLEMENT, outcome))

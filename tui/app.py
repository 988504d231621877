"""The counter application: wires the clock, the clerk and the screens together."""

from textual.app import App
from textual.binding import Binding

from models.clerks import ClerkInfo
from models.clock import Clock, SystemClock
from tui import texts as t
from tui.screens.lookup import LookupScreen


class CounterApp(App):
    TITLE = t.APP_TITLE
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", t.KEY_QUIT, id="app.quit"),
    ]

    def __init__(self, clock: Clock | None = None, clerk: ClerkInfo | None = None):
        super().__init__()
        self.clock = clock or SystemClock()
        self.clerk = clerk

    def on_mount(self) -> None:
        self.sub_title = self.clerk.display_name if self.clerk else ""
        self.push_screen(LookupScreen(self.clock))

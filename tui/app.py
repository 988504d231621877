"""The counter application: wires the session, the keymap and the screens together."""

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette

from models.core.actor import Actor
from models.core.clock import Clock, SystemClock
from models.rules.policy import Policy
from models.texts import counter as t
from tui.commands import CounterCommands
from tui.screens.help import HelpScreen
from tui.screens.login import LoginScreen
from tui.screens.lookup import LookupScreen
from tui.session import Session


class CounterApp(App):
    TITLE = t.APP_TITLE
    COMMANDS = App.COMMANDS | {CounterCommands}
    BINDINGS = [
        Binding("f1", "help", t.KEY_HELP, id="app.help"),
        Binding("ctrl+q", "quit", t.KEY_QUIT, id="app.quit"),
        Binding("ctrl+p", "command_palette", t.KEY_PALETTE, show=False, priority=True,
                id="app.palette"),
    ]

    def __init__(self, clock: Clock | None = None, actor: Actor | None = None,
                 policy: Policy | None = None, keymap: dict[str, str] | None = None,
                 counter: str | None = None):
        super().__init__()
        self.session = Session(clock or SystemClock(), actor, policy, counter)
        self._keymap_config = keymap or {}

    def on_mount(self) -> None:
        if self._keymap_config:
            self.set_keymap(self._keymap_config)
        if self.session.actor is None:
            self.push_screen(LoginScreen(self.session), callback=self._logged_in)
        else:
            self._logged_in(self.session.actor)

    def _logged_in(self, actor: Actor | None) -> None:
        if actor is None:
            self.exit()
            return
        self.session.actor = actor
        self.sub_title = actor.display_name
        self.push_screen(LookupScreen(self.session))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=t.PALETTE_PLACEHOLDER))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

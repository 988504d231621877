"""The counter application: wires the session, the keymap and the screens together."""

from textual import on
from textual.app import App
from textual.binding import Binding

from models.core.actor import Actor
from models.core.clock import Clock, SystemClock
from models.rules.policy import Policy
from models.texts import counter as t
from tui import navigation as nav
from tui.commands import CounterCommands, CounterPalette
from tui.forms import FormScreen
from tui.modals import ConfirmScreen
from tui.screens.clerk_admin import ClerkAdminScreen
from tui.screens.duplicates import DuplicatesScreen
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.household_forms import HeadScreen, LeaveScreen, MoveScreen
from tui.screens.identities import IdentitiesScreen
from tui.screens.login import LoginScreen
from tui.screens.lookup import LookupScreen
from tui.screens.merge_review import MergeReviewScreen
from tui.screens.pay import PayScreen
from tui.screens.person import PersonScreen
from tui.screens.person_form import PersonFormScreen
from tui.screens.print_queue import PrintQueueScreen
from tui.screens.progress import ProgressScreen
from tui.screens.reverse import ReversalScreen
from tui.screens.roster_import import RosterImportScreen
from tui.screens.settlement import SettlementScreen
from tui.session import Session


class CounterApp(App):
    """Holds the screens: each navigation message (tui/navigation.py) becomes a push here."""

    TITLE = t.APP_TITLE
    COMMANDS = {CounterCommands}  # not Textual's own (Theme, Keys, …): see tui/commands.py
    BINDINGS = [
        Binding("f1", "help", t.KEY_HELP, id="app.help"),
        # Priority: over a modal (help, the palette) too, as Textual's own Ctrl+Q is.
        Binding("ctrl+q", "quit", t.KEY_QUIT, priority=True, id="app.quit"),
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
        if self.use_command_palette and not CounterPalette.is_open(self):
            self.push_screen(CounterPalette(id="--command-palette",
                                            placeholder=t.PALETTE_PLACEHOLDER))

    async def action_quit(self) -> None:
        """Ctrl+Q (and the palette's quit): a form with changes anywhere in the stack asks
        first; Enter quits, Esc goes back to where the clerk was."""
        edited = [s for s in self.screen_stack if isinstance(s, FormScreen) and s.has_changes]
        if not edited:
            self.exit()
            return
        if isinstance(self.screen, ConfirmScreen):
            return
        form = t.SCREEN_NAMES.get(type(edited[-1]).__name__, "")

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(ConfirmScreen(t.QUIT_QUESTION.format(form=form)), callback=answered)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # --- navigation: the screens ask, the app opens ---------------------------

    @on(nav.OpenPerson)
    def _open_person(self, message: nav.OpenPerson) -> None:
        if message.after_merge:
            if any(isinstance(s, MergeReviewScreen) for s in self.screen_stack):
                while not isinstance(self.screen, MergeReviewScreen):  # a modal over it
                    self.pop_screen()
                self.pop_screen()
            while isinstance(self.screen, PersonScreen | PayScreen):
                self.pop_screen()
        elif message.replace:
            self.pop_screen()
        self.push_screen(PersonScreen(self.session, message.person_id))

    @on(nav.RegisterHousehold)
    def _register_household(self) -> None:
        self.push_screen(PersonFormScreen(self.session))

    @on(nav.RegisterMember)
    def _register_member(self, message: nav.RegisterMember) -> None:
        self.push_screen(PersonFormScreen(self.session, household=message.household))

    @on(nav.CorrectPerson)
    def _correct_person(self, message: nav.CorrectPerson) -> None:
        self.push_screen(PersonFormScreen(self.session, correcting=message.detail))

    @on(nav.MovePerson)
    def _move_person(self, message: nav.MovePerson) -> None:
        self.push_screen(MoveScreen(self.session, message.detail))

    @on(nav.ChangeHead)
    def _change_head(self, message: nav.ChangeHead) -> None:
        self.push_screen(HeadScreen(self.session, message.detail))

    @on(nav.LeavePerson)
    def _leave_person(self, message: nav.LeavePerson) -> None:
        self.push_screen(LeaveScreen(self.session, message.detail))

    @on(nav.OpenClerkAdmin)
    def _open_clerk_admin(self) -> None:
        self.push_screen(ClerkAdminScreen(self.session))

    @on(nav.EditIdentities)
    def _edit_identities(self, message: nav.EditIdentities) -> None:
        self.push_screen(IdentitiesScreen(self.session, message.detail))


    # --- issue 12: paying (h12c) ----------------------------------------------

    @on(nav.OpenPayment)
    def _open_payment(self, message: nav.OpenPayment) -> None:
        self.push_screen(PayScreen(self.session, message.detail, message.member_id))

    @on(nav.OpenReversal)
    def _open_reversal(self, message: nav.OpenReversal) -> None:
        self.push_screen(ReversalScreen(self.session, message.receipt_no))
    @on(nav.OpenSettlement)
    def _open_settlement(self) -> None:
        if self.session.actor is not None and not isinstance(self.screen, SettlementScreen):
            self.push_screen(SettlementScreen(self.session))

    @on(nav.OpenRosterImport)
    def _open_roster_import(self) -> None:
        self.push_screen(RosterImportScreen(self.session))

    @on(nav.OpenPrintQueue)
    def _open_print_queue(self) -> None:
        if self.session.actor is not None and not isinstance(self.screen, PrintQueueScreen):
            self.push_screen(PrintQueueScreen(self.session))

    # --- issue 14: duplicates (h14b) ---------------------------------------------

    @on(nav.OpenDuplicateReview)
    def _open_duplicates(self) -> None:
        if self.session.actor is not None and not isinstance(self.screen, DuplicatesScreen):
            self.push_screen(DuplicatesScreen(self.session))

    @on(nav.OpenMergeReview)
    def _open_merge_review(self, message: nav.OpenMergeReview) -> None:
        self.push_screen(MergeReviewScreen(self.session, message.a_id, message.b_id,
                                           message.survivor_id))

    # --- issue 15: reports (h15b) ---------------------------------------------

    @on(nav.OpenExport)
    def _open_export(self) -> None:
        if self.session.actor is not None and not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen(self.session))

    @on(nav.OpenProgress)
    def _open_progress(self) -> None:
        if self.session.actor is not None and not isinstance(self.screen, ProgressScreen):
            self.push_screen(ProgressScreen(self.session))

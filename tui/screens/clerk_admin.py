"""The administrator's accounts (command palette → 账号管理): every clerk with role, state
and lock-out; Enter on one offers what can be done to it (unlock, disable, a new
password). The palette offers the screen to an administrator only, and the services
refuse anyone else in any case. Every change goes through models/access/clerks.py, which
writes it into the audit trail.
"""


from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from models.access.clerks import (
    ClerkRow,
    check_password_strength,
    disable_clerk,
    list_clerks,
    set_password,
    unlock_clerk,
)
from models.core.errors import DomainError
from models.texts import counter as t
from models.texts import labels
from tui.calls import in_thread
from tui.clerk_cells import clerk_cells
from tui.session import Session
from tui.widgets import ResultList

_SERVICES = {"unlock": unlock_clerk, "disable": disable_clerk}


class ClerkAdminScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", t.KEY_BACK, id="clerks.back"),
        Binding("f5", "reload", t.KEY_RELOAD, id="clerks.reload"),
    ]
    DEFAULT_CSS = """
    ClerkAdminScreen #title, ClerkAdminScreen #message { padding: 0 1; height: auto; }
    ClerkAdminScreen ResultList { height: 1fr; border: none; }
    ClerkAdminScreen .result-header { padding: 0 1; text-style: bold; color: $text-muted; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.rows: tuple[ClerkRow, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t.CLERKS_TITLE, id="title", markup=False)
        results = ResultList(labels.CLERK_COLUMNS, id="clerks")
        yield results.header
        yield results
        yield Static(t.CLERKS_LOADING, id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="clerks")
    async def load(self, message: str = "") -> None:
        try:
            rows = await in_thread(list_clerks, self.session.clock, self.session.actor)
        except DomainError as e:
            self.say(e.message)
            return
        self.rows = rows
        results = self.query_one("#clerks", ResultList)
        results.show([clerk_cells(row, t.CLERKS_NOT_LOCKED) for row in rows],
                     [row.username for row in rows])
        results.focus()
        self.say(message)

    def say(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    @on(OptionList.OptionSelected, "#clerks")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        row = next(r for r in self.rows if r.username == event.option.id)
        actions = _actions(row, self.session.actor.clerk_id)
        if not actions:
            self.say(t.CLERKS_NOTHING_TO_DO)
            return
        self.app.push_screen(ClerkActionsScreen(row, actions),
                             callback=lambda action: self._act(row, action))

    def _act(self, row: ClerkRow, action: str | None) -> None:
        if action == "passwd":
            self.app.push_screen(PasswordScreen(row),
                                 callback=lambda password: self._new_password(row, password))
        elif action is not None:
            self.change(action, row.username)

    def _new_password(self, row: ClerkRow, password: str | None) -> None:
        if password:
            self.change("passwd", row.username, password)

    @work(exclusive=True, group="clerk-change")
    async def change(self, action: str, username: str, password: str = "") -> None:
        clock, actor = self.session.clock, self.session.actor
        try:
            if action == "passwd":
                await in_thread(set_password, clock, actor, username, password)
            else:
                await in_thread(_SERVICES[action], clock, actor, username)
        except DomainError as e:
            self.say(e.message)
            return
        self.load(t.CLERKS_DONE[action].format(username=username))


class ClerkActionsScreen(ModalScreen[str | None]):
    """What can be done to one account; disabling asks once more."""

    BINDINGS = [Binding("escape", "cancel", t.KEY_BACK, id="clerks.actions.cancel")]
    DEFAULT_CSS = """
    ClerkActionsScreen { align: center middle; }
    ClerkActionsScreen Vertical { width: 70; height: auto; background: $panel;
                                  border: round $primary; padding: 0 1; }
    ClerkActionsScreen OptionList { height: auto; max-height: 8; }
    """

    def __init__(self, row: ClerkRow, actions: list[str]):
        super().__init__()
        self.row, self.actions = row, actions

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t.CLERKS_ACTIONS_TITLE.format(username=self.row.username,
                                                      name=self.row.display_name),
                        markup=False)
            yield OptionList(*(Option(t.CLERKS_ACTIONS[a], id=a) for a in self.actions),
                             id="actions")
            yield Static(t.CLERKS_ACTIONS_HINT)

    def on_mount(self) -> None:
        self.query_one("#actions", OptionList).focus()

    @on(OptionList.OptionSelected, "#actions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        if choice == "disable":
            options = self.query_one("#actions", OptionList)
            options.clear_options()
            options.add_options([
                Option(t.CLERKS_CONFIRM_DISABLE.format(username=self.row.username),
                       id="disable_confirmed"),
                Option(t.CLERKS_CONFIRM_BACK, id="back")])
            options.highlighted = 0
        elif choice == "back":
            self.dismiss(None)
        else:
            self.dismiss("disable" if choice == "disable_confirmed" else choice)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PasswordScreen(ModalScreen[str | None]):
    """A new password, typed twice, not shown."""

    BINDINGS = [Binding("escape", "cancel", t.KEY_CANCEL, id="clerks.password.cancel")]
    DEFAULT_CSS = """
    PasswordScreen { align: center middle; }
    PasswordScreen Vertical { width: 70; height: auto; background: $panel;
                              border: round $primary; padding: 0 1; }
    PasswordScreen #message { color: $warning; height: auto; }
    """

    def __init__(self, row: ClerkRow):
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t.CLERKS_PASSWORD_TITLE.format(username=self.row.username,
                                                       name=self.row.display_name),
                        markup=False)
            yield Label(t.CLERKS_PASSWORD_NEW)
            yield Input(password=True, id="new")
            yield Label(t.CLERKS_PASSWORD_AGAIN)
            yield Input(password=True, id="again")
            yield Static(t.CLERKS_PASSWORD_HINT, id="message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#new", Input).focus()

    @on(Input.Submitted, "#new")
    def _to_again(self) -> None:
        self.query_one("#again", Input).focus()

    @on(Input.Submitted, "#again")
    def _submit(self) -> None:
        new, again = self.query_one("#new", Input), self.query_one("#again", Input)
        try:
            check_password_strength(new.value)
            if again.value != new.value:
                raise DomainError(t.CLERKS_PASSWORD_DIFFERENT)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            new.value = again.value = ""
            new.focus()
            return
        self.dismiss(new.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _actions(row: ClerkRow, own_id: int | None) -> list[str]:
    """What can be done to this account: nothing to a disabled one; unlock only while it is
    locked or has failures counted; never disabling one's own."""
    if not row.active:
        return []
    actions = ["unlock"] if row.locked_until or row.failed_attempts else []
    if row.id != own_id:
        actions.append("disable")
    return [*actions, "passwd"]


"""The login screen for a real database: username, password, lock-out after failures."""


from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from models.access.clerks import any_clerk, authenticate
from models.core.errors import DomainError
from models.rules.clean_text import clean
from models.texts import counter as t
from tui.calls import in_thread
from tui.session import Session


class LoginScreen(Screen):
    BINDINGS = [Binding("escape", "cancel", t.KEY_QUIT, id="login.cancel")]
    DEFAULT_CSS = """
    LoginScreen Vertical { width: 50; height: auto; margin: 2 4; border: round $primary;
                           padding: 1 2; }
    LoginScreen #message { color: $warning; height: auto; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Label(t.LOGIN_TITLE)
            yield Label(t.LOGIN_USERNAME)
            yield Input(id="username")
            yield Label(t.LOGIN_PASSWORD)
            yield Input(password=True, id="password")
            yield Static(t.LOGIN_HINT, id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#username", Input).focus()
        self.check_accounts()

    @work
    async def check_accounts(self) -> None:
        try:
            anyone = await in_thread(any_clerk)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            return
        if not anyone:
            self.query_one("#message", Static).update(t.LOGIN_NO_ACCOUNTS)

    @on(Input.Submitted, "#username")
    def _to_password(self) -> None:
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    def _submit(self) -> None:
        self.login()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(exclusive=True)
    async def login(self) -> None:
        username = clean(self.query_one("#username", Input).value).strip()
        password = self.query_one("#password", Input)
        try:
            actor = await in_thread(authenticate, self.session.clock, username,
                                            password.value, self.session.counter)
        except DomainError as e:
            self.query_one("#message", Static).update(e.message)
            password.value = ""
            password.focus()
            return
        self.dismiss(actor)

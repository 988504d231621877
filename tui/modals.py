"""Small modal screens any screen may open: a yes/no question, a record shown in full.

They live outside tui/screens/ so that a screen can open one without importing another
screen (tests/tui/test_screen_imports.py).
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from models.texts import counter as t


class ConfirmScreen(ModalScreen[bool]):
    """Enter answers yes, Esc no (back to where the clerk was, with everything kept)."""

    BINDINGS = [
        Binding("enter", "answer(True)", t.KEY_CONFIRM, priority=True, id="confirm.yes"),
        Binding("escape", "answer(False)", t.KEY_RETURN, priority=True, id="confirm.no"),
    ]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Static { width: 72; height: auto; padding: 1 2; background: $panel;
                             border: thick $warning; }
    """

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield Static(self.question + "\n\n" + t.CONFIRM_KEYS, id="question", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class RecordScreen(ModalScreen[None]):
    """Every field of one record, label by label; Esc or Enter closes it."""

    BINDINGS = [Binding("escape,enter", "close", t.KEY_BACK, id="record.close")]
    DEFAULT_CSS = """
    RecordScreen { align: center middle; }
    RecordScreen > VerticalScroll { width: 100; height: auto; max-height: 90%;
                                    background: $panel; border: thick $primary; padding: 0 1; }
    RecordScreen Static { height: auto; }
    RecordScreen #record_title { text-style: bold; }
    """

    def __init__(self, title: str, fields: list[tuple[str, str]]):
        super().__init__()
        self.title_text = title
        self.fields = fields

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.title_text, id="record_title", markup=False)
            yield Static(self.text(), id="record", markup=False)

    def text(self) -> str:
        return "\n".join(t.RECORD_LINE.format(label=label, value=value)
                         for label, value in self.fields)

    def action_close(self) -> None:
        self.dismiss(None)

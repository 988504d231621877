"""What the form screens share: the frame and its keys, dates, the documents list."""

import datetime as dt
import re

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Label, Select, SelectionList

from models.core.errors import DomainError
from models.texts import counter as t
from models.texts import labels

# 1990年8月5日 as well as 1990-08-05: \u5e74 \u6708 \u65e5 are 年 月 日 (grammar, not text)
_DATE = re.compile(r"^(\d{4})[-./\u5e74]?(\d{1,2})[-./\u6708]?(\d{1,2})\u65e5?$")


def parse_date(text: str) -> dt.date | None:
    """"1990-08-05", "19900805", "1990.8.5" or "1990年8月5日"; empty is None."""
    text = (text or "").strip()
    if not text:
        return None
    match = _DATE.match(text)
    try:
        if not match:
            raise ValueError
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise DomainError(t.BAD_DATE_INPUT.format(text=text)) from None


def documents_list(widget_id: str = "documents") -> SelectionList:
    return SelectionList[str](*[(label, code) for code, label in
                                labels.DOCUMENT_LABELS.items()], id=widget_id)


class FormScreen(Screen):
    """F10 saves, Esc cancels, Enter moves to the next field; labelled one-line rows."""

    BINDINGS = [
        Binding("f10", "save", t.KEY_SAVE, id="form.save"),
        Binding("escape", "cancel", t.KEY_CANCEL, id="form.cancel"),
        Binding("enter", "next_field", show=False, priority=True, id="form.next"),
    ]
    DEFAULT_CSS = """
    FormScreen .row { height: 1; margin: 0 0 1 0; }
    FormScreen .row Label { width: 22; padding: 0 1; }
    FormScreen .row Input, FormScreen .row Select { width: 1fr; }
    FormScreen Input, FormScreen Select { background: $boost; }
    FormScreen Input:focus, FormScreen Select:focus { background: $primary 40%; }
    FormScreen #title { padding: 0 1; text-style: bold; }
    FormScreen #message { padding: 0 1; height: auto; color: $warning; }
    FormScreen SelectionList { height: auto; max-height: 9; }
    FormScreen Checkbox { border: none; padding: 0 1; }
    FormScreen .hidden { display: none; }
    """

    def row(self, label: str, widget) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Label(label)
            yield widget

    def action_next_field(self) -> None:
        # At once, before any key typed after it is handled: an ID card reader types the
        # number and Enter in one burst. In a list or a choice Enter keeps its meaning.
        if isinstance(self.focused, Input):
            self.focus_next()
            return
        raise SkipAction()

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        if event.select.has_focus:  # chosen by the clerk, not filled in by the screen
            self.focus_next()

    def action_cancel(self) -> None:
        self.app.pop_screen()

    def action_save(self) -> None:
        self.save()

    def save(self) -> None:
        raise NotImplementedError

"""What the form screens share: the frame and its keys, dates, the documents list."""

import datetime as dt
import re

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Label, OptionList, Select, SelectionList

from models.core.errors import DomainError
from models.rules.clean_text import clean
from models.texts import counter as t
from models.texts import labels
from tui.modals import ConfirmScreen

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
    """F10 saves, Esc cancels, Enter moves to the next field; labelled one-line rows.

    Esc on a form that has changes asks before throwing them away (the app asks the same
    on Ctrl+Q); an untouched form closes at once."""

    BINDINGS = [
        Binding("f10", "save", t.KEY_SAVE, id="form.save"),
        Binding("escape", "cancel", t.KEY_CANCEL, id="form.cancel"),
        Binding("enter", "next_field", show=False, priority=True, id="form.next"),
        # Priority like Enter: a key that bubbles back to the app is handled behind every
        # key already queued, so a Tab typed before a burst would move focus after it.
        Binding("tab", "tab(1)", show=False, priority=True, id="form.tab"),
        Binding("shift+tab", "tab(-1)", show=False, priority=True, id="form.back_tab"),
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

    _clean: tuple | None = None  # what the form held when it opened
    _choosing: Select | None = None  # the choice whose list is open

    def typed(self, selector: str) -> str:
        """What the clerk typed into an Input, without what no database can store (NUL,
        lone surrogates from a broken paste): the one way a form reads its text."""
        return clean(self.query_one(selector, Input).value)

    def row(self, label: str, widget) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Label(label)
            yield widget

    def on_mount(self) -> None:
        # Runs after the subclass's on_mount, which fills in a correction's values.
        self.mark_clean()

    # --- changes --------------------------------------------------------------

    def state(self) -> tuple:
        """Everything the clerk can change, to tell an edited form from an untouched one."""
        values = []
        for widget in self.query("Input, Select, Checkbox, SelectionList"):
            if isinstance(widget, SelectionList):
                values.append((widget.id, tuple(sorted(widget.selected))))
            elif isinstance(widget, (Input, Select, Checkbox)):
                values.append((widget.id, widget.value))
        return tuple(values)

    def mark_clean(self) -> None:
        self._clean = self.state()

    @property
    def has_changes(self) -> bool:
        return self._clean is not None and self.state() != self._clean

    # --- moving between fields -------------------------------------------------

    def action_next_field(self) -> None:
        # At once, before any key typed after it is handled: an ID card reader types the
        # number and Enter in one burst, and the keys after the Enter belong to the next
        # field. (The keys before it are already queued for this field and land there.)
        # In a list or a choice Enter keeps its meaning.
        if isinstance(self.focused, Input):
            self.focus_next()
            return
        raise SkipAction()

    def action_tab(self, step: int) -> None:
        if _is_open_list(self.focused):
            raise SkipAction()  # an open list keeps its own keys
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        # The list opening focuses its overlay; a choice (or Esc) gives focus back to the
        # Select, which arrives here after the Select's Changed.
        widget = event.widget
        self._choosing = widget.parent if _is_open_list(widget) else None

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        # Only a choice the clerk made in the open list moves on: a Select also reports a
        # change when it is mounted or filled in by the screen, and moving focus then sent
        # the clerk's next key to the wrong field.
        if event.select is self._choosing:
            self._choosing = None
            if event.select.has_focus:
                self.focus_next()

    # --- leaving ---------------------------------------------------------------

    def action_cancel(self) -> None:
        if not self.has_changes:
            self.app.pop_screen()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()

        self.app.push_screen(ConfirmScreen(t.DISCARD_QUESTION), callback=answered)

    def action_save(self) -> None:
        self.save()

    def save(self) -> None:
        raise NotImplementedError


def _is_open_list(widget) -> bool:
    """The list a Select opens (an OptionList inside it) has the focus."""
    return isinstance(widget, OptionList) and isinstance(widget.parent, Select)

"""Small helpers the form screens share: reading dates and the documents list."""

import datetime as dt
import re

from textual.actions import SkipAction
from textual.screen import Screen
from textual.widgets import Input, SelectionList

from models import messages as domain_text
from models.errors import DomainError
from tui import texts as t

_DATE = re.compile(r"^(\d{4})[-./年]?(\d{1,2})[-./月]?(\d{1,2})日?$")


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
                                domain_text.DOCUMENT_LABELS.items()], id=widget_id)


def next_field(screen: Screen) -> None:
    """Enter in a text field moves to the next field at once, before any key typed after
    it is handled: an ID card reader types the number and Enter in one burst. Elsewhere
    (a list, a choice) Enter keeps its own meaning."""
    if isinstance(screen.focused, Input):
        screen.focus_next()
        return
    raise SkipAction()

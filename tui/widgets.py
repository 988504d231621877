"""Small display helpers shared by the screens."""

from rich.text import Text
from textual.containers import VerticalScroll


def cell(value: object) -> Text:
    """Text from the database or the user, never read as markup."""
    return Text("" if value is None else str(value))


def cells(*values: object) -> list[Text]:
    return [cell(v) for v in values]


class FormBody(VerticalScroll, can_focus=False):
    """A scrolling form body that Tab passes over: focus goes field to field."""

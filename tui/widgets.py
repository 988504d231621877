"""Small display helpers shared by the screens."""

from rich.cells import cell_len
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


def cell(value: object) -> Text:
    """Text from the database or the user, never read as markup."""
    return Text("" if value is None else str(value))


def cells(*values: object) -> list[Text]:
    return [cell(v) for v in values]


class FormBody(VerticalScroll, can_focus=False):
    """A scrolling form body that Tab passes over: focus goes field to field."""


class ResultList(OptionList):
    """Rows of columns drawn as one line each: on every keystroke this repaints several
    times faster than a DataTable, which renders each cell on its own."""

    def __init__(self, columns: tuple[str, ...], **kwargs):
        super().__init__(**kwargs)
        self.columns = columns
        self.rows: list[list[str]] = []
        self.header = Static("", markup=False, classes="result-header")

    def show(self, rows: list[list[object]], keys: list[str]) -> None:
        self.rows = [["" if v is None else str(v) for v in row] for row in rows]
        widths = [max([cell_len(c), *(cell_len(r[i]) for r in self.rows)])
                  for i, c in enumerate(self.columns)]
        self.header.update(_line(self.columns, widths))
        self.clear_options()
        self.add_options([Option(Text(_line(r, widths)), id=key)
                          for r, key in zip(self.rows, keys, strict=True)])
        if self.rows:
            self.highlighted = 0


def _line(values, widths) -> str:
    return "  ".join(v + " " * (w - cell_len(v)) for v, w in zip(values, widths, strict=True))

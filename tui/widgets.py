"""Small display helpers shared by the screens."""


from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.containers import VerticalScroll
from textual.widgets import DataTable, OptionList, ProgressBar, Select, Static
from textual.widgets.option_list import Option

from models.core.errors import DomainError
from models.registry.people import villages
from models.texts import counter as t
from tui.calls import in_thread


def cell(value: object) -> Text:
    """Text from the database or the user, never read as markup."""
    return Text("" if value is None else str(value))


def cells(*values: object) -> list[Text]:
    return [cell(v) for v in values]


class FormBody(VerticalScroll, can_focus=False):
    """A scrolling form body that Tab passes over: focus goes field to field."""


class RunBar(ProgressBar):
    """A job's bar (a roster read, a report written): empty until a run starts, Textual's
    "working" animation (no total) while it runs until the job gives a total, full when it
    is done, empty again when it fails. Left to Textual, a bar with no total animates at
    --% from the start and stays so after a run that never reported."""

    def __init__(self, **kwargs):
        super().__init__(total=1, show_eta=False, **kwargs)

    def working(self) -> None:
        self.update(total=None, progress=0)

    def finished(self) -> None:
        done = self.total or 1  # a run that gave no total (a dry run, a short roster)
        self.update(total=done, progress=done)

    def failed(self) -> None:
        self.update(total=1, progress=0)


class Table(DataTable):
    """A DataTable that draws itself again once it has measured its new rows.

    Textual's DataTable measures the rows added since its last idle moment and widens its
    columns then, but keeps what it drew in between at the old widths: a header drawn
    while the rows were arriving stayed narrow above wider rows (the person screen, first
    shown, about one time in two)."""

    def _update_dimensions(self, new_rows) -> None:
        super()._update_dimensions(new_rows)
        self._clear_caches()
        self.refresh()


class VillageSelect(Select[int]):
    """Every village ("乡镇 村"), read in a worker: until the list arrives the choice is
    disabled, so Tab and Enter pass over it, and its prompt says it is loading."""

    def __init__(self, **kwargs):
        super().__init__([], prompt=t.VILLAGES_LOADING, disabled=True, compact=True, **kwargs)
        self.loaded = False

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="villages")
    async def load(self) -> None:
        try:
            rows = await in_thread(villages)
        except DomainError as e:  # the list stays empty; the next form opened tries again
            self.app.notify(e.message, severity="error")
            rows = []
        self.set_options([(label, village_id) for village_id, label in rows])
        self.prompt = t.FIELD_SELECT if rows else t.VILLAGES_NONE
        self.disabled = not rows
        self.loaded = True


class ResultList(OptionList):
    """Rows of columns drawn as one line each: on every keystroke this repaints several
    times faster than a DataTable, which renders each cell on its own.

    One line each, never wrapped (a row wider than the list is cut at its edge): the list
    then measures a row without laying its text out, and the header above it keeps its
    one line, so drawing new rows repaints the list and the header without laying out
    the screen again (which cost the keystroke more than the lookup)."""

    DEFAULT_CSS = """
    ResultList { text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, columns: tuple[str, ...], **kwargs):
        super().__init__(**kwargs)
        self.columns = columns
        self.rows: list[list[str]] = []
        self.keys: list[str] = []
        self.header = Static("", markup=False, classes="result-header")
        # styled here, not in DEFAULT_CSS: that would reach only the list's own children
        self.header.styles.height = 1
        self.header.styles.text_wrap = "nowrap"
        self.header.styles.text_overflow = "clip"

    def show(self, rows: list[list[object]], keys: list[str]) -> None:
        self.rows, self.keys = [], []
        self._draw(rows, keys)
        if self.rows:
            self.highlighted = 0

    def extend(self, rows: list[list[object]], keys: list[str]) -> None:
        """The next page below the rows shown, the highlight where it was."""
        highlighted = self.highlighted
        self._draw(rows, keys)
        if highlighted is not None:
            self.highlighted = highlighted

    def _draw(self, rows: list[list[object]], keys: list[str]) -> None:
        self.rows += [["" if v is None else str(v) for v in row] for row in rows]
        self.keys += keys
        widths = [max([cell_len(c), *(cell_len(r[i]) for r in self.rows)])
                  for i, c in enumerate(self.columns)]
        self.header.update(_line(self.columns, widths), layout=False)  # one line, always
        self.clear_options()
        self.add_options([Option(Text(_line(r, widths)), id=key)
                          for r, key in zip(self.rows, self.keys, strict=True)])


def _line(values, widths) -> str:
    return "  ".join(v + " " * (w - cell_len(v)) for v, w in zip(values, widths, strict=True))


def clip(text: str | None, width: int) -> str:
    """`text` cut to `width` terminal cells, an ellipsis marking the cut."""
    text = text or ""
    if cell_len(text) <= width:
        return text
    out, used = [], 1
    for ch in text:
        used += cell_len(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out) + t.CLIPPED

"""F1: every key that works here, and where a hall can change them."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from models.texts import counter as t
from tui.keymap import keymap_path
from tui.widgets import Table, cells


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,f1", "close", t.KEY_BACK, id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > DataTable { width: 90; height: auto; max-height: 80%; }
    HelpScreen Label, HelpScreen Static { width: 90; background: $panel; padding: 0 1; }
    """

    def __init__(self, below: Screen):
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        yield Label(t.HELP_TITLE)
        yield Table(id="keys", cursor_type="row")
        yield Static(t.HELP_REMAP.format(path=keymap_path()), markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t.HELP_KEY, t.HELP_ACTION, t.HELP_WHERE, "id")
        where = t.SCREEN_NAMES.get(type(self.below).__name__, type(self.below).__name__)
        for node, label in ((self.below, where), (self.app, t.HELP_APP)):
            for binding in _bindings(node):
                if binding.id and binding.description:  # ours, not the framework's
                    table.add_row(*cells(self.app.get_key_display(binding), binding.description,
                                         label, binding.id))
        table.add_row(*cells("tab / shift+tab", t.KEY_TAB, t.HELP_APP, ""))
        table.focus()

    def action_close(self) -> None:
        self.dismiss()


def _bindings(node) -> list[Binding]:
    """The node's bindings as the hall's keymap has them."""
    bindings = node._bindings.copy()
    if node.app._keymap:
        bindings.apply_keymap(node.app._keymap)
    return [binding for _, binding in bindings]

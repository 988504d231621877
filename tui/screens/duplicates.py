"""The review queue of possible duplicates (重复审核: F6 on the lookup screen, or the
palette): open pairs best score first, all villages or one; Enter puts the pair side by
side (tui/screens/merge_review.py, through the app). A supervisor merges the `sure`
band in bulk with F10: a dry run first, its figures in the question, then the merge."""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Select, Static

from models.core.errors import DomainError
from models.merging.bulk import merge_sure
from models.merging.review import PAGE, QueueRow, queue, villages_in_queue
from models.texts import merging as t
from tui import navigation as nav
from tui.calls import in_thread
from tui.modals import ConfirmScreen
from tui.session import Session
from tui.widgets import Table, cells

ALL = -1


class DuplicatesScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", t.KEY_BACK, id="duplicates.back"),
        Binding("f5", "reload", t.KEY_RELOAD, id="duplicates.reload"),
        Binding("f10", "bulk", t.KEY_BULK, id="duplicates.bulk"),
    ]
    DEFAULT_CSS = """
    DuplicatesScreen #title { padding: 0 1; text-style: bold; height: auto; }
    DuplicatesScreen #village { width: 40; margin: 0 1; }
    DuplicatesScreen #message { padding: 0 1; height: auto; color: $warning; }
    DuplicatesScreen DataTable { height: 1fr; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.rows: dict[str, QueueRow] = {}
        self.village: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t.QUEUE_LOADING, id="title", markup=False)
        yield Select([(t.ALL_VILLAGES, ALL)], value=ALL, allow_blank=False, compact=True,
                     id="village")
        yield Table(id="pairs", cursor_type="row")
        yield Static("", id="message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pairs", DataTable).add_columns(*t.QUEUE_COLUMNS)
        self.query_one("#pairs").focus()

    def on_screen_resume(self) -> None:
        self.load()  # first shown, and back from a pair merged or dismissed

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.load()

    @on(Select.Changed, "#village")
    def _village(self, event: Select.Changed) -> None:
        village = None if event.value in (ALL, Select.BLANK) else int(event.value)
        if village != self.village:
            self.village = village
            self.load()

    @work(exclusive=True, group="queue")
    async def load(self) -> None:
        try:
            rows = await in_thread(queue, self.village)
            villages = await in_thread(villages_in_queue)
        except DomainError as e:
            self.say(e.message)
            return
        self.show(rows, villages)

    def show(self, rows, villages) -> None:
        select = self.query_one("#village", Select)
        options = [(t.ALL_VILLAGES, ALL)] + [
            (t.VILLAGE_WITH_COUNT.format(name=name, count=count), village_id)
            for village_id, name, count in villages]
        if [o[1] for o in options] != [o[1] for o in getattr(self, "_options", [])]:
            self._options = options
            with select.prevent(Select.Changed):
                select.set_options(options)
                select.value = self.village if self.village is not None else ALL
        table = self.query_one("#pairs", DataTable)
        table.clear()
        self.rows = {}
        for r in rows:
            self.rows[str(r.id)] = r
            table.add_row(*cells(f"{r.score:.2f}", t.DECISION_LABELS.get(r.decision, r.decision),
                                 r.village, t.WHO_PERSON.format(name=r.a_name, id=r.a_id),
                                 t.WHO_PERSON.format(name=r.b_name, id=r.b_id),
                                 t.CLAUSE_SEPARATOR.join(r.reasons)), key=str(r.id))
        more = t.QUEUE_MORE if len(rows) >= PAGE else ""
        self.query_one("#title", Static).update(
            t.QUEUE_TITLE.format(count=len(rows), more=more) if rows else t.QUEUE_EMPTY)

    @on(DataTable.RowSelected, "#pairs")
    def _open(self, event: DataTable.RowSelected) -> None:
        row = self.rows.get(event.row_key.value)
        if row is not None:
            self.post_message(nav.OpenMergeReview(row.a_id, row.b_id))

    def say(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    def action_bulk(self) -> None:
        actor = self.session.actor
        if actor is None or not actor.at_least("supervisor"):
            self.say(t.BULK_NEEDS_SUPERVISOR)
            return
        self.dry_run()

    @work(exclusive=True, group="bulk")
    async def dry_run(self) -> None:
        s = self.session
        try:
            outcomes = await in_thread(merge_sure, s.clock, s.actor, True)
        except DomainError as e:
            self.say(e.message)
            return
        done = sum(1 for o in outcomes if o.result)
        if not done:
            self.say(t.BULK_NOTHING)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.bulk_merge()

        self.app.push_screen(ConfirmScreen(t.BULK_QUESTION.format(
            done=done, refused=len(outcomes) - done)), callback=answered)

    @work(exclusive=True, group="bulk")
    async def bulk_merge(self) -> None:
        s = self.session
        try:
            outcomes = await in_thread(merge_sure, s.clock, s.actor, False)
        except DomainError as e:
            self.say(e.message)
            return
        s.merged.extend(frozenset((o.result.survivor_id, o.result.other_id))
                        for o in outcomes if o.result)
        done = sum(1 for o in outcomes if o.result)
        self.say(t.BULK_DONE.format(done=done, refused=len(outcomes) - done))
        self.load()

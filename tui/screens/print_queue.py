"""The print queue on the counter (issue 13 point 5; 打印队列 in the palette, F4 on the
lookup screen): the slips not yet on paper, waiting, failed or interrupted (their process
gone mid-print), each with the printer's reason in Chinese. F5 prints the job under the
cursor again, F6 sends it to another printer (a name from the config or a URI), Enter
shows the slip as the job keeps it."""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from models.core.errors import DomainError
from models.texts import printing as p
from printing import counter_slips, print_queue
from printing.counter_slips import PrintOutcome
from printing.job_preview import job_preview
from printing.print_queue import JobView
from tui.calls import in_thread
from tui.session import Session
from tui.slip_modal import PrinterPrompt, SlipScreen
from tui.widgets import Table


class PrintQueueScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", p.KEY_BACK, id="queue.back"),
        Binding("f2", "reload", p.KEY_QUEUE_RELOAD, id="queue.reload"),
        Binding("f5", "retry", p.KEY_QUEUE_RETRY, id="queue.retry"),
        Binding("f6", "elsewhere", p.KEY_QUEUE_ELSEWHERE, id="queue.elsewhere"),
    ]
    DEFAULT_CSS = """
    PrintQueueScreen #queue_title { padding: 0 1; text-style: bold; height: auto; }
    PrintQueueScreen #jobs { height: 1fr; }
    PrintQueueScreen #message { padding: 0 1; height: auto; }
    PrintQueueScreen #keys { padding: 0 1; height: auto; color: $text-muted; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.counter = session.actor.counter if session.actor else None
        self.jobs: list[JobView] = []

    def compose(self) -> ComposeResult:
        yield Header()
        title = (p.QUEUE_TITLE.format(counter=self.counter) if self.counter
                 else p.QUEUE_TITLE_ALL)
        yield Static(title, id="queue_title", markup=False)
        yield Table(id="jobs", cursor_type="row")
        yield Static(p.QUEUE_LOADING, id="message", markup=False)
        yield Static(p.QUEUE_KEYS, id="keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#jobs", DataTable).add_columns(*p.QUEUE_COLUMNS)
        self.query_one("#jobs").focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()  # a job retried from its preview

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.load()

    def say(self, message: str) -> None:
        self.query_one("#message", Static).update(message)

    @work(exclusive=True, group="queue")
    async def load(self, said: str | None = None) -> None:
        try:
            jobs = await in_thread(print_queue.open_jobs, self.session.clock, self.counter)
        except DomainError as e:
            self.say(e.message)
            return
        self.show(jobs)
        self.say(said if said is not None else "" if jobs else p.QUEUE_EMPTY)

    def show(self, jobs: list[JobView]) -> None:
        table = self.query_one("#jobs", DataTable)
        keep = self.selected()
        table.clear()
        self.jobs = jobs
        for job in jobs:
            table.add_row(
                f"#{job.id}", p.JOB_KIND_LABELS.get(job.kind, job.kind)
                + (p.JOB_LINE_REPRINT.format(n=job.reprint) if job.reprint else ""),
                job.ref, p.JOB_STATUS_LABELS.get(job.status, job.status), job.attempts,
                counter_slips.printer_label(job.printer), job.message or "", key=str(job.id))
        ids = [job.id for job in jobs]
        if keep is not None and keep.id in ids:
            table.move_cursor(row=ids.index(keep.id))

    def selected(self) -> JobView | None:
        table = self.query_one("#jobs", DataTable)
        if not self.jobs or table.cursor_row is None:
            return None
        return self.jobs[min(table.cursor_row, len(self.jobs) - 1)]

    def action_retry(self) -> None:
        job = self.selected()
        if job is None:
            self.say(p.QUEUE_NONE_SELECTED)
            return
        self.send(job.id, None)

    def action_elsewhere(self) -> None:
        job = self.selected()
        if job is None:
            self.say(p.QUEUE_NONE_SELECTED)
            return

        def chosen(printer: str | None) -> None:
            if printer:
                self.send(job.id, printer)

        self.app.push_screen(PrinterPrompt(), callback=chosen)

    @work(exclusive=True, group="send")
    async def send(self, job_id: int, printer: str | None) -> None:
        s = self.session
        self.say(p.SLIP_SENDING)
        try:
            job = await in_thread(print_queue.print_job, s.clock, s.actor, job_id, printer)
        except DomainError as e:
            self.say(e.message)
            return
        self.load(said=f"#{job.id} " + counter_slips.outcome_message(job))

    @on(DataTable.RowSelected, "#jobs")
    def _preview(self) -> None:
        self.preview()

    @work(exclusive=True, group="preview")
    async def preview(self) -> None:
        job = self.selected()
        if job is None:
            return
        try:
            data = await in_thread(print_queue.job_data, job.id)
        except DomainError as e:
            self.say(e.message)
            return
        title = p.SLIP_TITLE_JOB.format(id=job.id, kind=p.JOB_KIND_LABELS.get(job.kind, job.kind),
                                        ref=job.ref)
        outcome = PrintOutcome(job_preview(data), job, counter_slips.outcome_message(job))
        self.app.push_screen(SlipScreen(self.session, title, outcome))

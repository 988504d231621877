"""The slip on screen (issue 13 point 6): its lines as they print, and beside them how the
printing went (printed, or failed and why), with the keys to try again, to send it to
another printer, or to print it again (补打). Opened by the pay screen once the payment
has committed, by the person screen for any receipt (F6) and by the print queue.

Modal, outside tui/screens/, so any screen may open it (tests/tui/test_screen_imports.py).
"""

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from models.core.errors import DomainError
from models.texts import printing as p
from printing import counter_slips, print_queue
from printing.counter_slips import PrintOutcome
from printing.print_queue import JobView
from tui.calls import in_thread
from tui.modals import RecordScreen


class PrinterPrompt(ModalScreen[str | None]):
    """Which printer: a name from the config's [printers.NAME] or a URI. Enter sends,
    Esc goes back."""

    BINDINGS = [Binding("escape", "cancel", p.KEY_CANCEL, id="printer_prompt.cancel")]
    DEFAULT_CSS = """
    PrinterPrompt { align: center middle; }
    PrinterPrompt > VerticalScroll { width: 80; height: auto; background: $panel;
                                     border: thick $primary; padding: 0 1; }
    PrinterPrompt Static { height: auto; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(p.PROMPT_PRINTER, markup=False)
            yield Input(placeholder=p.PROMPT_PRINTER_HINT, id="printer")

    def on_mount(self) -> None:
        self.query_one("#printer", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SlipScreen(RecordScreen):
    """The record (its fields, if any) with the slip beside it. `print_now`: print the
    receipt's slip on opening (after a payment), the screen showing it meanwhile;
    `printing`: the same for another slip (a void's, a refund's), a service call that
    answers a PrintOutcome."""

    BINDINGS = [
        Binding("f5", "retry", p.KEY_SLIP_RETRY, id="slip.retry"),
        Binding("f6", "elsewhere", p.KEY_SLIP_ELSEWHERE, id="slip.elsewhere"),
        Binding("f7", "reprint", p.KEY_SLIP_REPRINT, id="slip.reprint"),
    ]
    DEFAULT_CSS = """
    SlipScreen > Horizontal { width: 100%; height: 90%; background: $panel;
                              border: thick $primary; }
    SlipScreen #paper { width: auto; min-width: 36; border: round $secondary; padding: 0 1; }
    SlipScreen #slip { width: auto; height: auto; }
    SlipScreen #side { width: 1fr; padding: 0 1; }
    SlipScreen #slip_title { text-style: bold; height: auto; }
    SlipScreen #record { height: auto; margin-top: 1; }
    SlipScreen #outcome { height: auto; margin-top: 1; }
    SlipScreen #keys { height: auto; margin-top: 1; color: $text-muted; }
    """

    def __init__(self, session, title: str, outcome: PrintOutcome | None = None,
                 receipt_no: str | None = None, fields: list[tuple[str, str]] | None = None,
                 print_now: bool = False, printing: Callable[[], PrintOutcome] | None = None):
        super().__init__(title, fields or [])
        self.printing = printing
        self.session = session
        self.outcome = outcome or PrintOutcome("", None, p.SLIP_SENDING)
        self.receipt_no = receipt_no  # a payment slip: it can be printed again (补打)
        self.print_now = print_now

    @property
    def job(self) -> JobView | None:
        return self.outcome.job

    def compose(self) -> ComposeResult:
        with Horizontal():
            with VerticalScroll(id="paper"):
                yield Static(self.outcome.preview, id="slip", markup=False)
            with VerticalScroll(id="side"):
                yield Static(self.title_text, id="slip_title", markup=False)
                if self.fields:
                    yield Static(self.text(), id="record", markup=False)
                yield Static("", id="outcome", markup=False)
                yield Static("", id="keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.outcome)
        if self.print_now and self.receipt_no:
            self.reprint(None)
        elif self.printing is not None:
            self.print_other()

    def show(self, outcome: PrintOutcome) -> None:
        self.outcome = outcome
        self.query_one("#slip", Static).update(outcome.preview)
        self.query_one("#outcome", Static).update(outcome.message)
        job = outcome.job
        if job is not None and job.status != "done":
            keys = p.SLIP_KEYS_FAILED
        elif self.receipt_no:
            keys = p.SLIP_KEYS_REPRINT
        else:
            keys = p.SLIP_KEYS_DONE
        self.query_one("#keys", Static).update(keys)

    def say(self, message: str) -> None:
        self.query_one("#outcome", Static).update(message)

    def action_retry(self) -> None:
        job = self.job
        if job is None:
            if self.receipt_no:
                self.reprint(None)
            return
        if job.status == "done":
            self.say(p.SLIP_ALREADY_PRINTED)
            return
        self.send(job.id, None)

    def action_elsewhere(self) -> None:
        def chosen(printer: str | None) -> None:
            if not printer:
                return
            job = self.job
            if job is not None and job.status != "done":
                self.send(job.id, printer)
            elif self.receipt_no:
                self.reprint(printer)

        self.app.push_screen(PrinterPrompt(), callback=chosen)

    def action_reprint(self) -> None:
        if self.receipt_no:
            self.reprint(None)

    @work(exclusive=True, group="slip")
    async def send(self, job_id: int, printer: str | None) -> None:
        s = self.session
        self.say(p.SLIP_SENDING)
        try:
            job = await in_thread(print_queue.print_job, s.clock, s.actor, job_id, printer)
        except DomainError as e:
            self.say(e.message)
            return
        self.show(PrintOutcome(self.outcome.preview, job, counter_slips.outcome_message(job)))

    @work(exclusive=True, group="slip")
    async def print_other(self) -> None:
        try:
            outcome = await in_thread(self.printing)
        except DomainError as e:
            self.say(e.message)
            return
        self.show(outcome)

    @work(exclusive=True, group="slip")
    async def reprint(self, printer: str | None) -> None:
        s = self.session
        self.say(p.SLIP_SENDING)
        try:
            outcome = await in_thread(counter_slips.print_receipt, s.clock, s.actor,
                                      self.receipt_no, printer)
        except DomainError as e:
            self.say(e.message)
            return
        self.show(outcome)

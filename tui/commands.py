"""The command palette (Ctrl+P): the rare actions, found by typing their name.

Only the counter's own commands, in Chinese: Textual's built-in ones (Theme, Keys,
Screenshot, Maximize, Quit, in English) are not offered (tui/app.py leaves their provider
out) and 退出 takes Quit's place. Account administration is offered to an administrator
only; anyone else does not see it.
"""


from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Provider
from textual.widgets.option_list import Option

from models.core import audit
from models.core.errors import DomainError
from models.texts import counter as t
from models.texts import labels
from models.texts import merging as merging_text
from models.texts import pay_screen as pt
from models.texts import printing as print_text
from models.texts import reports as report_text
from models.texts import rosters as roster_text
from models.texts import settle as settle_text
from tui.calls import in_thread
from tui.navigation import (
    OpenClerkAdmin,
    OpenDuplicateReview,
    OpenExport,
    OpenPrintQueue,
    OpenProgress,
    OpenReversal,
    OpenRosterImport,
    OpenSettlement,
    RegisterHousehold,
)


class CounterCommands(Provider):
    def _commands(self):
        app = self.app
        commands = [
            (t.PALETTE_REGISTER, t.PALETTE_REGISTER_HELP, self._register),
            (t.PALETTE_AUDIT, t.PALETTE_AUDIT_HELP, self._verify_audit),
            (t.PALETTE_HELP, t.PALETTE_HELP_HELP, app.action_help),
            (t.PALETTE_CLERK, t.PALETTE_CLERK_HELP, self._whoami),
            (pt.PALETTE_REVERSE, pt.PALETTE_REVERSE_HELP, self._reverse),
            (settle_text.PALETTE_SETTLE, settle_text.PALETTE_SETTLE_HELP, self._settle),
            (print_text.PALETTE_QUEUE, print_text.PALETTE_QUEUE_HELP, self._print_queue),
            (merging_text.PALETTE_REVIEW, merging_text.PALETTE_REVIEW_HELP, self._duplicates),
            (report_text.PALETTE_PROGRESS, report_text.PALETTE_PROGRESS_HELP, self._progress),
            (report_text.PALETTE_EXPORT, report_text.PALETTE_EXPORT_HELP, self._export),
        ]
        actor = app.session.actor
        if actor is not None and actor.at_least("supervisor"):
            commands.append((roster_text.PALETTE_IMPORT, roster_text.PALETTE_IMPORT_HELP,
                             self._import_roster))
        if actor is not None and actor.at_least("admin"):
            commands.append((t.PALETTE_CLERKS, t.PALETTE_CLERKS_HELP, self._clerks))
        commands.append((t.PALETTE_QUIT, t.PALETTE_QUIT_HELP, self._quit))
        return commands

    async def discover(self):
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str):
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)

    def _register(self) -> None:
        self.app.post_message(RegisterHousehold())

    def _reverse(self) -> None:
        self.app.post_message(OpenReversal())

    def _settle(self) -> None:
        self.app.post_message(OpenSettlement())

    def _print_queue(self) -> None:
        self.app.post_message(OpenPrintQueue())

    def _duplicates(self) -> None:
        self.app.post_message(OpenDuplicateReview())

    def _progress(self) -> None:
        self.app.post_message(OpenProgress())

    def _export(self) -> None:
        self.app.post_message(OpenExport())

    def _import_roster(self) -> None:
        self.app.post_message(OpenRosterImport())

    def _clerks(self) -> None:
        self.app.post_message(OpenClerkAdmin())

    async def _quit(self) -> None:
        await self.app.run_action("quit")  # as Ctrl+Q does, whatever the app makes of it

    def _whoami(self) -> None:
        s = self.app.session
        actor = s.actor
        self.app.notify(t.PALETTE_CLERK_INFO.format(
            name=actor.display_name if actor else "", username=actor.username if actor else "",
            role=labels.ROLE_LABELS.get(actor.role, actor.role) if actor else "",
            counter=actor.counter if actor else "", policy=s.policy.id if s.policy else "—"))

    async def _verify_audit(self) -> None:
        try:
            report = await in_thread(audit.verify)
        except DomainError as e:  # the audit key missing or not this database's; db trouble
            self.app.notify(e.message, severity="error", timeout=10)
            return
        self.app.notify(report.message, severity="information" if report.ok else "error",
                        timeout=10)


class CounterPalette(CommandPalette):
    """Textual's palette, with its one English line ("No matches found") in Chinese.

    The method below is Textual 8's own (textual/command.py), with only the text changed;
    tests/tui check the line, so a Textual that renames it shows up there."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t.PALETTE_NO_MATCHES, style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False  # discovery with nothing to offer: say nothing

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

"""The command palette (Ctrl+P): the rare actions, found by typing their name."""

import asyncio

from textual.command import DiscoveryHit, Hit, Provider

from models.core import audit
from models.texts import counter as t
from models.texts import labels
from tui.navigation import RegisterHousehold


class CounterCommands(Provider):
    def _commands(self):
        app = self.app
        return [
            (t.PALETTE_REGISTER, t.PALETTE_REGISTER_HELP, self._register),
            (t.PALETTE_AUDIT, t.PALETTE_AUDIT_HELP, self._verify_audit),
            (t.PALETTE_HELP, t.PALETTE_HELP_HELP, app.action_help),
            (t.PALETTE_CLERK, t.PALETTE_CLERK_HELP, self._whoami),
        ]

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

    def _whoami(self) -> None:
        s = self.app.session
        actor = s.actor
        self.app.notify(t.PALETTE_CLERK_INFO.format(
            name=actor.display_name if actor else "", username=actor.username if actor else "",
            role=labels.ROLE_LABELS.get(actor.role, actor.role) if actor else "",
            counter=actor.counter if actor else "", policy=s.policy.id if s.policy else "—"))

    async def _verify_audit(self) -> None:
        report = await asyncio.to_thread(audit.verify)
        self.app.notify(report.message, severity="information" if report.ok else "error",
                        timeout=10)

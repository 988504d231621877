"""What every screen needs to know: the day, who acts (clerk and counter), the policy in force."""

from dataclasses import dataclass, field

from models.core.actor import Actor
from models.core.clock import Clock
from models.rules.policy import Policy


@dataclass
class Session:
    clock: Clock
    actor: Actor | None = None
    policy: Policy | None = None
    counter: str | None = None  # from config; the actor carries it once signed in
    # The two records of each merge made at this counter, in order: a screen loaded before
    # one of them may list the records as they were (see PayScreen.on_screen_resume).
    merged: list[frozenset[int]] = field(default_factory=list)

    @property
    def benefit_year(self) -> int | None:
        return self.policy.benefit_year if self.policy else None

"""What every screen needs to know: the day, the clerk, the policy in force."""

from dataclasses import dataclass

from models.clerks import ClerkInfo
from models.clock import Clock
from models.policy import Policy


@dataclass
class Session:
    clock: Clock
    clerk: ClerkInfo | None = None
    policy: Policy | None = None

    @property
    def benefit_year(self) -> int | None:
        return self.policy.benefit_year if self.policy else None

    @property
    def clerk_name(self) -> str:
        return self.clerk.username if self.clerk else ""

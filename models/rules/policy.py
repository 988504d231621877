"""Policy files: one county-year's rules as data (fixtures/policies/*.toml).

`load_policy` reads and validates a file strictly (models/rules/policy_reader.py): an
unknown key, a wrong type, dates out of order, a percent over 100, a case without a
benefit rule or a rule without its words is a `PolicyError` naming the file, the key,
its line and the reason. The format is documented in fixtures/policies/README.md; the
values are models/rules/policy_model.py's.
"""

import datetime as dt
import re
from pathlib import Path

from models.paths import POLICIES
from models.rules.limits import POLICY_ID_LENGTH
from models.rules.policy_model import (
    CASES,
    IDENTITIES,
    RATES,
    SUBSIDY_KINDS,
    WAIT_FROM,
    WHEN,
    CaseRule,
    Policy,
    PolicyError,
    RefundRule,
    SubsidyRule,
    WaitingRule,
    Window,
)
from models.rules.policy_reader import read_policy
from models.texts import files
from models.texts import messages as msg

__all__ = ["CASES", "IDENTITIES", "RATES", "SUBSIDY_KINDS", "WAIT_FROM", "WHEN", "CaseRule",
           "Policy", "PolicyError", "RefundRule", "SubsidyRule", "WaitingRule", "Window",
           "list_policies", "load_policy", "load_policy_id", "policies_for_region",
           "policy_in_force", "policy_path"]


# --- finding files -----------------------------------------------------------


def policy_path(policy_id: str) -> Path:
    path = POLICIES / f"{policy_id}.toml"
    if (not re.match(r"^[a-z0-9-]+$", policy_id or "") or len(policy_id) > POLICY_ID_LENGTH
            or not path.exists()):
        known = files.LIST_SEPARATOR.join(p.stem for p in sorted(POLICIES.glob("*.toml")))
        raise PolicyError(msg.POLICY_UNKNOWN.format(id=policy_id, known=known))
    return path


def load_policy_id(policy_id: str) -> Policy:
    return load_policy(policy_path(policy_id))


def list_policies() -> list[Policy]:
    return [load_policy(p) for p in sorted(POLICIES.glob("*.toml"))]


def policies_for_region(region_code: str, region_name: str) -> list[Policy]:
    """The region's policy files, oldest benefit year first."""
    return sorted((p for p in list_policies()
                   if p.region_code == region_code and p.region_name == region_name),
                  key=lambda p: p.benefit_year)


def policy_in_force(region_code: str, region_name: str, on: dt.date) -> Policy | None:
    """The policy a counter works under on `on`: the collection under way (its window
    holds the day), else the benefit year the day falls in; None if the region has no
    policy file for either."""
    policies = policies_for_region(region_code, region_name)
    collecting = [p for p in policies if p.window.start <= on <= p.window.end]
    if collecting:
        return collecting[-1]
    return next((p for p in reversed(policies) if p.benefit_start <= on <= p.benefit_end), None)


def load_policy(path: Path) -> Policy:
    return read_policy(Path(path))

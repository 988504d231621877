"""After a change of head: each member's relation to the new head, proposed from their
relation to the old one. Pure: no database.

A proposal, never a certainty: the counter shows one row per member with the proposal
chosen, and the clerk corrects it from the household register. Where the old relations
do not tell (the old head's sibling is the new head's aunt or uncle, which has no
code of its own), the proposal is "other".
"""

import datetime as dt

from models.rules import idcard

ADULT_AGE = 18

# PROPOSALS[how the new head was related to the old][how a member was] → how they are now.
# "self" in the inner tables is the old head.
PROPOSALS: dict[str, dict[str, str]] = {
    "spouse": {  # the old head's wife or husband takes over
        "self": "spouse", "child": "child", "grandchild": "grandchild",
    },
    "child": {  # a son or daughter takes over
        "self": "parent", "spouse": "parent", "child": "sibling", "grandchild": "child",
        "parent": "grandparent",
    },
    "parent": {  # the old head's father or mother takes over
        "self": "child", "parent": "spouse", "child": "grandchild", "grandparent": "parent",
        "sibling": "child",
    },
    "sibling": {
        "self": "sibling", "sibling": "sibling", "parent": "parent",
        "grandparent": "grandparent",
    },
    "grandchild": {
        "self": "grandparent", "spouse": "grandparent", "grandchild": "sibling",
    },
    "grandparent": {
        "self": "grandchild", "grandparent": "spouse", "parent": "child", "sibling": "grandchild",
    },
}


def propose_relation(new_head_was: str, member_was: str) -> str:
    """How a member is related to the new head, from how both were related to the old."""
    return PROPOSALS.get(new_head_was, {}).get(member_was, "other")


def propose_relations(new_head_was: str, members: dict[int, str]) -> dict[int, str]:
    """`members`: each other member's id and relation to the old head ("self" for the old
    head himself). Returns their proposed relation to the new head."""
    return {member_id: propose_relation(new_head_was, was) for member_id, was in members.items()}


def is_minor(birth_date: dt.date, today: dt.date) -> bool:
    return idcard.age_on(birth_date, today) < ADULT_AGE

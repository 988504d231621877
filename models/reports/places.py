"""Townships and villages as a report names them: `--village 青石村` or `青石镇/青石村`."""

from dataclasses import dataclass

from models.core.errors import DomainError
from models.core.schema import Township, Village
from models.rules.clean_text import clean
from models.texts import reports as t

SEPARATORS = ("/", "\uff0f", "\\")  # and the full-width slash


@dataclass(frozen=True)
class Place:
    village_id: int
    township: str
    village: str


def all_villages() -> list[Place]:
    """Every village, by township code then village code (the region file's order)."""
    query = (Village.select(Village.id, Township.name, Village.name).join(Township)
             .order_by(Township.code, Township.id, Village.code, Village.id).tuples())
    return [Place(*row) for row in query]


def find_village(text: str) -> Place:
    wanted = clean(text).strip()
    township = None
    for separator in SEPARATORS:
        if separator in wanted:
            township, wanted = (part.strip() for part in wanted.split(separator, 1))
            break
    found = [p for p in all_villages()
             if p.village == wanted and (township is None or p.township == township)]
    if not found:
        raise DomainError(t.UNKNOWN_VILLAGE.format(village=clean(text).strip()))
    if len(found) > 1:
        choices = t.LIST_SEPARATOR.join(f"{p.township}/{p.village}" for p in found)
        raise DomainError(t.AMBIGUOUS_VILLAGE.format(village=wanted, choices=choices))
    return found[0]

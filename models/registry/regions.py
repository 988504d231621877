"""Loading a region (townships, villages, targets) into the database."""

from dataclasses import dataclass

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.errors import DomainError
from models.core.schema import Region, Target, Township, Village
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.rules.region_file import RegionSpec
from models.texts import messages as msg


@dataclass(frozen=True)
class LoadResult:
    region: str
    townships: int
    villages: int
    targets: int
    already_loaded: bool = False


@retry_on_conflict
def load_region(clock: Clock, actor: Actor, spec: RegionSpec) -> LoadResult:
    """Only an administrator (or the command line's system actor) sets up a region."""
    actor.require("admin")
    with unit_of_work(clock, actor) as uow:
        existing = Region.select().first()
        if existing:
            if existing.code == spec.code and existing.name == spec.name:
                return LoadResult(spec.name, Township.select().count(), Village.select().count(),
                                  Target.select().count(), already_loaded=True)
            raise DomainError(msg.REGION_ALREADY_LOADED.format(name=existing.name, other=spec.name))
        Region.create(code=spec.code, name=spec.name, province=spec.province, city=spec.city,
                      id_region_codes=",".join(spec.id_region_codes), source=spec.source)
        villages = targets = 0
        for ti, t in enumerate(spec.townships, 1):
            township = Township.create(name=t.name, code=f"{ti:03d}", note=t.note)
            if spec.unit == "township":
                Target.create(township=township, year=spec.year, population=t.population,
                              deduction=t.deduction, target=t.target, note=t.note,
                              source=spec.target_source)
                targets += 1
            for vi, v in enumerate(t.villages, 1):
                village = Village.create(township=township, name=v.name, code=f"{vi:03d}")
                villages += 1
                if spec.unit == "village":
                    Target.create(township=township, village=village, year=spec.year,
                                  population=v.population, deduction=v.deduction,
                                  target=v.target, note=v.note, source=spec.target_source)
                    targets += 1
        uow.audit("region.load", "region", spec.code,
                  after={"name": spec.name, "townships": len(spec.townships),
                         "villages": villages, "targets": targets})
    return LoadResult(spec.name, len(spec.townships), villages, targets)


def region_loaded() -> bool:
    return Region.select().exists()


@dataclass(frozen=True)
class RegionInfo:
    code: str
    name: str
    province: str = ""
    id_region_codes: tuple[str, ...] = ()  # the first six digits its residents' IDs use

    @property
    def full_name(self) -> str:
        """As an ID check names a county: province and county, 湖南省演示县."""
        return self.province + self.name


def current_region() -> RegionInfo | None:
    """The region this database serves (one per database), or None before `yibao init`."""
    row = Region.select(Region.code, Region.name, Region.province,
                        Region.id_region_codes).first()
    if row is None:
        return None
    codes = tuple(c.strip() for c in row.id_region_codes.split(",") if c.strip())
    return RegionInfo(row.code, row.name, row.province, codes or (row.code,))

"""Region files (fixtures/regions/*.toml): townships, villages and their targets.

Pure: reads and checks a file, returns a RegionSpec; loading it into the database is
models.registry.regions.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from models.core.errors import DomainError
from models.paths import REGIONS
from models.rules import text_file
from models.rules.toml_errors import load_fit_toml
from models.texts import files
from models.texts import messages as msg


@dataclass(frozen=True)
class UnitSpec:
    name: str
    population: int | None = None
    target: int | None = None
    deduction: int | None = None
    note: str = ""


@dataclass(frozen=True)
class TownshipSpec(UnitSpec):
    villages: tuple[UnitSpec, ...] = ()


@dataclass(frozen=True)
class RegionSpec:
    code: str
    name: str
    province: str
    city: str
    id_region_codes: tuple[str, ...]
    source: str
    year: int
    unit: str  # "township" or "village": where the target table's rows are
    target_source: str
    townships: tuple[TownshipSpec, ...] = field(default_factory=tuple)

    def units(self) -> list[tuple[str, str | None, UnitSpec]]:
        """(township, village or None, unit) for every row of the target table."""
        if self.unit == "township":
            return [(t.name, None, t) for t in self.townships]
        return [(t.name, v.name, v) for t in self.townships for v in t.villages]


def resolve_region_path(name_or_path: str) -> Path:
    """A path, or the name of a file under fixtures/regions ("demo", "yanling-2021")."""
    path = Path(name_or_path)
    if text_file.exists(path):
        return path
    candidate = REGIONS / f"{name_or_path}.toml"
    if text_file.exists(candidate):
        return candidate
    raise DomainError(msg.REGION_FILE_MISSING.format(path=name_or_path))


def read_region_file(path: Path) -> RegionSpec:
    def bad(reason: str) -> DomainError:
        return DomainError(msg.REGION_FILE_BAD.format(path=path, reason=reason))

    try:
        data = load_fit_toml(text_file.read_bytes(path).decode("utf-8"))
    except FileNotFoundError:
        raise DomainError(msg.REGION_FILE_MISSING.format(path=path)) from None
    except text_file.FileRefused as e:
        raise bad(e.message) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise bad(files.REGION_NOT_TOML.format(error=e)) from None

    def section(data: dict, key: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            raise bad(files.REGION_MISSING_TABLE.format(key=key))
        return value

    def text(table: dict, key: str, where: str, required: bool = True) -> str:
        value = table.get(key, "" if not required else None)
        if not isinstance(value, str) or (required and not value.strip()):
            raise bad(files.REGION_NEEDS_TEXT.format(key=f"{where}.{key}"))
        return value.strip()

    def count(table: dict, key: str, where: str, required: bool) -> int | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise bad(files.REGION_NEEDS_COUNT.format(key=f"{where}.{key}"))
        return value

    region, targets = section(data, "region"), section(data, "targets")
    code = text(region, "code", "region")
    if not _six_ascii_digits(code):
        raise bad(files.REGION_BAD_CODE)
    codes = region.get("id_region_codes", [code])
    if not isinstance(codes, list) or not codes or not all(
            isinstance(c, str) and _six_ascii_digits(c) for c in codes):
        raise bad(files.REGION_BAD_ID_CODES)
    unit = text(targets, "unit", "targets")
    if unit not in ("township", "village"):
        raise bad(files.REGION_BAD_UNIT)
    year = count(targets, "year", "targets", required=True)

    towns_raw = data.get("townships")
    if not isinstance(towns_raw, list) or not towns_raw:
        raise bad(files.REGION_NEEDS_TOWNSHIP)
    townships, seen = [], set()
    for i, t in enumerate(towns_raw, 1):
        where = f"townships[{i}]"
        name = text(t, "name", where)
        if name in seen:
            raise bad(files.REGION_TOWNSHIP_TWICE.format(name=name))
        seen.add(name)
        villages, vseen = [], set()
        for j, v in enumerate(t.get("villages", []), 1):
            vwhere = f"{where}.villages[{j}]"
            vname = text(v, "name", vwhere)
            if vname in vseen:
                raise bad(files.REGION_VILLAGE_TWICE.format(township=name, village=vname))
            vseen.add(vname)
            need = unit == "village"
            villages.append(UnitSpec(vname, count(v, "population", vwhere, need),
                                     count(v, "target", vwhere, need),
                                     count(v, "deduction", vwhere, False),
                                     text(v, "note", vwhere, required=False)))
        if unit == "village" and not villages:
            raise bad(files.REGION_NO_VILLAGES.format(where=where, name=name))
        need = unit == "township"
        townships.append(TownshipSpec(name, count(t, "population", where, need),
                                      count(t, "target", where, need),
                                      count(t, "deduction", where, False),
                                      text(t, "note", where, required=False), tuple(villages)))

    spec = RegionSpec(code, text(region, "name", "region"),
                      text(region, "province", "region", required=False),
                      text(region, "city", "region", required=False), tuple(codes),
                      text(region, "source", "region", required=False), year, unit,
                      text(targets, "source", "targets", required=False), tuple(townships))
    for key, attr in (("total_population", "population"), ("total_target", "target"),
                      ("total_deduction", "deduction")):
        stated = count(targets, key, "targets", required=False)
        if stated is not None:
            summed = sum(getattr(u, attr) or 0 for _, _, u in spec.units())
            if summed != stated:
                raise bad(files.REGION_TOTAL_MISMATCH.format(key=key, stated=stated, summed=summed))
    return spec


def _six_ascii_digits(code: str) -> bool:
    """str.isdigit() also takes ４３０２２５ and Arabic-Indic digits, which would then go
    into generated ID and household numbers."""
    return len(code) == 6 and code.isascii() and code.isdigit()

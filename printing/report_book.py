"""Reports to .xlsx, openpyxl in write-only mode (a million rows stream through).

    rows = write_report(report, Path("征缴进度.xlsx"), progress=None)

Each sheet: a title row, the header row (frozen with the title above it), the rows, then
the total row when the report has one. Columns are as wide as their header or their
widest expected value in display cells (a Chinese character takes two). Codes (IDs,
household and receipt numbers) are written as text, never as numbers; money arrives in
fen and is written as yuan (an exact decimal, shown 0.00) so Excel can add it up; any
text starting with = + - @ is stored as a string with Excel's quote prefix, so a name
or reason typed as a formula is never run. The file is written beside the target and
moved over it at the end: a failure leaves any older file as it was.
"""

import contextlib
import decimal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from models.core.errors import DomainError
from models.reports.sheets import FEN, RATE, Report, Sheet, display_width
from models.texts import reports as t

FORMULA_STARTS = ("=", "+", "-", "@")
PROGRESS_EVERY = 2000
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_CENTRE = Alignment(horizontal="center", vertical="center")
_CENT = decimal.Decimal("0.01")

Progress = Callable[[int], None]


def check_out_path(out: Path) -> Path:
    """The file a report may be written to: .xlsx, in a folder that exists."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise DomainError(t.OUT_NOT_XLSX.format(path=out))
    if out.is_dir():
        raise DomainError(t.OUT_IS_FOLDER.format(path=out))
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise DomainError(t.OUT_NOT_WRITTEN.format(path=out, reason=_missing(folder)))
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise DomainError(t.OUT_NOT_WRITTEN.format(path=out, reason=os.strerror(13)))
    return out


def write_report(report: Report, out: Path, progress: Progress | None = None) -> int:
    """Write the report; returns the data rows written (total rows not counted)."""
    out = check_out_path(out)
    fd, temp = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=out.parent)
    os.close(fd)
    try:
        workbook = openpyxl.Workbook(write_only=True)
        done = [0]
        try:
            for sheet in report.sheets:
                _write_sheet(workbook, sheet, done, progress)
        except BaseException:
            _discard(workbook)
            raise
        workbook.save(temp)
        os.replace(temp, out)
    except OSError as e:
        raise DomainError(t.OUT_NOT_WRITTEN.format(
            path=out, reason=e.strerror or str(e))) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return report.rows


def _write_sheet(workbook, sheet: Sheet, done: list[int], progress: Progress | None) -> None:
    ws = workbook.create_sheet(_sheet_name(sheet.name))
    for i, column in enumerate(sheet.columns, 1):
        wanted = max(display_width(column.header), column.width)
        ws.column_dimensions[get_column_letter(i)].width = wanted + 2
    ws.freeze_panes = "A3"
    title = WriteOnlyCell(ws, sheet.title)
    title.font = _TITLE
    ws.append([title])
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(ws, column.header)
        cell.font, cell.alignment = _BOLD, _CENTRE
        header.append(cell)
    ws.append(header)
    kinds = [c.kind for c in sheet.columns]
    special = [(i, k) for i, k in enumerate(kinds) if k in (FEN, RATE)]
    count = 0
    for row in sheet.rows:
        values = [_cell(ws, v) if isinstance(v, str) else v for v in row]
        for i, kind in special:
            if values[i] is not None:
                values[i] = _number(ws, values[i], kind)
        ws.append(values)
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(done[0] + count)
    sheet.count = count
    done[0] += count
    total = sheet.total if sheet.total is not None else (
        sheet.totals_of() if sheet.totals_of else None)
    if total is not None:
        cells = []
        for value, kind in zip(total, kinds, strict=True):
            if value is not None and kind in (FEN, RATE):
                cell = _number(ws, value, kind)
            else:
                cell = WriteOnlyCell(ws, value)
                if isinstance(value, str) and value[:1] in FORMULA_STARTS:
                    cell.data_type, cell.quotePrefix = "s", True
            cell.font = _BOLD
            cells.append(cell)
        ws.append(cells)
    if progress:
        progress(done[0])


def _cell(ws, value: str):
    if not value:
        return value
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value[:1] in FORMULA_STARTS:
        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"  # openpyxl took it for a formula
        cell.quotePrefix = True
        return cell
    return value


def _number(ws, value, kind: str) -> WriteOnlyCell:
    if kind == FEN:
        cell = WriteOnlyCell(ws, (decimal.Decimal(value) / 100).quantize(_CENT))
        cell.number_format = "0.00"
    else:
        cell = WriteOnlyCell(ws, round(float(value), 4))
        cell.number_format = "0.00%"
    return cell


def _discard(workbook) -> None:
    """Close the sheets' streams and remove their temporary files: a report that failed
    half-way leaves nothing behind."""
    for ws in workbook.worksheets:
        with contextlib.suppress(Exception):
            ws.close()
        with contextlib.suppress(Exception):
            ws._writer.cleanup()


def _sheet_name(name: str) -> str:
    for c in "[]:*?/\\":
        name = name.replace(c, "_")
    return name[:31]


def _missing(folder: Path) -> str:
    return f"{folder}: {os.strerror(2)}"


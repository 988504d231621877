"""Roster workbooks: reading a base roster (.xlsx, openpyxl read-only) and writing the
error workbook of its refused rows beside it (write-only).

    book = open_roster(path)        # DomainError in Chinese for a file it cannot read
    for line in book.lines(): ...   # RosterLine(line, values by field, cells)
    book.close()

The header is found by its Chinese names, in any order, on whichever sheet and in
whichever of the first HEADER_ROWS rows it sits (a title row or two above it is usual;
a roster saved by another tool may carry it on row 3). A file that is not .xlsx, an old
.xls renamed, one with an opening password (an OLE container holding EncryptionInfo),
or one openpyxl cannot read is refused as a whole, in words.
"""

import errno
import hashlib
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from models.core.errors import DomainError
from models.rosters.base_import import Refusal, RosterLine, RosterSource
from models.rosters.base_rows import HEADER_FIELDS, REQUIRED_FIELDS, header_fields
from models.rosters.subsidy_rows import SUBSIDY_REQUIRED, subsidy_fields
from models.texts import rosters as t

HEADER_ROWS = 30
_INLINE, _T, _R = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("is", "t", "r"))
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


@dataclass
class RosterBook:
    path: Path
    source: RosterSource
    columns: dict[str, int]  # field -> column index
    header: tuple  # the header row's cells as written
    total: int | None  # data rows below the header, as the sheet's dimensions say
    _workbook: object
    _sheet: object
    kind: str = "base"  # base (参保底表) / subsidy (资助对象花名册)

    def lines(self) -> Iterator[RosterLine]:
        width = len(self.header)
        first = self.source.header_line + 1
        rows = _rows(self._workbook, self._sheet, first, width)
        while True:
            try:
                number, cells = next(rows)
            except StopIteration:
                return
            except Exception as e:  # a sheet broken part way (openpyxl reads as it goes)
                raise DomainError(t.FILE_UNREADABLE.format(path=self.path,
                                                           reason=_reason(e))) from None
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            yield RosterLine(number, {f: cells[i] for f, i in self.columns.items()}, cells)

    def close(self) -> None:
        self._workbook.close()


def open_roster(path: Path, kind: str | None = None) -> RosterBook:
    """`kind`: "base" or "subsidy" to look for that header only; None takes whichever
    the file has (a subsidy roster: 身份证号, 姓名 and 类别, and no 户号)."""
    path = Path(path)
    if path.is_dir():
        raise DomainError(t.FILE_IS_A_FOLDER.format(path=path))
    if not path.exists():
        raise DomainError(t.FILE_NOT_FOUND.format(path=path))
    head = _head(path)
    if head.startswith(_OLE):
        encrypted = _ENCRYPTION_INFO in path.read_bytes()
        raise DomainError((t.FILE_ENCRYPTED if encrypted else t.FILE_OLD_XLS).format(path=path))
    if path.suffix.lower() != ".xlsx":
        raise DomainError(t.FILE_NOT_XLSX.format(path=path))
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError,
            TypeError, AttributeError, IndexError) as e:  # what a damaged file raises
        raise DomainError(t.FILE_UNREADABLE.format(path=path, reason=_reason(e))) from None
    try:
        return _find_header(path, workbook, kind)
    except BaseException:
        workbook.close()
        raise


def errors_path(path: Path) -> Path:
    """Where the refused rows of `path` go: beside it, 底表_错误行.xlsx."""
    path = Path(path)
    return path.with_name(f"{path.stem}{t.ERRORS_SUFFIX}.xlsx")


def write_errors(book: RosterBook, refused: tuple[Refusal, ...]) -> Path:
    """The refused rows as they stood, each with its row number and reason; IDs and
    household numbers stay text. Returns the workbook's path; a DomainError if it cannot
    be written (a folder without write access, the old one open in Excel)."""
    out = errors_path(book.path)
    try:
        if out.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        _write_errors(book, refused, out)
    except (OSError, ValueError) as e:  # openpyxl's zip may fail closing after an OSError
        raise DomainError(t.ERRORS_NOT_WRITTEN.format(path=out, reason=_reason(e))) from None
    return out


def _write_errors(book: RosterBook, refused: tuple[Refusal, ...], out: Path) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(t.ERRORS_SHEET)
    sheet.freeze_panes = "A3"
    sheet.append([t.ERRORS_TITLE.format(source=book.path.name, count=len(refused))])
    sheet.append([t.ERRORS_LINE, t.ERRORS_REASON, *(_shown(c) for c in book.header)])
    for refusal in refused:
        sheet.append([refusal.line, refusal.reason,
                      *(_cell(sheet, c) for c in refusal.cells)])
    workbook.save(out)


# --- internals ---------------------------------------------------------------------


def _find_header(path: Path, workbook, kind: str | None) -> RosterBook:
    best: tuple[int, str, int, set[str]] | None = None  # (found, sheet, line, missing)
    for sheet in workbook.worksheets:
        for line, cells in enumerate(sheet.iter_rows(max_row=HEADER_ROWS, values_only=True), 1):
            columns = header_fields(cells)
            missing = set(REQUIRED_FIELDS) - set(columns)
            found = "base" if not missing and kind != "subsidy" else None
            if found is None and kind != "base" and "hukou_no" not in columns:
                subsidy = subsidy_fields(cells)
                if not set(SUBSIDY_REQUIRED) - set(subsidy):
                    found, columns = "subsidy", subsidy
            if found:
                rows = sheet.max_row
                source = RosterSource(path.name, _digest(path), sheet.title, line)
                header = tuple(cells[:max(columns.values()) + 1])
                return RosterBook(path, source, columns, header,
                                  rows - line if rows else None, workbook, sheet, found)
            if columns and (best is None or len(columns) > best[0]):
                best = (len(columns), sheet.title, line, missing)
    if kind == "subsidy":
        raise DomainError(t.FILE_NO_ROSTER_HEADER.format(path=path, rows=HEADER_ROWS))
    if best is None:
        wanted = t.HEADER_LIST_SEPARATOR.join(t.BASE_HEADERS[f] for f in REQUIRED_FIELDS)
        raise DomainError(t.FILE_NO_HEADER_AT_ALL.format(path=path, wanted=wanted))
    missing = t.HEADER_LIST_SEPARATOR.join(t.BASE_HEADERS[f] for f in HEADER_FIELDS
                                           if f in best[3])
    raise DomainError(t.FILE_NO_HEADER.format(path=path, rows=HEADER_ROWS, sheet=best[1],
                                              line=best[2], missing=missing))


class _RosterSheetParser(WorkSheetParser):
    """openpyxl's own sheet parser, but an inline string (what openpyxl and many
    exporting programs write) is read as its text directly: openpyxl builds a rich-text
    object for each such cell first, which was a third of reading a roster."""

    def parse_cell(self, element):
        if element.get("t") != "inlineStr":
            return super().parse_cell(element)
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        child = element.find(_INLINE)
        value = None if child is None else _inline_text(child)
        return {"row": row, "column": column, "value": value, "data_type": "s",
                "style_id": 0}


def _inline_text(element) -> str:
    """As openpyxl's Text.content: the plain text, then each run's (no phonetic runs)."""
    plain = [c.text or "" for c in element if c.tag == _T]
    runs = [t.text or "" for r in element if r.tag == _R for t in r if t.tag == _T]
    return "".join(plain + runs)


def _rows(workbook, sheet, first: int, width: int) -> Iterator[tuple[int, tuple]]:
    """(row number, the first `width` values) of each row from `first` on, as openpyxl's
    read-only iter_rows gives them (missing cells None), without its Cell objects."""
    with workbook._archive.open(sheet._worksheet_path) as source:
        parser = _RosterSheetParser(source, sheet._shared_strings, data_only=True,
                                    epoch=workbook.epoch,
                                    date_formats=workbook._date_formats,
                                    timedelta_formats=workbook._timedelta_formats)
        for number, cells in parser.parse():
            if number < first:
                continue
            values = [None] * width
            for cell in cells:
                column = cell["column"]
                if column <= width:
                    values[column - 1] = cell["value"]
            yield number, tuple(values)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(8)
    except OSError as e:
        raise DomainError(t.FILE_UNREADABLE.format(path=path, reason=_reason(e))) from None


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _reason(e: BaseException) -> str:
    return getattr(e, "strerror", None) or str(e) or type(e).__name__


def _shown(value) -> str:
    return "" if value is None else str(value)


def _cell(sheet, value):
    """A refused cell as written back: text stays text (an ID or a household number is
    never turned into a number), and text starting with = + - @ is stored as text, so
    Excel never runs it as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value

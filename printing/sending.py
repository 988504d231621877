"""Sending a built slip to a printer through python-escpos's own printer classes: open,
ask the status where the printer can answer (DLE EOT), write the whole slip at once, ask
again (a printer that dropped the connection mid-job does not answer), close. Every
failure is a PrinterError with a Chinese message and a short reason code.

DLE EOT n answers one byte whose bits 1 and 4 are always set and bits 0 and 7 clear:
n=1 printer (bit 3 offline), n=2 offline cause (bit 2 cover open, bit 5 stopped at
paper end, bit 6 error), n=4 roll paper sensor (bits 5 and 6 paper end).
"""

from escpos import printer as escpos_printers
from escpos.exceptions import Error as EscposError

from models.texts import printing as p
from printing.printers import PrinterError, PrinterSpec

DLE_EOT = b"\x10\x04"
_CLASSES = {"usb": "Usb", "serial": "Serial", "tcp": "Network", "file": "File",
            "cups": "CupsPrinter"}
_PACKAGES = {"usb": "pyusb", "serial": "pyserial", "cups": "pycups"}
_FIXED_MASK, _FIXED_BITS = 0x93, 0x12


def _driver_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OSError, ValueError, RuntimeError, AssertionError,
                                          EscposError]
    try:
        import cups  # type: ignore[import-not-found]
        errors.append(cups.IPPError)
    except ImportError:
        pass
    return tuple(errors)


DRIVER_ERRORS = _driver_errors()


def open_printer(spec: PrinterSpec):
    """The python-escpos printer for `spec`, opened."""
    cls = getattr(escpos_printers, _CLASSES[spec.kind])
    if not cls.is_usable():
        raise PrinterError(p.PRINTER_NEEDS_PACKAGE.format(kind=spec.kind,
                                                          package=_PACKAGES[spec.kind]))
    device = cls(**spec.target)
    try:
        device.open()
    except DRIVER_ERRORS as e:
        raise PrinterError(p.PRINTER_NOT_FOUND.format(uri=spec.uri, reason=_short(e)),
                           "not_found") from None
    return device


def send(spec: PrinterSpec, data: bytes) -> None:
    """Put `data` (a whole slip) on the printer, or raise PrinterError."""
    device = open_printer(spec)
    try:
        if spec.status:
            check_status(device, spec)
        try:
            device._raw(data)
        except DRIVER_ERRORS as e:
            raise PrinterError(p.PRINTER_DROPPED.format(uri=spec.uri, reason=_short(e)),
                               "dropped") from None
        if spec.status:
            try:
                _ask(device, 1)
            except PrinterError:
                raise PrinterError(p.PRINTER_DROPPED.format(
                    uri=spec.uri, reason=p.PRINTER_NO_ANSWER.format(uri=spec.uri)),
                    "dropped") from None
    finally:
        _close(device, spec)


def check_status(device, spec: PrinterSpec) -> None:
    """Refuse a printer that is offline, open, out of paper or in error."""
    try:
        printer = _ask(device, 1)
        cause = _ask(device, 2) if printer & 0x08 else 0
        paper = _ask(device, 4)
    except PrinterError:
        raise PrinterError(p.PRINTER_NO_ANSWER.format(uri=spec.uri), "no_answer") from None
    if paper & 0x60 or cause & 0x20:
        raise PrinterError(p.PRINTER_PAPER_OUT.format(uri=spec.uri), "paper_out")
    if cause & 0x04:
        raise PrinterError(p.PRINTER_COVER_OPEN.format(uri=spec.uri), "cover_open")
    if cause & 0x40:
        raise PrinterError(p.PRINTER_ERROR.format(uri=spec.uri), "error")
    if printer & 0x08:
        raise PrinterError(p.PRINTER_OFFLINE.format(uri=spec.uri), "offline")


def _ask(device, n: int) -> int:
    try:
        device._raw(DLE_EOT + bytes([n]))
        answer = device._read()
    except DRIVER_ERRORS:  # a timeout is an OSError, File's _read a NotImplementedError
        raise PrinterError("", "no_answer") from None
    if not answer or (answer[-1] & _FIXED_MASK) != _FIXED_BITS:
        raise PrinterError("", "no_answer")
    return answer[-1]


def _close(device, spec: PrinterSpec) -> None:
    """Close; a CUPS printer sends its job only here, so its failure is the job's."""
    try:
        device.close()
    except DRIVER_ERRORS as e:
        raise PrinterError(p.PRINTER_WRITE_FAILED.format(uri=spec.uri, reason=_short(e)),
                           "write_failed") from None


def _short(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return " ".join(lines) or type(error).__name__

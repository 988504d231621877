"""Printers by URI, each with its profile (paper width, cut, cash drawer, status).

    usb://0416:5011?timeout=5&in_ep=0x81&out_ep=0x03   (vendor:product in hex)
    serial:/dev/ttyUSB0?baud=9600                       (&bytesize=8&parity=N&stopbits=1)
    tcp://192.0.2.10:9100                               (port 9100 if left out)
    file:/dev/usb/lp0, or a plain path (/dev/usb/lp0, ./slip.bin)
    cups://QUEUE                                        (needs the `cups` extra: pycups)

Every kind takes the profile's options: width=58|80 (mm), cut=yes|no, drawer=2|5|no,
status=yes|no (ask DLE EOT before and after a job; on by default for usb, serial and
tcp, which can answer) and timeout=SECONDS. A counter names its printers in the config
file, `[printers.NAME]` with `uri = "..."` (and any option as a key), so
`--printer NAME` works as well as `--printer URI`; `[printer]` alone is the default one.
"""

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from models.core.actor import read_config
from models.core.errors import DomainError
from models.texts import printing as p
from printing.cells import WIDTHS, Paper
from printing.escpos_bytes import DRAWER_PINS, Finish

KINDS = ("usb", "serial", "tcp", "file", "cups")
COMMON = ("width", "cut", "drawer", "status", "timeout")
OWN = {"usb": ("in_ep", "out_ep"), "serial": ("baud", "bytesize", "parity", "stopbits"),
       "tcp": (), "file": (), "cups": ()}
ANSWERS = {"usb": True, "serial": True, "tcp": True, "file": False, "cups": False}
DEFAULT_WIDTH = 58
DEFAULT_TIMEOUT = 5.0
TCP_PORT = 9100
DEFAULT_NAME = "default"  # a job's printer: the config's `[printer]` table
_YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


class PrinterError(DomainError):
    """The printer could not take the job. `reason` is a short code (not_found,
    no_answer, offline, cover_open, paper_out, error, dropped, write_failed, setup)
    for the queue to keep beside the Chinese message."""

    def __init__(self, message: str, reason: str = "setup"):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class PrinterSpec:
    uri: str
    kind: str
    target: dict = field(hash=False, compare=False)  # the python-escpos class's own arguments
    paper: Paper
    finish: Finish
    status: bool
    timeout: float


def printer_spec(name_or_uri: str, width: int | None = None) -> PrinterSpec:
    """A printer named in the config file, or a URI; `width` (the command line's
    --width) overrides the profile's."""
    config_path, data = read_config()
    named = data.get("printers", {})
    if not isinstance(named, dict):
        raise DomainError(p.PRINTER_CONFIG_BAD.format(reason=config_path))
    entry = named.get(name_or_uri)
    if entry is None and name_or_uri == DEFAULT_NAME and data.get("printer") is not None:
        entry = data["printer"]  # a job queued for the counter's own printer
    if entry is None:
        return parse_uri(name_or_uri, width=width)
    return _from_table(entry, width)


def default_printer(width: int | None = None) -> PrinterSpec | None:
    """The `[printer]` table of the config file, None if there is none."""
    _, data = read_config()
    entry = data.get("printer")
    return None if entry is None else _from_table(entry, width)


def _from_table(entry, width: int | None) -> PrinterSpec:
    if not isinstance(entry, dict) or not isinstance(entry.get("uri"), str):
        raise DomainError(p.PRINTER_CONFIG_BAD.format(reason="uri"))
    options = {k: str(v).lower() if isinstance(v, bool) else str(v)
               for k, v in entry.items() if k != "uri"}
    return parse_uri(entry["uri"], width=width, extra=options)


def parse_uri(uri: str, width: int | None = None, extra: dict | None = None) -> PrinterSpec:
    text = uri.strip()
    kind, rest = _kind(text)
    if kind is None:
        raise PrinterError(p.PRINTER_URI_BAD.format(uri=uri))
    path, _, query = rest.partition("?")
    options = dict(parse_qsl(query, keep_blank_values=True))
    options.update(extra or {})
    unknown = sorted(set(options) - set(COMMON) - set(OWN[kind]))
    if unknown:
        raise PrinterError(p.PRINTER_OPTION_UNKNOWN.format(uri=uri, names=", ".join(unknown)))
    reader = _Options(uri, options)
    mm = width if width is not None else reader.integer("width", DEFAULT_WIDTH)
    if mm not in WIDTHS:
        raise PrinterError(p.PRINTER_WIDTH_BAD.format(width=mm))
    timeout = reader.number("timeout", DEFAULT_TIMEOUT)
    drawer = reader.drawer()
    target = _TARGETS[kind](uri, unquote(path), reader, timeout)
    return PrinterSpec(uri=uri, kind=kind, target=target, paper=Paper.of(mm),
                       finish=Finish(cut=reader.flag("cut", True), drawer=drawer),
                       status=reader.flag("status", ANSWERS[kind]), timeout=timeout)


def _kind(text: str) -> tuple[str | None, str]:
    for kind, prefixes in (("usb", ("usb://",)), ("tcp", ("tcp://",)),
                           ("cups", ("cups://",)), ("serial", ("serial://", "serial:")),
                           ("file", ("file://", "file:"))):
        for prefix in prefixes:
            if text.lower().startswith(prefix):
                return kind, text[len(prefix):]
    if text.startswith(("/", "./", "../", "~")):
        return "file", text
    return None, text


class _Options:
    def __init__(self, uri: str, options: dict):
        self.uri, self.options = uri, options

    def _bad(self, part: str, reason: str) -> PrinterError:
        return PrinterError(p.PRINTER_URI_PART_BAD.format(uri=self.uri, part=part,
                                                          reason=reason))

    def integer(self, name: str, default: int, base: int = 10) -> int:
        if name not in self.options:
            return default
        try:
            return int(self.options[name], 0 if base == 0 else base)
        except ValueError:
            raise self._bad(name, self.options[name]) from None

    def number(self, name: str, default: float) -> float:
        if name not in self.options:
            return default
        try:
            value = float(self.options[name])
        except ValueError:
            raise self._bad(name, self.options[name]) from None
        if not 0 < value <= 600:
            raise self._bad(name, self.options[name])
        return value

    def flag(self, name: str, default: bool) -> bool:
        if name not in self.options:
            return default
        value = _YES.get(self.options[name].lower())
        if value is None:
            raise self._bad(name, self.options[name])
        return value

    def drawer(self) -> int | None:
        value = self.options.get("drawer", "no").lower()
        if value in ("no", "false", "0", ""):
            return None
        if value.isdigit() and int(value) in DRAWER_PINS:
            return int(value)
        raise self._bad("drawer", value)


def _usb(uri, path, reader, timeout) -> dict:
    vendor, sep, product = path.strip("/").partition(":")
    try:
        ids = int(vendor, 16), int(product, 16)
    except ValueError:
        raise reader._bad("VID:PID", path) from None
    if not sep or not all(0 < i <= 0xFFFF for i in ids):
        raise reader._bad("VID:PID", path)
    return {"idVendor": ids[0], "idProduct": ids[1], "timeout": int(timeout * 1000),
            "in_ep": reader.integer("in_ep", 0x82, base=0),
            "out_ep": reader.integer("out_ep", 0x01, base=0)}


def _serial(uri, path, reader, timeout) -> dict:
    if not path:
        raise reader._bad("device", path)
    parity = reader.options.get("parity", "N").upper()
    if parity not in ("N", "E", "O", "M", "S"):
        raise reader._bad("parity", parity)
    return {"devfile": path, "baudrate": reader.integer("baud", 9600),
            "bytesize": reader.integer("bytesize", 8), "parity": parity,
            "stopbits": reader.integer("stopbits", 1), "timeout": timeout}


def _tcp(uri, path, reader, timeout) -> dict:
    try:
        parts = urlsplit("//" + path.strip("/"))
        host, port = parts.hostname, parts.port or TCP_PORT
    except ValueError as e:
        raise reader._bad("host:port", str(e)) from None
    if not host:
        raise reader._bad("host", path)
    return {"host": host, "port": port, "timeout": timeout}


def _file(uri, path, reader, timeout) -> dict:
    if not path:
        raise reader._bad("path", path)
    return {"devfile": path}


def _cups(uri, path, reader, timeout) -> dict:
    queue = path.strip("/")
    if not queue:
        raise reader._bad("queue", path)
    return {"printer_name": queue}


_TARGETS = {"usb": _usb, "serial": _serial, "tcp": _tcp, "file": _file, "cups": _cups}

"""Slip lines to ESC/POS bytes, the way Chinese thermal printers need them.

ESC @ (reset), then FS & (Chinese character mode), then each line's text as GBK bytes
sent raw: python-escpos 3.1's `text()` picks code pages for Chinese and mangles it.
Size goes through GS ! (it scales Chinese characters too; ESC ! does not), bold through
ESC E. A line holding a character outside GBK is drawn whole as a raster image (GS v 0).
The QR code is drawn here too (module size chosen for the paper) and sent as a raster,
so every printer prints the same code, native QR support or not.

The whole slip is built into python-escpos's Dummy and returned as bytes: the printer
gets it in one write, and the bytes can be kept for a byte-identical reprint.
"""

import copy
from dataclasses import dataclass

import qrcode
from escpos.printer import Dummy
from PIL import Image

from printing.cells import Paper
from printing.glyphs import render_line
from printing.lines import Line

ESC, GS, FS, LF = b"\x1b", b"\x1d", b"\x1c", b"\n"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
SIZES = {"normal": 0x00, "tall": 0x01, "big": 0x11}  # GS ! n: width in the high nibble
SCALES = {"normal": (1, 1), "tall": (1, 2), "big": (2, 2)}
QR_MODULE_DOTS = {58: 6, 80: 8}
# Any of the eight masks reads; choosing the best one (qrcode's default) is four fifths
# of the slip's build time in pure Python, for a code printed at 6-8 dots a module.
QR_MASK = 0
FEED_BEFORE_CUT = 4
DRAWER_PINS = (2, 5)


@dataclass(frozen=True)
class Finish:
    """What the printer does after the slip: cut, kick a cash drawer (pin 2 or 5)."""
    cut: bool = True
    drawer: int | None = None


def gbk_bytes(text: str) -> bytes | None:
    """The text as the printer's GBK font prints it, or None if one character is not
    there (outside GBK, or a single-byte cp936 extra such as € that printers lack)."""
    out = bytearray()
    for ch in text:
        if ch.isascii():
            if not ch.isprintable():
                return None
            out += ch.encode("ascii")
            continue
        try:
            encoded = ch.encode("gbk")
        except UnicodeEncodeError:
            return None
        if len(encoded) != 2:
            return None
        out += encoded
    return bytes(out)


def slip_bytes(lines: list[Line], paper: Paper, finish: Finish = Finish()) -> bytes:
    printer = _dummy(paper)
    printer._raw(INIT + CHINESE_ON)
    for line in lines:
        _line(printer, line, paper)
    printer._raw(GS + b"!\x00" + ESC + b"E\x00" + ESC + b"d" + bytes([FEED_BEFORE_CUT]))
    if finish.cut:
        printer.cut(feed=False)
    if finish.drawer is not None:
        printer.cashdraw(finish.drawer)
    return printer.output


def _dummy(paper: Paper) -> Dummy:
    printer = Dummy()
    # the profile's data is shared by every printer of its class: this one gets its own
    printer.profile.profile_data = copy.deepcopy(printer.profile.profile_data)
    printer.profile.profile_data["media"]["width"]["pixels"] = paper.dots
    return printer


def _line(printer: Dummy, line: Line, paper: Paper) -> None:
    if line.kind == "qr":
        printer.image(qr_image(line.text, paper), impl="bitImageRaster")
        return
    text = "-" * paper.columns if line.kind == "rule" else line.text
    printer._raw(GS + b"!" + bytes([SIZES[line.size]]) + ESC + b"E"
                 + (b"\x01" if line.bold else b"\x00"))
    encoded = gbk_bytes(text)
    if encoded is not None:
        printer._raw(encoded + LF)
        return
    scale_x, scale_y = SCALES[line.size]
    image = render_line(text.rstrip(), scale_x, scale_y)
    printer.image(_on_paper(image, paper, centre=False), impl="bitImageRaster")


def qr_image(payload: str, paper: Paper) -> Image.Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                         box_size=QR_MODULE_DOTS[paper.mm], border=2,
                         mask_pattern=QR_MASK)
    code.add_data(payload)
    code.make(fit=True)
    image = code.make_image().get_image().convert("1")
    return _on_paper(image, paper, centre=True)


def _on_paper(image: Image.Image, paper: Paper, centre: bool) -> Image.Image:
    """The image on a strip as wide as the paper (white around it), never wider."""
    if image.width > paper.dots:
        image = image.crop((0, 0, paper.dots, image.height))
    strip = Image.new("1", (paper.dots, image.height), 1)
    strip.paste(image, ((paper.dots - image.width) // 2 if centre else 0, 0))
    return strip

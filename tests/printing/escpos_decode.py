"""The tests' own ESC/POS decoder: bytes back to what a printer would put on paper.

Knows the commands yibao sends (and a few it must not: ESC ! and text bytes above 0x7F
outside Chinese mode are errors here, since a printer would print them as code-page
garbage). Text in Chinese mode is read as GBK; GS v 0 rasters come back as images, and
QR codes in them are read with zxing-cpp."""

from dataclasses import dataclass, field

import zxingcpp
from PIL import Image, ImageOps


class DecodeError(AssertionError):
    pass


@dataclass
class TextLine:
    text: str
    size: int  # the GS ! byte in force
    bold: bool


@dataclass
class Raster:
    image: Image.Image  # mode "1", black = ink
    size: int
    bold: bool


@dataclass
class Decoded:
    items: list = field(default_factory=list)  # TextLine | Raster | ("cut"|"drawer"|..., arg)
    chinese_mode_at: int | None = None  # index of FS & in the command order
    init_at: int | None = None
    commands: list = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [i.text for i in self.items if isinstance(i, TextLine)]

    @property
    def rasters(self) -> list[Raster]:
        return [i for i in self.items if isinstance(i, Raster)]

    def events(self, name: str) -> list:
        return [i for i in self.items if isinstance(i, tuple) and i[0] == name]

    def qr_texts(self) -> list[str]:
        found = []
        for raster in self.rasters:
            image = ImageOps.expand(raster.image.convert("L"), border=16, fill=255)
            found += [r.text for r in zxingcpp.read_barcodes(image)
                      if r.format == zxingcpp.BarcodeFormat.QRCode]
        return found


def decode(data: bytes) -> Decoded:
    out = Decoded()
    size, bold, chinese = 0, False, False
    line = bytearray()
    i = 0

    def need(n):
        if i + n > len(data):
            raise DecodeError(f"command cut short at byte {i}")
        return data[i:i + n]

    while i < len(data):
        b = data[i]
        if b == 0x0A:
            out.items.append(TextLine(_text(line, chinese), size, bold))
            line.clear()
            i += 1
        elif b in (0x1B, 0x1C, 0x1D, 0x10):
            if line:
                raise DecodeError(f"command in the middle of a line at byte {i}")
            cmd = need(2)
            out.commands.append(cmd)
            if cmd == b"\x1b@":
                out.init_at = len(out.commands) - 1
                size, bold, chinese = 0, False, False
                i += 2
            elif cmd == b"\x1c&":
                out.chinese_mode_at = len(out.commands) - 1
                chinese = True
                i += 2
            elif cmd == b"\x1c.":
                chinese = False
                i += 2
            elif cmd == b"\x1bE":
                bold = bool(need(3)[2] & 1)
                i += 3
            elif cmd == b"\x1d!":
                size = need(3)[2]
                i += 3
            elif cmd == b"\x1bd":
                out.items.append(("feed", need(3)[2]))
                i += 3
            elif cmd == b"\x1bp":
                out.items.append(("drawer", need(5)[2]))
                i += 5
            elif cmd == b"\x1dV":
                m = need(3)[2]
                out.items.append(("cut", m))
                i += 4 if m >= 65 else 3
            elif cmd == b"\x1dv":
                head = need(8)
                if head[2:3] != b"0":
                    raise DecodeError("GS v without 0")
                width_bytes = head[4] | head[5] << 8
                height = head[6] | head[7] << 8
                i += 8
                raw = need(width_bytes * height)
                i += width_bytes * height
                image = Image.frombytes("1", (width_bytes * 8, height),
                                        bytes(255 - v for v in raw))
                out.items.append(Raster(image, size, bold))
            elif cmd == b"\x10\x04":
                out.items.append(("status", need(3)[2]))
                i += 3
            elif cmd == b"\x1b!":
                raise DecodeError("ESC ! does not scale Chinese: use GS !")
            else:
                raise DecodeError(f"unknown command {cmd!r} at byte {i}")
        elif b >= 0x80:
            if not chinese:
                raise DecodeError(f"byte {b:#x} outside Chinese mode at {i}")
            line += need(2)
            i += 2
        elif b < 0x20:
            raise DecodeError(f"control byte {b:#x} at {i}")
        else:
            line.append(b)
            i += 1
    if line:
        raise DecodeError("text after the last line feed is never printed")
    return out


def _text(raw: bytearray, chinese: bool) -> str:
    try:
        return raw.decode("gbk" if chinese else "ascii")
    except UnicodeDecodeError as e:
        raise DecodeError(f"not GBK: {bytes(raw)!r}") from e

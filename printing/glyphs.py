"""Lines the printer cannot print from its own font (a character outside GBK, such as
䶮 or 𠮷 in a name) are drawn here as a 1-bit image on the printer's grid: 12 dots a
column, 24 dots a line, so the picture lines up with the text around it.

The font is Hanazono (Debian's fonts-hanazono, which .ci/run installs): HanaMinA holds
the basic plane and Extension A, HanaMinB the supplementary planes. It is found by path;
a missing font is a clear refusal, never a `?` on the slip.
"""

import os
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from models.core.errors import DomainError
from models.texts import printing as p
from printing.cells import DOTS_PER_COLUMN, char_cells

LINE_DOTS = 24
FONT_DIR = Path("/usr/share/fonts/truetype/hanazono")
FONT_FILES = ("HanaMinA.ttf", "HanaMinB.ttf")
_NOT_A_CHARACTER = "\U0010fffd"  # private use: no font draws it, so it shows .notdef


def font_paths() -> tuple[Path, ...]:
    """$YIBAO_SLIP_FONTS (paths joined by os.pathsep) or Hanazono's two files."""
    env = os.environ.get("YIBAO_SLIP_FONTS")
    if env:
        return tuple(Path(part) for part in env.split(os.pathsep) if part)
    return tuple(FONT_DIR / name for name in FONT_FILES)


@cache
def _fonts(paths: tuple[Path, ...]) -> tuple[ImageFont.FreeTypeFont, ...]:
    found = [path for path in paths if path.is_file()]
    if not found:
        raise DomainError(p.FONT_MISSING.format(paths=", ".join(map(str, paths))))
    return tuple(ImageFont.truetype(str(path), LINE_DOTS) for path in found)


@cache
def _notdef(font: ImageFont.FreeTypeFont) -> bytes:
    return bytes(font.getmask(_NOT_A_CHARACTER))


def font_for(ch: str) -> ImageFont.FreeTypeFont:
    """The first font that draws `ch` (not as its .notdef box)."""
    return _font_for(ch, font_paths())


@cache
def _font_for(ch: str, paths: tuple[Path, ...]) -> ImageFont.FreeTypeFont:
    for font in _fonts(paths):
        if bytes(font.getmask(ch)) != _notdef(font):
            return font
    raise DomainError(p.FONT_NO_GLYPH.format(char=ch))


def render_line(text: str, scale_x: int = 1, scale_y: int = 1) -> Image.Image:
    """`text` as a 1-bit image (black = ink), each character in its own cell(s)."""
    width = sum(char_cells(ch) for ch in text) * DOTS_PER_COLUMN
    image = Image.new("L", (max(width, 8), LINE_DOTS), 255)
    draw = ImageDraw.Draw(image)
    x = 0
    for ch in text:
        if ch != " ":
            draw.text((x, LINE_DOTS - 2), ch, font=font_for(ch), fill=0, anchor="ls")
        x += char_cells(ch) * DOTS_PER_COLUMN
    if scale_x > 1 or scale_y > 1:
        image = image.resize((image.width * scale_x, image.height * scale_y))
    return image.point(lambda v: 0 if v < 128 else 255, mode="1")

"""A queued job's slip as text, read back from the bytes it keeps (the queue's preview):
what the printer will get, whatever kind of slip it is. Only the commands
printing/escpos_bytes.py writes are known; a raster line (a rare character drawn, the
QR code) shows as a placeholder."""

from models.texts import printing as p

_ARGS = {b"\x1bE": 1, b"\x1d!": 1, b"\x1bd": 1, b"\x1bp": 3, b"\x10\x04": 1}


def job_preview(data: bytes) -> str:
    lines: list[str] = []
    text = bytearray()
    i = 0
    while i < len(data):
        b = data[i]
        if b == 0x0A:
            lines.append(text.decode("gbk", errors="replace"))
            text.clear()
            i += 1
        elif b in (0x1B, 0x1C, 0x1D, 0x10) and i + 1 < len(data):
            i = _command(data, i, lines)
        else:
            text.append(b)
            i += 1
    if text:
        lines.append(text.decode("gbk", errors="replace"))
    return "\n".join(lines)


def _command(data: bytes, i: int, lines: list[str]) -> int:
    cmd = data[i:i + 2]
    if cmd in (b"\x1b@", b"\x1c&", b"\x1c."):
        return i + 2
    if cmd in _ARGS:
        return i + 2 + _ARGS[cmd]
    if cmd == b"\x1dV":
        lines.append(p.PREVIEW_CUT)
        return i + (4 if i + 2 < len(data) and data[i + 2] >= 65 else 3)
    if cmd == b"\x1dv" and i + 8 <= len(data):
        width, height = data[i + 4] | data[i + 5] << 8, data[i + 6] | data[i + 7] << 8
        # a QR code is square and tall; a line of text drawn as a picture is short
        lines.append(p.PREVIEW_QR if height > 64 else p.PREVIEW_IMAGE_LINE)
        return i + 8 + width * height
    return i + 2

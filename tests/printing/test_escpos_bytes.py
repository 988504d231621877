"""The slip's bytes, read back by the tests' own decoder (escpos_decode.py): ESC @ then
FS &, Chinese as raw GBK, ￥ as A3A4, a character outside GBK as a picture (never `?`),
sizes by GS !, the QR readable from the raster, a cut, a drawer kick when asked."""

import pytest
from escpos_decode import DecodeError, decode
from samples import family_slip, settlement_slip, void_slip

from printing.cells import Paper
from printing.escpos_bytes import Finish, gbk_bytes, slip_bytes
from printing.glyphs import render_line
from printing.lines import Line
from printing.other_slips import reversal_lines, settlement_lines
from printing.slip import payment_lines

PAPERS = [Paper.of(58), Paper.of(80)]


def _expected(lines, paper):
    return [line.plain(paper) for line in lines if line.kind != "qr"]


@pytest.mark.parametrize("paper", PAPERS, ids=["58mm", "80mm"])
def test_the_family_slip_decodes_to_its_lines(paper):
    slip = family_slip()
    lines = payment_lines(slip, paper)
    data = slip_bytes(lines, paper)
    decoded = decode(data)
    assert data.startswith(b"\x1b@\x1c&")
    assert decoded.init_at == 0 and decoded.chinese_mode_at == 1
    assert b"\xa3\xa4" + b"1580.00" in data  # ￥ in GBK, never the 4-byte GB18030 ¥
    texts = decoded.texts
    assert not any("?" in text for text in texts)
    rare = [line for line in _expected(lines, paper) if line not in texts]
    # exactly the lines with 䶮 or 𠮷 went out as pictures
    assert rare == ["3. 张䶮  16岁", "4. 张小𠮷  0岁"]
    assert [t for t in _expected(lines, paper) if t not in rare] == texts
    assert "证件：430225********1234" in texts
    assert "大写：壹仟伍佰捌拾元整" in texts
    pictures = [r for r in decoded.rasters if r.image.height == 24]
    assert [r.image.tobytes() for r in pictures] == [
        _on_strip(render_line(text), paper).tobytes() for text in rare]
    assert all(r.image.width == paper.dots for r in decoded.rasters)
    assert decoded.qr_texts() == [slip.qr_text]
    assert decoded.events("cut") and decoded.items[-1][0] == "cut"
    assert not decoded.events("drawer")


def _on_strip(image, paper):
    from PIL import Image
    strip = Image.new("1", (paper.dots, image.height), 1)
    strip.paste(image, (0, 0))
    return strip


def test_a_rare_character_is_drawn_not_blank():
    for ch in "䶮𠮷":
        image = render_line(ch)
        assert image.size == (24, 24)
        ink = image.histogram()[0]
        assert ink > 20, ch
    assert render_line("䶮").tobytes() != render_line("𠮷").tobytes()


def test_sizes_go_through_gs_bang_and_bold_through_esc_e():
    paper = Paper.of(80)
    data = slip_bytes([Line("大字", size="big", bold=True), Line("高字", size="tall"),
                       Line("小字")], paper)
    decoded = decode(data)
    assert [(t.text, t.size, t.bold) for t in decoded.items if hasattr(t, "text")] == [
        ("大字", 0x11, True), ("高字", 0x01, False), ("小字", 0x00, False)]
    assert b"\x1b!" not in data


def test_a_big_rare_line_is_drawn_twice_as_large():
    paper = Paper.of(80)
    decoded = decode(slip_bytes([Line("张䶮", size="big")], paper))
    (raster,) = decoded.rasters
    assert raster.image.height == 48 and raster.size == 0x11


def test_no_cut_and_a_drawer_kick_follow_the_profile():
    paper = Paper.of(58)
    decoded = decode(slip_bytes([Line("x")], paper, Finish(cut=False, drawer=2)))
    assert not decoded.events("cut")
    assert decoded.events("drawer") == [("drawer", 0)]
    decoded = decode(slip_bytes([Line("x")], paper, Finish(drawer=5)))
    assert decoded.events("drawer") == [("drawer", 1)]


@pytest.mark.parametrize("paper", PAPERS, ids=["58mm", "80mm"])
def test_void_refund_and_settlement_slips_decode(paper):
    for lines in (reversal_lines(void_slip("void"), paper),
                  reversal_lines(void_slip("refund"), paper),
                  settlement_lines(settlement_slip(), paper)):
        assert decode(slip_bytes(lines, paper)).texts == _expected(lines, paper)


def test_gbk_rules():
    assert gbk_bytes("张￥1") == b"\xd5\xc5\xa3\xa41"
    assert gbk_bytes("䶮") is None
    assert gbk_bytes("𠮷") is None
    assert gbk_bytes("€") is None  # cp936's single byte 0x80: printers have no such glyph
    assert gbk_bytes("¥") is None  # U+00A5: GB18030 four bytes; the slip uses ￥ U+FFE5


def test_the_decoder_refuses_what_a_printer_would_garble():
    with pytest.raises(DecodeError):
        decode(b"\x1b@" + "张".encode("gbk") + b"\n")  # no FS &: code-page garbage
    with pytest.raises(DecodeError):
        decode(b"\x1b@\x1c&\x1b!\x30x\n")
    with pytest.raises(DecodeError):
        decode(b"\x1b@\x1c&abc")


def test_a_missing_font_is_a_clear_refusal_not_a_question_mark(tmp_path, monkeypatch):
    from models.core.errors import DomainError
    monkeypatch.setenv("YIBAO_SLIP_FONTS", str(tmp_path / "none.ttf"))
    paper = Paper.of(58)
    assert decode(slip_bytes([Line("张三")], paper)).texts == ["张三"]  # GBK needs no font
    with pytest.raises(DomainError, match=r"找不到打印生僻字用的字体.*fonts-hanazono"):
        slip_bytes([Line("张䶮")], paper)

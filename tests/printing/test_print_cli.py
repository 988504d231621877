"""`yibao print test --printer URI [--width 58|80]` as a user runs it (a real process),
to the fake network printer and to a file: the test slip's Chinese, rare characters,
￥, QR code and cut come back out of the bytes; a printer in trouble or a bad URI is
one Chinese line and exit 2."""

import pytest
from escpos_decode import decode
from fake_printer import FakePrinter, off_uri
from print_cli import one_chinese_line, yibao


@pytest.mark.parametrize(("width", "dots"), [("58", 384), ("80", 576)])
def test_the_test_slip_over_tcp(width, dots):
    with FakePrinter() as printer:
        done = yibao("print", "test", "--printer", printer.uri, "--width", width)
    assert done.returncode == 0, done.stderr
    assert "已发送测试页" in done.stdout and f"{width}毫米" in done.stdout
    decoded = decode(printer.printed)
    assert decoded.init_at == 0 and decoded.chinese_mode_at == 1
    texts = decoded.texts
    assert "中文：城乡居民基本医疗保险" in texts
    assert "金额：￥280.00" in texts and "大写：贰佰捌拾元整" in texts
    assert "生僻字：䶮 𠮷" not in texts  # drawn, not sent as text
    assert any(r.image.height == 24 for r in decoded.rasters)
    assert all(r.image.width == dots for r in decoded.rasters)
    assert decoded.qr_texts() == ["YIBAO PRINT TEST"]
    assert decoded.items[-1][0] == "cut"
    assert printer.queries == [1, 4, 1]


def test_the_test_slip_to_a_file_without_cut(tmp_path):
    target = tmp_path / "slip.bin"
    done = yibao("print", "test", "--printer", f"file:{target}?cut=no&drawer=2")
    assert done.returncode == 0, done.stderr
    decoded = decode(target.read_bytes())
    assert not decoded.events("cut") and decoded.events("drawer")
    assert "纸宽：58毫米 32列 384点" in decoded.texts


@pytest.mark.parametrize(("state", "says"), [("paper_out", "缺纸"), ("slow", "没有应答"),
                                              ("cover_open", "盖未合上")])
def test_a_printer_in_trouble_isone_chinese_line(state, says):
    with FakePrinter(state) as printer:
        done = yibao("print", "test", "--printer", printer.uri + "?timeout=0.5")
    assert done.returncode == 2 and one_chinese_line(done.stderr) and says in done.stderr


def test_a_printer_that_is_off_or_a_bad_uri():
    done = yibao("print", "test", "--printer", off_uri() + "?timeout=1")
    assert done.returncode == 2 and one_chinese_line(done.stderr)
    assert "打印机连不上" in done.stderr
    done = yibao("print", "test", "--printer", "lpt1")
    assert done.returncode == 2 and one_chinese_line(done.stderr)
    assert "打印机地址无法识别" in done.stderr
    done = yibao("print", "test", "--printer", "tcp://h", "--width", "76")
    assert done.returncode == 2 and "Traceback" not in done.stderr

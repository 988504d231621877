"""Printer URIs (issue 13 point 4): each kind to python-escpos's own class arguments,
the profile's options, printers named in the config file, and bad URIs refused in
Chinese."""

import pytest

from models.core.errors import DomainError
from printing.escpos_bytes import Finish
from printing.printers import PrinterError, parse_uri, printer_spec


def test_usb_with_timeout_and_endpoints():
    spec = parse_uri("usb://0416:5011?timeout=2&in_ep=0x81&out_ep=0x03&width=80")
    assert spec.kind == "usb"
    assert spec.target == {"idVendor": 0x0416, "idProduct": 0x5011, "timeout": 2000,
                           "in_ep": 0x81, "out_ep": 0x03}
    assert (spec.paper.columns, spec.paper.dots) == (48, 576) and spec.status


def test_serial_tcp_file_cups():
    spec = parse_uri("serial:/dev/ttyUSB0?baud=9600")
    assert spec.kind == "serial" and spec.target["devfile"] == "/dev/ttyUSB0"
    assert spec.target["baudrate"] == 9600 and spec.target["parity"] == "N"
    assert parse_uri("serial:///dev/ttyS1?baud=19200&parity=e").target["parity"] == "E"
    spec = parse_uri("tcp://192.0.2.10:9101?timeout=1.5")
    assert spec.target == {"host": "192.0.2.10", "port": 9101, "timeout": 1.5}
    assert parse_uri("tcp://printer.local").target["port"] == 9100
    assert parse_uri("file:/dev/usb/lp0").target == {"devfile": "/dev/usb/lp0"}
    assert parse_uri("file:///tmp/x.bin").target == {"devfile": "/tmp/x.bin"}
    assert parse_uri("/tmp/plain.bin").kind == "file"
    spec = parse_uri("cups://TM-T88")
    assert spec.kind == "cups" and spec.target == {"printer_name": "TM-T88"}
    assert not spec.status and not parse_uri("/tmp/a").status


def test_the_profile_options():
    spec = parse_uri("tcp://127.0.0.1?cut=no&drawer=5&status=no&width=80")
    assert spec.finish == Finish(cut=False, drawer=5) and not spec.status
    assert spec.paper.mm == 80
    assert parse_uri("tcp://127.0.0.1?width=80", width=58).paper.mm == 58  # --width wins
    assert parse_uri("tcp://127.0.0.1").finish == Finish(cut=True, drawer=None)


@pytest.mark.parametrize(("uri", "says"), [
    ("lpt1", "无法识别"),
    ("http://printer", "无法识别"),
    ("usb://0416", "VID:PID"),
    ("usb://xyz:5011", "VID:PID"),
    ("serial:", "device"),
    ("tcp://", "host"),
    ("tcp://h:99999", "host:port"),
    ("cups://", "queue"),
    ("tcp://h?colour=red", "不认识的参数"),
    ("tcp://h?width=76", "纸宽只能是 58 或 80"),
    ("tcp://h?timeout=-1", "timeout"),
    ("tcp://h?cut=maybe", "cut"),
    ("tcp://h?drawer=3", "drawer"),
    ("usb://0416:5011?in_ep=zz", "in_ep"),
])
def test_bad_uris_are_refused_in_chinese(uri, says):
    with pytest.raises(PrinterError, match=says) as caught:
        parse_uri(uri)
    assert caught.value.reason == "setup"


def test_printers_named_in_the_config_file(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[printers.front]\nuri = "tcp://127.0.0.1:9100"\nwidth = 80\n'
                      'cut = false\ndrawer = 2\n', encoding="utf-8")
    monkeypatch.setenv("YIBAO_CONFIG", str(config))
    spec = printer_spec("front")
    assert spec.kind == "tcp" and spec.paper.mm == 80
    assert spec.finish == Finish(cut=False, drawer=2)
    assert printer_spec("/tmp/other.bin").kind == "file"  # not a name: a URI
    config.write_text('[printers.front]\nwidth = 80\n', encoding="utf-8")
    with pytest.raises(DomainError, match="打印机设置不对"):
        printer_spec("front")

"""The QR code's check value (issue 13 point 3): receipt number + a keyed hash, the key
kept in a file named by environment or config, never in the code; verify tells genuine
from made up, altered, or checked under another hall's key."""

import os
import stat

import pytest

from models.core.errors import DomainError
from printing import slip_check
from printing.slip_check import load_key, looks_like_payload, payload, verify

NO = "430225-01-2026-000123"


@pytest.fixture
def key_file(tmp_path, monkeypatch):
    path = tmp_path / "keys" / "slip.key"
    monkeypatch.setenv("YIBAO_SLIP_KEY", str(path))
    return path


def test_a_genuine_payload_verifies_to_its_receipt(key_file):
    key = load_key(create=True)
    text = payload(NO, key)
    assert text.startswith(f"YB:{NO}:") and len(text) == len(NO) + 24
    assert verify(text, key) == NO
    assert verify(f"  {text.lower()} ", key) == NO  # typed by hand
    assert looks_like_payload(text)


def test_made_up_or_altered_payloads_are_not_genuine(key_file):
    key = load_key(create=True)
    text = payload(NO, key)
    other = NO.replace("000123", "000124")
    assert verify(text.replace(NO, other), key) is None
    flipped = text[:-1] + ("0" if text[-1] != "0" else "1")
    assert verify(flipped, key) is None
    assert verify(payload(NO, b"\x01" * 32), key) is None  # another hall's key
    for junk in ["", "YB:", NO, "hello", "YB:" + NO + ":XYZ"]:
        assert verify(junk, key) is None
    assert not looks_like_payload(NO)


def test_the_key_file_is_created_once_private_and_kept(key_file):
    key = load_key(create=True)
    assert len(key) == 32 and key_file.read_bytes() == key
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert load_key() == key


def test_a_missing_or_bad_key_is_said_in_chinese(key_file):
    with pytest.raises(DomainError, match="找不到小票查验密钥文件"):
        load_key()
    key_file.parent.mkdir(parents=True)
    key_file.write_bytes(b"short")
    with pytest.raises(DomainError, match="应为 32 字节"):
        load_key()


def test_the_key_path_comes_from_config(tmp_path, monkeypatch):
    monkeypatch.delenv("YIBAO_SLIP_KEY", raising=False)
    config = tmp_path / "config.toml"
    config.write_text(f'slip_key = "{tmp_path / "hall.key"}"\n', encoding="utf-8")
    monkeypatch.setenv("YIBAO_CONFIG", str(config))
    assert slip_check.key_path() == tmp_path / "hall.key"
    config.write_text("slip_key = 5\n", encoding="utf-8")
    with pytest.raises(DomainError, match="slip_key"):
        slip_check.key_path()


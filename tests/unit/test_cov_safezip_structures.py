"""SafeZip on ZIP64 structures and on damaged member headers: ZIP64 sizes and offsets are read
from the extra fields, and each kind of damage is refused with its own sentence (never a raw
error), naming the member where there is one."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from dig_once.plugin.core.errors import ArchiveError
from dig_once.plugin.sources.safezip import SafeZip

MEMBERS = {"a.csv": b"a,b\r\n1,2\r\n" * 50, "b/c.csv": b"x,y\r\n3,4\r\n" * 40}


def zip_bytes(members=MEMBERS, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip64_bytes(monkeypatch, members=MEMBERS) -> bytes:
    """A small archive written the ZIP64 way: sizes and offsets in the central directory's ZIP64
    extra fields, a ZIP64 end record and its locator (zipfile does so past its limits; the
    limits are lowered here instead of writing 4 GB)."""
    with monkeypatch.context() as m:
        m.setattr(zipfile, "ZIP64_LIMIT", 0)
        m.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 0)
        data = zip_bytes(members)
    return data


def _eocd(data: bytes) -> int:
    return data.rfind(b"PK\x05\x06")


def with_count_ffff(data: bytes) -> bytes:
    """The end record's member counts set to 0xFFFF: 'look in the ZIP64 record'."""
    out = bytearray(data)
    at = _eocd(data)
    out[at + 8 : at + 12] = struct.pack("<2H", 0xFFFF, 0xFFFF)
    return bytes(out)


def test_sizes_and_offsets_in_zip64_extra_fields_are_read(monkeypatch):
    data = zip64_bytes(monkeypatch)
    assert struct.pack("<I", 0xFFFFFFFF) in data[data.find(b"PK\x01\x02") :]  # sizes moved to the extra
    archive = SafeZip(data, label="z64.zip")
    assert archive.names() == list(MEMBERS)
    assert dict(archive.members()) == MEMBERS


def test_a_zip64_end_record_gives_the_member_count(monkeypatch):
    data = with_count_ffff(zip64_bytes(monkeypatch))
    archive = SafeZip(data, label="z64.zip")
    assert len(archive) == len(MEMBERS) and dict(archive.members()) == MEMBERS


def test_a_damaged_zip64_end_record_is_refused(monkeypatch):
    data = bytearray(with_count_ffff(zip64_bytes(monkeypatch)))
    at = data.rfind(b"PK\x06\x06")
    data[at : at + 4] = b"PK\x00\x00"
    with pytest.raises(ArchiveError, match="ZIP64 end of central directory damaged.*rejected whole"):
        SafeZip(bytes(data), label="z64.zip")


def test_counts_saying_zip64_without_a_zip64_locator_are_refused():
    with pytest.raises(ArchiveError, match="ZIP64 locator missing"):
        SafeZip(with_count_ffff(zip_bytes()), label="a.zip")
    empty = zip_bytes({})
    assert len(empty) == 22  # the end record alone: no room for a locator before it
    with pytest.raises(ArchiveError, match="ZIP64 locator missing"):
        SafeZip(with_count_ffff(empty), label="empty.zip")


def test_an_encrypted_member_is_refused_by_name():
    data = bytearray(zip_bytes())
    cd = data.find(b"PK\x01\x02")  # the first member's central record: flags at +8
    data[cd + 8] |= 0x1
    with pytest.raises(ArchiveError, match="encrypted member") as err:
        list(SafeZip(bytes(data), label="a.zip").members())
    assert "a.csv" in str(err.value)


def test_a_member_whose_local_header_is_damaged_is_refused_by_name():
    data = bytearray(zip_bytes())
    second = data.find(b"PK\x03\x04", 1)  # the second member's local header
    data[second : second + 4] = b"XX\x03\x04"
    archive = SafeZip(bytes(data), label="a.zip")
    with pytest.raises(ArchiveError, match="bad local header") as err:
        list(archive.members())
    assert "b/c.csv" in str(err.value)


def test_a_member_compressed_with_an_unsupported_method_is_refused():
    data = zip_bytes(method=zipfile.ZIP_BZIP2)
    with pytest.raises(ArchiveError, match="unsupported compression method 12"):
        list(SafeZip(data, label="bz.zip").members())


def test_member_data_that_will_not_inflate_is_refused_not_raised_raw():
    data = bytearray(zip_bytes({"a.csv": b"0123456789" * 100}))
    start = data.find(b"PK\x03\x04") + 30 + len("a.csv")
    data[start : start + 8] = b"\xff" * 8  # not a deflate stream
    with pytest.raises(ArchiveError, match="cannot decompress|CRC error|expands to"):
        list(SafeZip(bytes(data), label="a.zip").members())

"""SafeZip, the one ZIP reader: a ZIP held in another ZIP, selected members, and every limit
named with its value when a zip bomb exceeds it (the tests lower the limits instead of
writing gigabytes)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from dig_once.plugin.core.errors import ArchiveError
from dig_once.plugin.sources.safezip import SafeZip, ZipLimits


def zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_zip_held_in_another_zip_is_read_from_its_bytes_with_the_same_checks(tmp_path: Path):
    inner = zip_bytes({"postcode_files/a.csv": b"a,b\r\n1,2\r\n", "postcode_res_files/a.csv": b"x"})
    path = tmp_path / "outer.zip"
    path.write_bytes(zip_bytes({"dl/inner.zip": inner}, zipfile.ZIP_STORED))
    outer = SafeZip(path)
    ((name, data),) = list(outer.members(suffix=".zip"))
    nested = SafeZip(data, label=f"outer.zip!{name}")
    assert nested.names() == ["postcode_files/a.csv", "postcode_res_files/a.csv"]
    assert list(nested.members(select=lambda n: n.startswith("postcode_files/"))) == [
        ("postcode_files/a.csv", b"a,b\r\n1,2\r\n")
    ]
    damaged = bytearray(data)
    damaged[-30:] = b"\x00" * 30  # the end of the nested ZIP's directory
    with pytest.raises(ArchiveError, match="outer.zip!dl/inner.zip"):
        SafeZip(bytes(damaged), label="outer.zip!dl/inner.zip")


def test_a_member_over_the_size_limit_is_named_with_the_limit(tmp_path: Path):
    path = tmp_path / "a.zip"
    path.write_bytes(zip_bytes({"big.csv": bytes(range(256)) * 40}))  # 10 KB, barely packed
    with pytest.raises(ArchiveError) as err:
        SafeZip(path, ZipLimits(max_member_bytes=4096))
    message = str(err.value)
    assert "big.csv" in message and "10,240 bytes" in message
    assert "over the limit of 4,096 bytes per member (max_member_bytes)" in message and "zip bomb" in message


def test_a_member_over_the_ratio_limit_is_named_with_the_limit(tmp_path: Path):
    path = tmp_path / "bomb.zip"
    path.write_bytes(zip_bytes({"zeros.csv": b"\0" * (3 * 1024**2)}))
    with pytest.raises(
        ArchiveError, match=r"expands [\d,]+ times, over the limit of 200 times \(max_ratio\)"
    ):
        SafeZip(path)
    # the same file is accepted when the limit is raised by parameter
    assert SafeZip(path, ZipLimits(max_ratio=1e6)).total_bytes == 3 * 1024**2


def test_an_archive_of_small_members_over_the_ratio_limit_is_refused(tmp_path: Path):
    # each member is under the per-member ratio floor; together they make a bomb
    path = tmp_path / "many.zip"
    path.write_bytes(zip_bytes({f"m{i}.csv": b"\0" * 100_000 for i in range(40)}))
    with pytest.raises(ArchiveError) as err:
        SafeZip(path)
    assert "times its size, over the limit of 200 times (max_ratio)" in str(err.value)


def test_the_total_limit_is_named_with_its_value(tmp_path: Path):
    path = tmp_path / "a.zip"
    path.write_bytes(zip_bytes({f"m{i}.csv": bytes(range(256)) * 8 for i in range(4)}))
    with pytest.raises(ArchiveError, match=r"more than 5,000 bytes, the limit \(max_total_bytes\)"):
        SafeZip(path, ZipLimits(max_total_bytes=5000))


def test_no_plugin_code_opens_a_zip_but_safezip():
    # every ZIP goes through SafeZip's checks; zipfile (or GDAL's /vsizip/) would skip them
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for folder in ("plugin", "processing_algorithms"):
        for path in sorted((root / folder).rglob("*.py")):
            if path.name == "safezip.py":
                continue
            text = path.read_text(encoding="utf-8")
            if "import zipfile" in text or "ZipFile(" in text or "/vsizip/" in text:
                offenders.append(str(path.relative_to(root)))
    assert offenders == []

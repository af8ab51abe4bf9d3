"""SafeZip, the one ZIP reader: a ZIP held in another ZIP, selected members, and every limit
named with its value when a zip bomb exceeds it (the tests lower the limits instead of
writing gigabytes)."""

from __future__ import annotations

import io
import json
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


@pytest.mark.parametrize("block", [1, 45, 47, 100, 1 << 20])
def test_the_directory_read_in_blocks_of_any_size_gives_every_entry_as_zipfile_lists_it(
    tmp_path: Path, monkeypatch, block: int
):
    """The central directory is read a block at a time: an entry cut by a block's end (a block
    shorter than one entry, too) is read whole, with its name, sizes and where it starts."""
    from dig_once.plugin.sources import safezip

    monkeypatch.setattr(safezip, "_DIRECTORY_BLOCK", block)
    monkeypatch.setattr(safezip, "DIRECTORY_PART", 7)
    members = {
        f"permit/2026/01/{'é' if i % 5 == 0 else 'e'}vent-{i:04d}.json": b'{"n": %d}' % i for i in range(40)
    }
    members["folder/"] = b""
    path = tmp_path / "month.zip"
    path.write_bytes(zip_bytes(members))
    archive = SafeZip(path)
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    entries = list(archive._entries())
    assert [e.name for e in entries] == [i.filename for i in infos]
    assert [(e.csize, e.usize, e.crc, e.offset) for e in entries] == [
        (i.compress_size, i.file_size, i.CRC, i.header_offset) for i in infos
    ]
    assert archive.parts == [entries[k].at for k in range(0, len(entries), 7)]
    assert archive.parts[0] == archive.cd_offset and archive.part_size == 7
    assert dict(archive.members()) == {n: d for n, d in members.items() if not n.endswith("/")}


@pytest.mark.parametrize(
    # "é:" is a drive letter to the rule (the second character), though "é" is two bytes
    "name",
    ["../evil.json", "/etc/evil.json", "C:evil.json", "a/../../evil.json", "\\evil.json", "é:evil.json"],
)
def test_an_unsafe_name_is_refused_by_name_among_safe_ones(tmp_path: Path, name: str):
    path = tmp_path / "a.zip"
    path.write_bytes(zip_bytes({"ok.json": b"{}", name: b"{}", "also..ok.json": b"{}"}))
    with pytest.raises(ArchiveError, match="absolute path or '..' refused") as err:
        SafeZip(path)
    assert err.value.record == name


def test_names_with_dots_or_colons_that_are_safe_are_accepted(tmp_path: Path):
    path = tmp_path / "a.zip"
    names = ["a..b.json", "x/y:z.json", "dir/..hidden.json"]
    path.write_bytes(zip_bytes(dict.fromkeys(names, b"{}")))
    assert SafeZip(path).names() == names


def _read_one_by_one(archive: SafeZip, entries) -> list:
    out = []
    with open(archive.path, "rb") as data:
        for entry in entries:
            try:
                out.append(archive._read(data, entry, archive.limits))
            except ArchiveError as exc:
                out.append((str(exc), exc.record))
                break
    return out


def _read_together(archive: SafeZip, entries) -> list:
    out = []
    with open(archive.path, "rb") as data:
        try:
            out.extend(archive.read_many(data, entries, archive.limits))
        except ArchiveError as exc:
            out.append((str(exc), exc.record))
    return out


@pytest.mark.parametrize("span_max", [64 * 1024**2, 3000], ids=["one_span", "member_by_member"])
def test_members_read_together_are_those_read_one_by_one_with_the_same_error_at_the_same_member(
    tmp_path: Path, monkeypatch, span_max: int
):
    """read_many (a worker's part read from one span of the file) gives each member as _read
    does: deflated and stored members, a local header with an extra field, and a damaged member refused by name after the members before it."""
    from dig_once.plugin.sources import safezip

    monkeypatch.setattr(safezip, "_SPAN_MAX", span_max)
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as z:
        for k in range(40):
            info = zipfile.ZipInfo(f"{k}.json")
            info.compress_type = zipfile.ZIP_STORED if k % 5 == 0 else zipfile.ZIP_DEFLATED
            if k == 7:
                info.extra = b"\x99\x99\x08\x00" + b"x" * 8  # an extra field before the data
            z.writestr(info, json.dumps({"event_reference": k, "pad": "ab" * k}).encode())
    archive = SafeZip(path)
    entries = list(archive._entries())
    good = _read_together(archive, entries)
    assert good == _read_one_by_one(archive, entries)
    assert [c[:25] for c in good[:2]] == [b'{"event_reference": 0, "p', b'{"event_reference": 1, "p']

    damaged = tmp_path / "damaged.zip"
    data = bytearray(path.read_bytes())
    data[entries[23].offset + 30 + len("23.json") + 3] ^= 0xFF
    damaged.write_bytes(bytes(data))
    archive = SafeZip(damaged)
    entries = list(archive._entries())
    got = _read_together(archive, entries)
    assert got == _read_one_by_one(archive, entries)
    assert len(got) == 24 and got[-1][1] == "23.json"


def test_with_or_without_isal_members_inflate_to_the_same_bytes_and_damage_is_refused_by_name(
    tmp_path: Path, monkeypatch
):
    """ISA-L's inflate (optional, for speed) and the standard library's give the same members;
    a damaged member is refused, named, with either."""
    import zlib

    pytest.importorskip("isal")
    from dig_once.plugin.sources import safezip

    path = tmp_path / "a.zip"
    members = {f"{k}.json": json.dumps({"event_reference": k, "pad": "xyz" * k}).encode() for k in range(30)}
    path.write_bytes(zip_bytes(members))
    damaged = tmp_path / "damaged.zip"
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo("12.json")
    data[info.header_offset + 30 + len("12.json") + 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    seen = []
    for inflating in (safezip._inflating, zlib):
        monkeypatch.setattr(safezip, "_inflating", inflating)
        assert dict(SafeZip(path).members()) == members
        with pytest.raises(ArchiveError) as err:
            list(SafeZip(damaged).members())
        seen.append((inflating.__name__, err.value.record))
    assert seen == [("isal.isal_zlib", "12.json"), ("zlib", "12.json")]


@pytest.mark.parametrize("block", [50, 130, 4096, 4 << 20])
@pytest.mark.parametrize(
    ("names", "plain"),
    [
        ([f"permit/2026/01/event-{i:04d}.json" for i in range(60)], True),
        ([f"permit/{'é' * (i % 4)}/event-{i:04d}.json" for i in range(60)] + ["folder/"], True),
        # a name holding the bytes of an entry's signature: never taken for an entry (looked at
        # entry by entry, or in a block too short to hold it as one, left out)
        (
            [f"e{i}.json" for i in range(30)] + ["PK\x01\x02trap.json"] + [f"f{i}.json" for i in range(30)],
            None,
        ),
        # safe names with dots or a colon: judged entry by entry
        ([f"e{i}.json" for i in range(30)] + ["a..b.json", "x/y:z.json"], False),
    ],
    ids=["plain", "utf8_and_a_folder", "signature_in_a_name", "dots_and_colon"],
)
def test_the_directory_checked_with_numpy_gives_the_parts_and_size_the_entry_by_entry_check_gives(
    tmp_path: Path, monkeypatch, block: int, names: list[str], plain: bool | None
):
    """A month's directory (822,188 entries) is checked with numpy a block at a time (~0.15 s,
    0.67 s entry by entry): the same parts and expanded size, in blocks of any size (one shorter
    than an entry too); a directory with anything to look at closer is checked entry by entry."""
    from dig_once.plugin.sources import safezip

    monkeypatch.setattr(safezip, "_PLAIN_BLOCK", block)
    monkeypatch.setattr(safezip, "DIRECTORY_PART", 7)
    path = tmp_path / "month.zip"
    path.write_bytes(
        zip_bytes({n: b"" if n.endswith("/") else b'{"n": "%d"}' % k for k, n in enumerate(names)})
    )
    archive = SafeZip(path)
    got = (archive.parts, archive.part_size, archive.total_bytes)
    if plain is not None:
        assert (archive._check_plain_directory() is not None) is plain
    expected = archive._check_entries()
    assert got == (archive.parts, archive.part_size, expected)
    assert len(archive.parts) == -(-len(names) // 7)

"""Damaged Ofcom files: a cut or broken CSV is an error naming the line, never a short table;
bad rows are rejected with reasons, never dropped or accepted silently; every ZIP goes through
SafeZip (bombs, '..' names, truncation refused whole, the limit named)."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import ofcom_fixtures as fx

from dig_once.plugin.core.errors import ArchiveError, InputError
from dig_once.plugin.sources import ofcom
from dig_once.plugin.sources.safezip import ZipLimits

# the layout the reader took before these fixes, so each test fails for its own fault
H = fx.POSTCODE_HEADERS
PCS = [f"E1 {i}A{chr(65 + i)}" for i in range(9)]


def row(pc: str, **kw) -> list[str]:
    return fx.postcode_row(pc, headers=H, **kw)


def good_file(tmp_path: Path) -> bytes:
    return fx.csv_bytes(H, [row(pc, gigabit=10 * i) for i, pc in enumerate(PCS)])


def test_a_file_cut_mid_row_is_an_error_naming_the_line(tmp_path):
    data = good_file(tmp_path)
    cut = data[: data.rindex(b"\r\n", 0, len(data) - 2) + 2 + 25]  # the last row cut 25 bytes in
    path = tmp_path / "pc_E.csv"
    path.write_bytes(cut)
    with pytest.raises(InputError) as err:
        ofcom.read_ofcom(path)
    assert "line 10" in str(err.value) and "cut short" in str(err.value) and "pc_E.csv" in str(err.value)


def test_a_file_cut_inside_its_last_field_loses_that_row_with_a_reason(tmp_path):
    data = good_file(tmp_path)
    path = tmp_path / "pc_E.csv"
    path.write_bytes(data[:-3])  # "...,100\r\n" -> "...,10": every field there, the value cut
    result = ofcom.read_ofcom(path)
    assert len(result.records) == len(PCS) - 1
    (reject,) = result.rejects
    assert reject.record == "line 10" and "ends without a line break" in reject.reason


@pytest.mark.parametrize("share", [0.05, 0.1, 0.25, 0.5, 0.7, 0.9, 0.97])
def test_a_cut_file_is_never_a_short_table_without_a_word(tmp_path, share):
    data = good_file(tmp_path)
    path = tmp_path / "pc_E.csv"
    path.write_bytes(data[: int(len(data) * share)])
    try:
        result = ofcom.read_ofcom(path)
    except InputError as exc:
        assert "cut short" in str(exc)
    else:
        assert result.rejects and "cut short" in result.rejects[-1].reason


def test_a_file_cut_inside_its_header_says_so_rather_than_naming_columns(tmp_path):
    data = good_file(tmp_path)
    path = tmp_path / "pc_E.csv"
    path.write_bytes(data[: data.index(b"Gigabit")])
    with pytest.raises(InputError, match="ends inside its header row"):
        ofcom.read_ofcom(path, level="gigabit")


def test_an_unbalanced_quote_is_an_error_naming_the_line(tmp_path):
    text = good_file(tmp_path).decode().replace("E1 3AD,", '"E1 3AD,', 1)
    path = tmp_path / "pc_E.csv"
    path.write_text(text, newline="")
    with pytest.raises(InputError) as err:
        ofcom.read_ofcom(path)
    assert "record line 5" in str(err.value) and "never closed" in str(err.value)


def test_two_unbalanced_quotes_swallowing_rows_are_an_error(tmp_path):
    text = good_file(tmp_path).decode().replace("E1 3AD,", '"E1 3AD,', 1).replace("E1 6AG,", 'E1 6AG",', 1)
    path = tmp_path / "pc_E.csv"
    path.write_text(text, newline="")
    with pytest.raises(InputError, match="runs over several lines"):
        ofcom.read_ofcom(path)


def test_rows_with_too_few_or_too_many_fields_inside_the_file_are_rejected(tmp_path):
    rows = [row(pc) for pc in PCS]
    rows[2] = rows[2][:7]
    rows[4] = [*rows[4], "12", "13"]
    rows[5] = [*rows[5], "", ""]  # trailing empty fields are harmless
    path = fx.write_csv(tmp_path / "pc_E.csv", H, rows)
    result = ofcom.read_ofcom(path)
    assert len(result.records) == 7
    reasons = {r.record: r.reason for r in result.rejects}
    assert reasons == {
        "line 4": f"too few fields: 7 of {len(H)}",
        "line 6": f"too many fields: {len(H) + 2}, the header has {len(H)}",
    }


def test_a_repeated_header_row_is_rejected_not_read(tmp_path):
    data = good_file(tmp_path)
    header = data.split(b"\r\n", 1)[0] + b"\r\n"
    path = tmp_path / "pc_E.csv"
    path.write_bytes(data + header + fx.csv_bytes(H, [row("E2 7DG")]).split(b"\r\n", 1)[1])
    result = ofcom.read_ofcom(path)
    assert len(result.records) == len(PCS) + 1
    (reject,) = result.rejects
    assert reject.record == "line 11" and "repeated header row" in reject.reason


def test_a_postcode_listed_twice_is_read_once_or_rejected_both_times(tmp_path):
    rows = [row(pc) for pc in PCS]
    rows.append(row(PCS[0]))  # the same figures
    rows.append(row(PCS[1], gigabit=55))  # different figures
    path = fx.write_csv(tmp_path / "pc_E.csv", H, rows)
    result = ofcom.read_ofcom(path)
    assert sorted(r["postcode"] for r in result.records) == sorted(set(PCS) - {PCS[1]})
    assert len(result.records) + len(result.rejects) == len(rows)
    by_line = {r.record: r for r in result.rejects}
    assert set(by_line) == {"line 11", "line 3", "line 12"}
    assert "same figures: read once" in by_line["line 11"].reason
    assert "different figures" in by_line["line 3"].reason and "none imported" in by_line["line 12"].reason


def test_a_postcode_in_two_files_of_one_zip_is_caught(tmp_path):
    path = tmp_path / "pc.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a_E.csv", fx.csv_bytes(H, [row("E1 6AN", gigabit=10)]))
        zf.writestr("b_E.csv", fx.csv_bytes(H, [row("E1 6AN", gigabit=90)]))
    result = ofcom.read_ofcom(path)
    assert result.records == [] and len(result.rejects) == 2
    assert {r.source_file for r in result.rejects} == {"pc.zip!a_E.csv", "pc.zip!b_E.csv"}


def test_a_duplicated_column_is_read_when_its_copies_agree(tmp_path):
    gig = H.index("Gigabit availability (% premises)")
    headers = [*H, H[gig]]
    rows = [[*row(pc, gigabit=40), "40"] for pc in PCS[:3]]
    rows[1][-1] = "90"
    path = fx.write_csv(tmp_path / "pc_E.csv", headers, rows)
    result = ofcom.read_ofcom(path, level="gigabit")
    assert [r["gigabit_pct"] for r in result.records] == [40.0, 40.0]
    (reject,) = result.rejects
    assert reject.record == "line 3" and reject.field == H[gig] and "copies differ" in reject.reason
    assert any("appears more than once" in n for n in result.notes)


@pytest.mark.parametrize(
    ("value", "reason"),
    [("NaN", "not a number: 'NaN'"), ("inf", "not a number: 'inf'"), ("-5", "negative figure: '-5'"),
     ("140", "a percentage over 100: '140'"), ("lots", "not a number: 'lots'")],
)  # fmt: skip
def test_impossible_percentages_reject_the_row(tmp_path, value, reason):
    rows = [row(pc) for pc in PCS[:3]]
    rows[1][H.index("Gigabit availability (% premises)")] = value
    path = fx.write_csv(tmp_path / "pc_E.csv", H, rows)
    result = ofcom.read_ofcom(path)
    assert len(result.records) == 2
    (reject,) = result.rejects
    assert (reject.record, reject.field, reject.reason) == (
        "line 3",
        "Gigabit availability (% premises)",
        reason,
    )


def test_a_negative_premises_count_rejects_the_row(tmp_path):
    headers = [h for h in fx.LA_2023_HEADERS if h not in fx.LA_2023_IGNORED]
    rows = [
        fx.la_row("E09000001", "City", 12000, 85.0, headers=headers),
        fx.la_row("E09000033", "Westminster", 150000, 60.0, headers=headers),
    ]
    rows[0][2] = "-12000"
    path = fx.write_csv(tmp_path / "laua.csv", headers, rows)
    result = ofcom.read_ofcom(path)
    assert [r["laua"] for r in result.records] == ["E09000033"]
    assert result.rejects[0].field == "All Premises" and "negative" in result.rejects[0].reason


# --- ZIPs -----------------------------------------------------------------------------------


def test_a_truncated_zip_is_refused_not_read_as_a_csv(tmp_path):
    whole = fx.nested_2025_zip(tmp_path / "download.zip").read_bytes()
    path = tmp_path / "202507_fixed_broadband_coverage_r01.zip"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ArchiveError, match="truncated"):
        ofcom.read_ofcom(path)
    renamed = tmp_path / "coverage.dat"  # no .zip in the name: recognised by its content
    renamed.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ArchiveError, match="truncated"):
        ofcom.read_ofcom(renamed)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_a_zip_bomb_is_refused_before_it_is_expanded(tmp_path):
    # 4 MB of zeros packs into a few KB: over the ratio limit
    header = fx.csv_bytes(H, [])
    path = _zip(tmp_path / "bomb.zip", {"pc_E.csv": header + b"0" * (4 * 1024**2)})
    assert path.stat().st_size < 20_000
    with pytest.raises(ArchiveError) as err:
        ofcom.read_ofcom(path)
    assert "zip bomb" in str(err.value) and "max_ratio" in str(err.value) and "pc_E.csv" in str(err.value)


def test_a_bomb_of_many_small_members_is_refused_by_the_archive_ratio(tmp_path):
    members = {f"pc_{i:03d}.csv": b"0" * (200 * 1024) for i in range(30)}  # each under the 1 MB floor
    path = _zip(tmp_path / "many.zip", members)
    with pytest.raises(ArchiveError, match=r"times its size.*max_ratio.*zip bomb"):
        ofcom.read_ofcom(path)


def test_the_size_limits_are_named_when_exceeded(tmp_path):
    rows = [row(pc) for pc in PCS]
    path = _zip(tmp_path / "pc.zip", {"pc_E.csv": fx.csv_bytes(H, rows), "pc_N.csv": fx.csv_bytes(H, rows)})
    with pytest.raises(ArchiveError, match="per member \\(max_member_bytes\\)"):
        ofcom.read_ofcom(path, limits=ZipLimits(max_member_bytes=1000))
    with pytest.raises(ArchiveError, match="max_total_bytes"):
        ofcom.read_ofcom(path, limits=ZipLimits(max_total_bytes=1500))


def test_a_bomb_inside_the_nested_zip_is_refused_naming_both_archives(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("postcode_files/pc_E.csv", fx.csv_bytes(H, []) + b"0" * (4 * 1024**2))
    path = tmp_path / "outer.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("folder/inner_pc.zip", inner.getvalue())
    with pytest.raises(ArchiveError) as err:
        ofcom.read_ofcom(path)
    assert "outer.zip!folder/inner_pc.zip" in str(err.value) and "zip bomb" in str(err.value)


def test_zips_nested_deeper_than_ofcom_nests_them_are_refused(tmp_path):
    data = fx.csv_bytes(H, [row("E1 6AN")])
    for level in range(3):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(f"level{level}.zip" if level else "pc_E.csv", data)
        data = buf.getvalue()
    path = tmp_path / "deep.zip"
    path.write_bytes(data)
    with pytest.raises(ArchiveError, match="nested more than 2 deep"):
        ofcom.read_ofcom(path)


@pytest.mark.parametrize("name", ["../pc_E.csv", "postcode_files/../../pc_E.csv", "/tmp/pc_E.csv"])
def test_member_names_climbing_out_refuse_the_zip(tmp_path, name):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo(name), fx.csv_bytes(H, [row("E1 6AN")]))
    with pytest.raises(ArchiveError, match="absolute path or '..'"):
        ofcom.read_ofcom(path)


def test_a_binary_file_is_not_read_as_a_csv(tmp_path):
    path = tmp_path / "pc_E.csv"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="not a text CSV file"):
        ofcom.read_ofcom(path)

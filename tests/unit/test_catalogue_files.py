"""What Get from publisher does with a fetched entry's files, without QGIS
(``plugin.sources.catalogue``): the import's extra options, the pages' fingerprint, the row the
import wrote, a web page instead of the file, the download under its format's extension."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from dig_once.plugin.sources.catalogue import (
    import_id_of,
    import_options,
    is_web_page,
    load_catalogue,
    pages_sha256,
    with_extension,
)


def test_import_options_are_upper_cased_keys_and_skip_parts_without_a_key():
    assert import_options(" centroids = /d/onspd.csv ;;=x; premises=a=b;noequals") == {
        "CENTROIDS": "/d/onspd.csv",
        "PREMISES": "a=b",
    }


def test_pages_sha256_chains_each_pages_own_checksum_in_order(tmp_path: Path):
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    one.write_bytes(b'{"features": [1]}')
    two.write_bytes(b'{"features": []}')
    sha = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (one, two)]
    assert pages_sha256([one, two]) == hashlib.sha256(f"{sha[0]}\n{sha[1]}\n".encode()).hexdigest()
    assert pages_sha256([two, one]) != pages_sha256([one, two])


def test_import_id_is_the_given_one_else_the_newest_new_row_else_the_same_file():
    rows = [{"id": 1, "sha256": "aa"}, {"id": 2, "sha256": "bb"}, {"id": 3, "sha256": "aa"}]
    assert import_id_of(rows, 7.0, before=3, sha="aa") == 7
    assert import_id_of(rows, None, before=1, sha="aa") == 3  # rows 2 and 3 are new: the newest
    assert import_id_of(rows, 0, before=3, sha="aa") == 3  # nothing new: the latest with the checksum
    assert import_id_of(rows, None, before=3, sha="cc") is None
    assert import_id_of(rows, None, before=3, sha="") is None


def test_a_browser_check_page_is_a_web_page_and_a_zip_is_not(tmp_path: Path):
    page, archive = tmp_path / "a", tmp_path / "b"
    page.write_bytes(b"\xef\xbb\xbf\n  <!DOCTYPE html><html><body>Checking your browser")
    archive.write_bytes(b"PK\x03\x04 not html")
    assert is_web_page(page)
    assert not is_web_page(archive)
    assert not is_web_page(tmp_path / "missing")


def test_a_download_without_its_formats_extension_is_linked_under_the_source_name(tmp_path: Path):
    got = load_catalogue(environ={}).resolve(
        "street_manager_permits", {"MONTH": "2026-03"}, today=dt.date(2026, 12, 3)
    )
    download = tmp_path / "downloads_redirect"
    download.write_bytes(b"PK archive")
    named = with_extension(download, got)
    assert named == tmp_path / f"street_manager_permits{got.extension}"
    assert named.read_bytes() == b"PK archive" and download.exists()
    # a stale copy under that name is replaced; the same content is reused
    download.write_bytes(b"PK newer archive")
    assert with_extension(download, got).read_bytes() == b"PK newer archive"
    zipped = tmp_path / "already.zip"
    zipped.write_bytes(b"PK")
    assert with_extension(zipped, got) == zipped

"""A user's mistake is a sentence naming the path and what to do, never a traceback: in the
toolbox (Processing raises the sentence) and from ``qgis_process`` (nothing but the sentence)."""

from __future__ import annotations

import pytest
from qgis import processing
from qgis.core import QgsProcessingException

from dig_once.processing_algorithms.base import user_message

IMPORTS_TAKING_FILES = (
    "importworks",
    "importforwardplans",
    "importofcomcoverage",
    "importculturalvenues",
    "importfibrespine",
)


@pytest.mark.parametrize("name", IMPORTS_TAKING_FILES)
def test_a_folder_where_a_file_is_expected_is_a_sentence_in_process(plugin_provider, tmp_path, name):
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(QgsProcessingException) as raised:
        processing.run(f"digonce:{name}", {"INPUT": str(folder), "STORE": str(tmp_path / "store.gpkg")})
    text = str(raised.value)
    assert "Traceback" not in text
    assert "folder" in text or "INPUT" in text


@pytest.mark.parametrize("name", IMPORTS_TAKING_FILES)
def test_a_folder_where_a_file_is_expected_prints_no_traceback_from_qgis_process(
    run_qgis_process, tmp_path, name
):
    folder = tmp_path / "folder"
    folder.mkdir()
    result = run_qgis_process(
        ["run", f"digonce:{name}", "--", f"INPUT={folder}", f"STORE={tmp_path / 'store.gpkg'}"], check=False
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr


def test_unexpected_errors_become_sentences_naming_the_path():
    assert user_message(IsADirectoryError(21, "Is a directory", "/data/ofcom"), "Import X") == (
        "/data/ofcom is a folder: Import X needs a file here. Choose the file itself."
    )
    assert "/data/x.csv does not exist" in user_message(
        FileNotFoundError(2, "No such file", "/data/x.csv"), "I"
    )
    assert "permission denied" in user_message(PermissionError(13, "Permission denied", "/ro/s.gpkg"), "I")
    text = user_message(KeyError("boom"), "Find works clashes")
    assert (
        text.startswith("Find works clashes stopped on an unexpected error (KeyError") and "log panel" in text
    )

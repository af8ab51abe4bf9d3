"""An output's style and parameters are added without making QGIS wait for the disk."""

from __future__ import annotations

import sqlite3

import shapely

from dig_once.plugin.layerio.table_writer import write_layer


def test_style_and_stamp_are_written_without_syncing_the_output_just_written(qgis_app, tmp_path, monkeypatch):
    """The rows were written unsynced; a commit with SQLite's default sync waited while the
    kernel wrote them all out (0.6 s for a year of England's pairs). The style and the stamp
    are still there, read back."""
    from dig_once.plugin.toolbelt import outputs

    path = tmp_path / "pairs.gpkg"
    write_layer(
        path,
        "pairs",
        [("id_a", "str")],
        {"id_a": ["W1", "W2"]},
        [shapely.Point(530_000, 180_000)] * 2,
        "POINT",
    )
    statements: list[str] = []
    real = sqlite3.connect

    def traced(*args, **kwargs):
        db = real(*args, **kwargs)
        db.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(outputs.sqlite3, "connect", traced)
    outputs.save_default_style(str(path), "pairs", "<qgis/>", "Dig Once default style")
    outputs.stamp_parameters(str(path), "pairs", "digonce:findworksoverlaps", '{"DISTANCE": 25}')
    writes = [
        k
        for k, sql in enumerate(statements)
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "CREATE", "DELETE"))
    ]
    unsynced = [
        k for k, sql in enumerate(statements) if sql.replace(" ", "").upper() == "PRAGMASYNCHRONOUS=OFF"
    ]
    assert writes and len(unsynced) == 2
    assert all(any(u < w for u in unsynced) for w in writes)
    monkeypatch.undo()
    with real(path) as db:
        assert db.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = 'pairs'").fetchone() == (
            "<qgis/>",
        )
    assert outputs.read_stamped_parameters(str(path), "pairs") == '{"DISTANCE": 25}'

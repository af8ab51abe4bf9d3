"""Readers of the real published formats, producing canonical records. No QGIS here."""

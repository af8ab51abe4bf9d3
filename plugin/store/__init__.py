"""The local GeoPackage store and its catalogue. No QGIS here."""

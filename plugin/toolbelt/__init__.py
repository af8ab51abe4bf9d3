"""Small QGIS-side helpers: logging, translation, settings, resource paths."""

"""The engine: pure Python (shapely 2, numpy, pyproj). Nothing here imports QGIS."""

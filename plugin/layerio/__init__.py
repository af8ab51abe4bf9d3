"""GeoPackage reading and writing without QGIS (sqlite3, numpy, shapely; GDAL's bindings to read): the
parts of layer I/O the store, the algorithms' outputs and the QGIS-free readers use. No QGIS here.

``gpkg``
    The GeoPackage format by hand: geometry blobs (encode in bulk, decode), the metadata tables,
    feature tables with their rtree index and GDAL's triggers, and the SQL functions those
    triggers call, so a GeoPackage is written with no GDAL.
``gpkg_reader.open_geopackage``
    A GeoPackage someone else wrote (a forward plan, the Cultural Infrastructure Map), read
    through GDAL's own bindings with every value as stored and every GDAL error caught.
``table_writer.write_layer``
    A whole feature (or attribute) table written in one go from columns, its rtree index packed
    in bulk: what ``toolbelt.layer_io.write_columns`` uses for a GeoPackage destination.

The QGIS side (reading an input layer into columns, writing an output through a sink when the
destination is not a GeoPackage) is ``plugin/toolbelt/layer_io.py``.
"""

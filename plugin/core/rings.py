"""Many single-ring polygons as flat coordinate arrays: how the engines hand large sets of
simple polygons (group hulls) to the writers without making a shapely object per polygon.

Polygon ``k`` is the closed ring ``xy[offsets[k]:offsets[k + 1]]`` (first vertex repeated
last, at least 4 vertices), 2D, without holes.

>>> square = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], dtype=float)
>>> rings = Rings(np.concatenate([square, square + 5]), np.array([0, 5, 10]))
>>> len(rings), rings.to_shapely()[1].wkt
(2, 'POLYGON ((5 5, 6 5, 6 6, 5 6, 5 5))')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely


@dataclass
class Rings:
    xy: np.ndarray  # (m, 2) float64: every ring's vertices, ring after ring
    offsets: np.ndarray  # (n + 1,) int64: ring k is xy[offsets[k]:offsets[k + 1]]

    def __post_init__(self) -> None:
        self.xy = np.ascontiguousarray(self.xy, dtype=np.float64).reshape(-1, 2)
        self.offsets = np.asarray(self.offsets, dtype=np.int64)
        sizes = np.diff(self.offsets)
        if self.offsets[0] != 0 or self.offsets[-1] != len(self.xy) or (sizes < 4).any():
            raise ValueError("rings need offsets from 0 to the vertex count, 4+ vertices each")

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.offsets)

    def part(self, begin: int, stop: int) -> Rings:
        """Rings ``begin:stop`` (the writers encode large sets a slice at a time)."""
        first, last = self.offsets[begin], self.offsets[min(stop, len(self))]
        return Rings(self.xy[first:last], self.offsets[begin : min(stop, len(self)) + 1] - first)

    def to_shapely(self) -> np.ndarray:
        """The polygons as shapely geometries (an object array)."""
        if len(self) == 0:
            return np.empty(0, dtype=object)
        which = np.repeat(np.arange(len(self)), self.sizes)
        return shapely.polygons(shapely.linearrings(self.xy, indices=which))

    @classmethod
    def from_shapely(cls, polygons: np.ndarray) -> Rings:
        """Rings of single-ring polygons (their exterior rings)."""
        polygons = np.asarray(polygons, dtype=object)
        if len(polygons) and (
            (shapely.get_type_id(polygons) != 3).any() or (shapely.get_num_interior_rings(polygons) > 0).any()
        ):
            raise ValueError("only polygons without holes can be held as rings")
        xy, owner = shapely.get_coordinates(polygons, return_index=True)
        offsets = np.zeros(len(polygons) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum(np.bincount(owner, minlength=len(polygons)))
        return cls(xy, offsets)

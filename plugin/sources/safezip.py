"""A streaming, defensive ZIP reader for archives of a million small members.

``zipfile`` keeps a ``ZipInfo`` per member in memory (hundreds of MB for a Street Manager
month); this reader walks the central directory from disk instead, twice: once to check the
whole archive (complete directory, safe names, sizes within the caps) before anything is
read, then to decompress members one at a time, checking each CRC. Any fault raises
:class:`ArchiveError` naming the archive (and the member); a limit that is exceeded is named
in the message with its value.

Every ZIP the plugin reads goes through :class:`SafeZip` (never ``zipfile``): a ZIP held in
another ZIP (Ofcom nests its postcode files) is opened from the member's bytes, with the
same checks.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..core.errors import ArchiveError

try:  # optional (requirements.txt): ISA-L's inflate, the same bytes as zlib's in about 2/3 the time
    from isal import isal_zlib as _inflating
except ImportError:
    _inflating = zlib
#: what a failed inflate raises (zlib's error, or ISA-L's)
_INFLATE_ERRORS = (zlib.error, _inflating.error)

_EOCD = struct.Struct("<4s4H2LH")
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
#: the fields of a central directory entry the reader uses: signature, flags, method, CRC,
#: sizes, name/extra/comment lengths, local header offset (the rest skipped)
_CENTRAL_USED = struct.Struct("<4s4x2H4xL2L3H8xL")
_LOCAL = struct.Struct("<4s5H3L2H")
_U32 = 0xFFFFFFFF
_U16 = 0xFFFF


@dataclass(frozen=True)
class ZipLimits:
    """Caps against zip bombs: total expanded size, one member's size, and expansion ratio
    (of each member, and of the whole archive against its own size)."""

    max_total_bytes: int = 32 * 1024**3
    max_member_bytes: int = 256 * 1024**2
    max_ratio: float = 200.0
    #: members smaller than this are never refused for their ratio (tiny files compress oddly)
    ratio_floor_bytes: int = 1024**2


class _Entry(NamedTuple):
    name: str
    flags: int
    method: int
    crc: int
    csize: int
    usize: int
    offset: int
    at: int = 0  # where the entry is in the central directory (a file offset)


#: bytes of the central directory read at once
_DIRECTORY_BLOCK = 1 << 20
#: ... by the check of a plain directory (:meth:`SafeZip._check_plain_directory`): its numpy
#: arrays take ~20 bytes a byte of it
_PLAIN_BLOCK = 4 << 20
#: the most bytes :meth:`SafeZip.read_many` reads at once (else it reads member by member)
_SPAN_MAX = 64 * 1024**2
#: entries a directory part holds (:attr:`SafeZip.parts`)
DIRECTORY_PART = 2048


def _size(n: float) -> str:
    """``1,073,741,824 bytes (1024 MB)``: exact for the record, rounded for a reader."""
    return f"{int(n):,} bytes ({n / 1024**2:,.0f} MB)" if n >= 1024**2 else f"{int(n):,} bytes"


def _unsafe_name(name: str) -> bool:
    if ".." not in name and name[:1] not in "/\\" and name[1:2] != ":":
        return False
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    return any(part == ".." for part in name.replace("\\", "/").split("/"))


class SafeZip:
    """Members of a ZIP archive, checked and streamed.

    >>> import io, zipfile, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "a.zip")
    >>> with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("e1.json", '{"a": 1}')
    >>> archive = SafeZip(path)
    >>> len(archive), [(n, d) for n, d in archive.members()]
    (1, [('e1.json', b'{"a": 1}')])
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | bytes,
        limits: ZipLimits | None = None,
        *,
        label: str | None = None,
    ):
        # one pass over the directory here (checks), one more in members(): nothing is kept per member.
        # ``path`` may be the bytes of a ZIP held in another ZIP; ``label`` then names it in messages.
        self._data = bytes(path) if isinstance(path, (bytes, bytearray, memoryview)) else None
        self.path = Path(label or "archive.zip") if self._data is not None else Path(path)  # type: ignore[arg-type]
        self.label = label or str(self.path)
        self.limits = limits or ZipLimits()
        try:
            self.size = len(self._data) if self._data is not None else self.path.stat().st_size
            with self._open() as f:
                self.cd_offset, self.cd_size, self.count = self._find_directory(f)
        except OSError as exc:
            raise ArchiveError(f"cannot read the archive: {exc}", path=self.label) from exc
        self.total_bytes = self._check_directory()

    def _open(self, buffering: int = -1):
        if self._data is not None:
            return io.BytesIO(self._data)
        return open(self.path, "rb", buffering=buffering)

    def __len__(self) -> int:
        return self.count

    def _error(self, message: str, member: str | None = None) -> ArchiveError:
        return ArchiveError(message + "; the archive is rejected whole", path=self.label, record=member)

    def _find_directory(self, f) -> tuple[int, int, int]:
        tail_size = min(self.size, _EOCD.size + 0xFFFF)
        f.seek(self.size - tail_size)
        tail = f.read(tail_size)
        pos = tail.rfind(b"PK\x05\x06")
        if pos < 0 or len(tail) - pos < _EOCD.size:
            raise self._error(
                "no end of central directory: the archive is truncated, or was streamed without a directory"
            )
        _sig, _disk, _cd_disk, _n_disk, count, cd_size, cd_offset, _comment = _EOCD.unpack_from(tail, pos)
        eocd_at = self.size - tail_size + pos
        if count == _U16 or cd_size == _U32 or cd_offset == _U32:
            loc_at = eocd_at - _EOCD64_LOCATOR.size
            if loc_at < 0:
                raise self._error("ZIP64 locator missing")
            f.seek(loc_at)
            sig, _d, eocd64_at, _n = _EOCD64_LOCATOR.unpack(f.read(_EOCD64_LOCATOR.size))
            if sig != b"PK\x06\x07":
                raise self._error("ZIP64 locator missing")
            f.seek(eocd64_at)
            record = f.read(_EOCD64.size)
            if len(record) < _EOCD64.size or record[:4] != b"PK\x06\x06":
                raise self._error("ZIP64 end of central directory damaged")
            _s, _sz, _vm, _vn, _d1, _d2, _n1, count, cd_size, cd_offset = _EOCD64.unpack(record)
            eocd_at = eocd64_at
        if cd_offset + cd_size > eocd_at:
            raise self._error("the central directory points past the end of the archive (truncated)")
        return cd_offset, cd_size, count

    def _records(self) -> Iterator[tuple[int, int, int, int, int, int, int, bytes]]:
        """The directory's entries in order as ``(where, flags, method, crc, csize, usize,
        offset, raw name)``, read from disk a block at a time (a Street Manager month's
        directory is ~75 MB: never held whole, nor read with two reads and a seek an entry)."""
        with self._open(0) as f:
            f.seek(self.cd_offset)
            buf, at, pos = b"", self.cd_offset, 0  # ``at``: the file offset of buf[pos]
            unpack, size, block = _CENTRAL_USED.unpack_from, _CENTRAL.size, _DIRECTORY_BLOCK
            for _ in range(self.count):
                if len(buf) - pos < size:
                    buf, pos = buf[pos:] + f.read(max(block, size)), 0
                    if len(buf) < size:
                        raise self._error("bad central directory entry")
                sig, flags, method, crc, csize, usize, nlen, xlen, clen, offset = unpack(buf, pos)
                if sig != b"PK\x01\x02":
                    raise self._error("bad central directory entry")
                end = pos + size + nlen + xlen + clen
                if end > len(buf):
                    buf, pos, end = buf[pos:] + f.read(max(block, end - pos)), 0, end - pos
                    if end > len(buf):
                        raise self._error("bad central directory entry")
                name_end = pos + size + nlen
                if _U32 in (csize, usize, offset):
                    usize, csize, offset = _zip64_sizes(buf[name_end : name_end + xlen], usize, csize, offset)
                yield at, flags, method, crc, csize, usize, offset, buf[pos + size : name_end]
                at += end - pos
                pos = end

    def _entries(self) -> Iterator[_Entry]:
        for at, flags, method, crc, csize, usize, offset, raw_name in self._records():
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
            yield _Entry(name, flags, method, crc, csize, usize, offset, at)

    def _check_directory(self) -> int:
        """Check every entry before anything is read (safe names, data before the directory,
        sizes and ratios within the limits); the expanded size of the whole archive. Notes
        where every :data:`DIRECTORY_PART`-th entry starts (:attr:`parts`, parts of
        :attr:`part_size` entries). A Street Manager month for England (822,188 entries) is
        checked in ~0.2 s (:meth:`_check_plain_directory`; 0.7 s entry by entry)."""
        total = self._check_plain_directory()
        if total is None:  # anything out of the ordinary: entry by entry, which says what
            total = self._check_entries()
        limits = self.limits
        # many small members, each under the ratio floor, can still make a bomb together
        if total > limits.ratio_floor_bytes and total > limits.max_ratio * max(self.size, 1):
            raise self._error(
                f"archive of {_size(self.size)} expands to {_size(total)}, {total / max(self.size, 1):,.0f} "
                f"times its size, over the limit of {limits.max_ratio:g} times (max_ratio): a zip bomb?"
            )
        return total

    def _check_plain_directory(self) -> int | None:
        """:meth:`_check_entries` with numpy, a block of the directory at a time, for a directory
        with nothing to say: its entries one after another, names without '..' or ':' or a
        leading slash, no ZIP64 sizes, every member within the limits (the expanded size of
        the whole archive, and :attr:`parts`, as :meth:`_check_entries` gives them). None as
        soon as anything else shows (a fault, or only something to look at closer, such as a
        name holding the bytes of an entry's signature): the entry-by-entry check then decides."""
        limits = self.limits
        part = DIRECTORY_PART
        parts: list[int] = []
        total, done, at, buf = 0, 0, self.cd_offset, b""
        with self._open(0) as f:
            f.seek(self.cd_offset)
            while done < self.count:
                more = f.read(_PLAIN_BLOCK)
                buf += more
                a = np.frombuffer(buf, dtype=np.uint8)
                n = len(a)
                if n < _CENTRAL.size:  # not yet one entry's fixed part
                    if not more:
                        return None
                    continue
                # candidate entries: the signature, with a whole fixed part in the buffer
                sig = np.flatnonzero(
                    (a[: n - 3] == 0x50) & (a[1 : n - 2] == 0x4B) & (a[2 : n - 1] == 1) & (a[3:] == 2)
                )
                sig = sig[sig + _CENTRAL.size <= n]
                if not len(sig) or sig[0] != 0:
                    return None

                def u16(offset: int, sig: np.ndarray = sig, a: np.ndarray = a) -> np.ndarray:
                    return a[sig + offset].astype(np.int64) | (a[sig + offset + 1].astype(np.int64) << 8)

                def u32(offset: int, u16: Callable = u16) -> np.ndarray:
                    return u16(offset) | (u16(offset + 2) << 16)

                names = sig + _CENTRAL.size
                nlen = u16(28)
                end = names + nlen + u16(30) + u16(32)
                # entries follow one another: a candidate that is not where the one before ends
                # (a signature inside a name) ends the chain; only whole entries are taken
                chained = np.flatnonzero(end[:-1] != sig[1:])
                length = int(chained[0]) + 1 if len(chained) else len(sig)
                whole = min(int(np.searchsorted(end[:length], n, side="right")), self.count - done)
                if length < len(sig) and whole == length and end[length - 1] + _CENTRAL.size <= n:
                    return None  # the chain broken within the block
                if whole == 0:  # not yet one whole entry (a long name)
                    if not more:
                        return None
                    continue
                csize, usize, offset = u32(20)[:whole], u32(24)[:whole], u32(42)[:whole]
                sig, names, nlen, end = sig[:whole], names[:whole], nlen[:whole], end[:whole]
                if (
                    (csize == _U32).any()
                    or (usize == _U32).any()
                    or (offset == _U32).any()
                    or (nlen == 0).any()
                ):
                    return None
                # names: no '..', no ':', no leading slash or backslash (else decoded and judged);
                # such bytes found anywhere are looked up in the names
                colons = np.flatnonzero(a == 0x3A)
                dots = np.flatnonzero((a[:-1] == 0x2E) & (a[1:] == 0x2E))
                hits = np.concatenate([colons, dots, dots + 1])
                within = np.searchsorted(names, hits, side="right") - 1
                ok = within >= 0
                if (hits[ok] < names[within[ok]] + nlen[within[ok]]).any() or np.isin(
                    a[names], (0x2F, 0x5C)
                ).any():
                    return None
                if (
                    (offset + csize > self.cd_offset).any()
                    or (usize > limits.max_member_bytes).any()
                    or (
                        (usize > limits.ratio_floor_bytes) & (usize > limits.max_ratio * np.maximum(csize, 1))
                    ).any()
                ):
                    return None
                total += int(usize.sum())
                if total > limits.max_total_bytes:
                    return None
                first = (-done) % part
                parts += (at + sig[first::part]).tolist()
                done += whole
                cut = int(end[-1])
                at += cut
                buf = buf[cut:]
                if not more and done < self.count:
                    return None
        self.parts, self.part_size = parts, part
        return total

    def _check_entries(self) -> int:
        """:meth:`_check_directory` entry by entry: raises for the first entry at fault."""
        total = 0
        limits = self.limits
        max_member, floor, max_ratio = limits.max_member_bytes, limits.ratio_floor_bytes, limits.max_ratio
        self.parts: list[int] = []
        self.part_size = part = DIRECTORY_PART
        for k, (at, flags, _m, _c, csize, usize, offset, raw_name) in enumerate(self._records()):
            if k % part == 0:
                self.parts.append(at)
            # a name without '..', ':' or a leading slash is safe however it decodes
            if b".." in raw_name or b":" in raw_name or raw_name[:1] in (b"/", b"\\", b""):
                name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
                if _unsafe_name(name):
                    raise self._error("member with an absolute path or '..' refused", name)
            if (
                offset + csize > self.cd_offset
                or usize > max_member
                or (usize > floor and usize > max_ratio * max(csize, 1))
            ):
                self._check_entry(
                    raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace"),
                    csize,
                    usize,
                    offset,
                )
            total += usize
            if total > limits.max_total_bytes:
                raise self._error(
                    f"archive expands to more than {_size(limits.max_total_bytes)}, the limit "
                    "(max_total_bytes): a zip bomb?"
                )
        return total

    def _check_entry(self, name: str, csize: int, usize: int, offset: int) -> None:
        """Raise for an entry whose data or sizes break a rule (see :meth:`_check_directory`)."""
        limits = self.limits
        if offset + csize > self.cd_offset:
            raise self._error("member data lies past the start of the directory (truncated)", name)
        if usize > limits.max_member_bytes:
            raise self._error(
                f"member expands to {_size(usize)}, over the limit of "
                f"{_size(limits.max_member_bytes)} per member (max_member_bytes): a zip bomb?",
                name,
            )
        raise self._error(
            f"member expands {usize / max(csize, 1):,.0f} times, over the limit of "
            f"{limits.max_ratio:g} times (max_ratio): a zip bomb?",
            name,
        )

    def names(self) -> list[str]:
        """The names of the file members (folders left out), in directory order."""
        return [entry.name for entry in self._entries() if not entry.name.endswith("/")]

    def members(
        self, *, suffix: str | None = None, select: Callable[[str], bool] | None = None
    ) -> Iterator[tuple[str, bytes]]:
        """``(name, content)`` of each file member, in directory order (folders skipped); only
        names ending in ``suffix`` and/or for which ``select(name)`` is true, when given."""
        limits = self.limits
        with self._open(1 << 20) as data:
            for entry in self._entries():
                if entry.name.endswith("/") or (suffix and not entry.name.lower().endswith(suffix)):
                    continue
                if select is not None and not select(entry.name):
                    continue
                yield entry.name, self._read(data, entry, limits)

    def _read(self, data, entry: _Entry, limits: ZipLimits) -> bytes:
        if entry.flags & 0x1:
            raise self._error("encrypted member", entry.name)
        data.seek(entry.offset)
        head = data.read(_LOCAL.size)
        if len(head) < _LOCAL.size or head[:4] != b"PK\x03\x04":
            raise self._error("bad local header", entry.name)
        nlen, xlen = _LOCAL.unpack(head)[-2:]
        if nlen + xlen:
            data.seek(nlen + xlen, 1)
        raw = data.read(entry.csize)
        if len(raw) < entry.csize:
            raise self._error("member data cut short (truncated)", entry.name)
        return self._inflate(entry, raw, limits)

    def read_many(self, data, entries: list[_Entry], limits: ZipLimits) -> Iterator[bytes]:
        """The contents of ``entries`` (file members of this archive, open as ``data``), in
        order, as :meth:`_read` gives them (the same checks and errors). When their data lie
        within :data:`_SPAN_MAX` bytes (the members of a part of the directory lie one after
        another), the span is read at once and each member taken from memory: a worker reads
        a part of a Street Manager month this way, not with three reads and a seek a member."""
        if not entries:
            return
        lo = min(e.offset for e in entries)
        # a local header may carry a name and an extra field of up to 64 KiB each
        hi = min(max(e.offset + e.csize for e in entries) + _LOCAL.size + 2 * _U16, self.cd_offset)
        if hi - lo > _SPAN_MAX:
            for entry in entries:
                yield self._read(data, entry, limits)
            return
        data.seek(lo)
        buf = data.read(hi - lo)
        view = memoryview(buf)
        unpack, size, end = _LOCAL.unpack_from, _LOCAL.size, len(buf)
        for entry in entries:
            if entry.flags & 0x1:
                raise self._error("encrypted member", entry.name)
            at = entry.offset - lo
            if at + size > end or buf[at : at + 4] != b"PK\x03\x04":
                yield self._read(data, entry, limits)  # past the span, or a bad header: _read says
                continue
            nlen, xlen = unpack(buf, at)[-2:]
            start = at + size + nlen + xlen
            if start + entry.csize > end:
                yield self._read(data, entry, limits)
                continue
            yield self._inflate(entry, view[start : start + entry.csize], limits)

    def _inflate(self, entry: _Entry, raw: bytes | memoryview, limits: ZipLimits) -> bytes:
        """The content of a member from its stored data (checked: size and CRC)."""
        if entry.method == 0:
            content = bytes(raw)
        elif entry.method == 8:
            inflater = _inflating.decompressobj(-15)
            try:
                content = inflater.decompress(raw, entry.usize + 1)
            except _INFLATE_ERRORS as exc:
                raise self._error(f"cannot decompress: {exc}", entry.name) from exc
        else:
            raise self._error(f"unsupported compression method {entry.method}", entry.name)
        if len(content) != entry.usize or len(content) > limits.max_member_bytes:
            raise self._error(
                f"member expands to {len(content)}+ bytes, not the {entry.usize} its header declares",
                entry.name,
            )
        if zlib.crc32(content) != entry.crc:
            raise self._error("CRC error: the member is damaged", entry.name)
        return content


def _zip64_sizes(extra: bytes, usize: int, csize: int, offset: int) -> tuple[int, int, int]:
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<2H", extra, pos)
        if tag == 0x0001:
            values = iter(struct.unpack_from(f"<{size // 8}Q", extra, pos + 4))
            if usize == _U32:
                usize = next(values)
            if csize == _U32:
                csize = next(values)
            if offset == _U32:
                offset = next(values)
            break
        pos += 4 + size
    return usize, csize, offset

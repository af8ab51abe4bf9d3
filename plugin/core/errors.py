"""The plugin's exception hierarchy. Messages name the file, the record and the field."""

from __future__ import annotations


class DigOnceError(Exception):
    """Base of every error Dig Once raises on purpose."""


class InputError(DigOnceError):
    """Bad input: a file, record or field that cannot be used.

    Parameters
    ----------
    message:
        What is wrong, in words a planner understands.
    path, record, field:
        Where it is; each is optional and, when given, is written into the message.
    """

    def __init__(
        self, message: str, *, path: str | None = None, record: str | None = None, field: str | None = None
    ):
        self.reason = message
        self.path = path
        self.record = record
        self.field = field
        where = []
        if path:
            where.append(f"file {path}")
        if record:
            where.append(f"record {record}")
        if field:
            where.append(f"field {field!r}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class ArchiveError(InputError):
    """A whole archive (e.g. a Street Manager month) cannot be read and is rejected whole."""


class SchemaError(InputError):
    """A file's columns or fields do not match the published layout."""


class StoreError(DigOnceError):
    """The local store cannot be read or written."""


class Cancelled(DigOnceError):
    """The user cancelled; whatever was under way has been rolled back."""

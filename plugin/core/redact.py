"""Credentials never leave the process: any user name/password or secret query value in an
address is removed before the address is logged, stamped into an output, written to the
store's catalogue, cached or reported. Credentials reach a server only through QGIS's
authentication manager (an AUTHCFG parameter), never through the address itself."""

from __future__ import annotations

import re
from typing import Any

#: ``scheme://user:password@`` (or ``user@``) anywhere in a text.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/?#\s]*@")
#: Query parameters whose values are secrets (``?token=...&api_key=...``).
_SECRET_QUERY = re.compile(
    r"(?i)([?&;](?:password|passwd|pwd|pass|token|access_token|auth|authorization|api_?key|key|"
    r"secret|client_secret|signature|sig)=)[^&#\s\"']*"
)
MASK = "***"


def has_credentials(url: str) -> bool:
    """Whether an address carries a user name/password (``scheme://user:pw@host``)."""
    return bool(_USERINFO.search(str(url)))


def redact(text: str) -> str:
    """``text`` with every address's user name/password removed and secret query values
    masked.

    >>> redact("Downloading https://me:s3cret@example.org/a.csv?token=abc&x=1")
    'Downloading https://example.org/a.csv?token=***&x=1'
    """
    text = _USERINFO.sub(r"\1", text)
    return _SECRET_QUERY.sub(lambda m: m.group(1) + MASK, text)


def redact_values(value: Any) -> Any:
    """:func:`redact` applied to every string in ``value`` (dicts, lists, tuples as they are)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_values(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_values(v) for v in value)
    return value

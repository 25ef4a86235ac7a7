"""Failures of the local store that callers may want to tell apart."""
from __future__ import annotations


class CacheError(Exception):
    """Something the local store could not do."""


class SchemaTooNew(CacheError):
    """The database file was written by a newer version of the till (an unknown schema revision)."""


class OutboxStateError(CacheError):
    """An outbox row is missing or not in the state the requested transition starts from."""


class JournalConflict(CacheError):
    """The same operation and key were recorded before with a different payload."""

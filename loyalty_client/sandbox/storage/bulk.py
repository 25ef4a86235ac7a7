"""Many rows through one statement in one driver call, each value bound as SQLAlchemy binds it.

SQLAlchemy's executemany of a statement builds every row's parameters through its general
machinery, which costs more than the database's own work on a batch's rows. `execute_many`
compiles a statement once per dialect and set of row keys, binds each row with the very type
processors SQLAlchemy would use (`Hundredths`, `UtcDateTime`, the dialect's own), and hands the
rows to the driver's executemany. A statement that needs Python-side column defaults, or values
SQLAlchemy computes per execution, goes the ordinary way.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement

_ROW = object()  # marks a parameter whose value each row gives


@dataclass(frozen=True)
class _Prepared:
    """A statement compiled for one dialect and the way each row's values are bound to it."""

    sql: str
    positional: bool
    names: tuple[str, ...]
    values: tuple[Any, ...]  # per parameter: `_ROW`, or the value the statement itself fixes
    processors: tuple[Callable[[Any], Any] | None, ...]

    def bind(self, row: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """One row's parameters as the driver takes them."""
        values = [row[name] if fixed is _ROW else fixed for name, fixed in zip(self.names, self.values)]
        bound = [value if process is None else process(value) for value, process in zip(values, self.processors)]
        return tuple(bound) if self.positional else dict(zip(self.names, bound))


@functools.lru_cache(maxsize=64)
def _prepare(statement: ClauseElement, dialect: Dialect, keys: tuple[str, ...]) -> _Prepared | None:
    """`statement` compiled for rows with `keys`, or None when it cannot be bound here."""
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    if getattr(compiled, "insert_prefetch", None) or getattr(compiled, "update_prefetch", None):
        return None  # column defaults computed in Python for each row
    if compiled.literal_execute_params or compiled.post_compile_params:
        return None  # expanded into the SQL at execution time
    names = tuple(compiled.positiontup) if compiled.positional else tuple(compiled.bind_names.values())
    values = []
    processors = []
    for name in names:
        bind = compiled.binds[name]
        if name in keys:
            values.append(_ROW)
        elif bind.callable is None and not bind.required:
            values.append(bind.value)
        else:
            return None
        processors.append(bind.type.dialect_impl(dialect).bind_processor(dialect))
    return _Prepared(compiled.string, bool(compiled.positional), names, tuple(values), tuple(processors))


def execute_many(session: Session, statement: ClauseElement, rows: Sequence[Mapping[str, Any]]) -> int:
    """Run `statement` once for each of `rows` (dicts with the same keys) in the session's
    transaction, as `session.execute(statement, rows)` would; returns the rows it matched, as the
    driver counts them (-1 where it cannot tell)."""
    if not rows:
        return 0
    connection = session.connection()
    prepared = _prepare(statement, connection.dialect, tuple(rows[0]))
    if prepared is None:
        return int(session.execute(statement, list(rows)).rowcount)
    return int(connection.exec_driver_sql(prepared.sql, [prepared.bind(row) for row in rows]).rowcount)

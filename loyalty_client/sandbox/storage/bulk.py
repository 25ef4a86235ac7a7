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
from operator import itemgetter
from typing import Any, Callable, Mapping, Sequence

from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement

@dataclass(frozen=True)
class _Prepared:
    """A statement compiled for one dialect and the way each row's values are bound to it."""

    sql: str
    positional: bool
    names: tuple[str, ...]  # every parameter's, in the statement's order
    take: Callable[[Mapping[str, Any]], Any]  # a row's values of the parameters it gives, in that order
    several: bool  # whether it gives more than one (`take` then returns a tuple)
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]  # (position among them, processor)
    fixed: tuple[tuple[int, Any], ...]  # (index, value bound) of the parameters the statement fixes

    def bind(self, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
        """Every row's parameters as the driver takes them."""
        bound = []
        last: dict[int, tuple[Any, Any]] = {}  # per position, the value before and what it bound as
        for row in rows:
            values = list(self.take(row)) if self.several else [self.take(row)]
            for position, process in self.processors:
                # A value the row before also had (a batch's moment, a constant zero) is bound once.
                value = values[position]
                before = last.get(position)
                if before is not None and before[0] is value:
                    values[position] = before[1]
                else:
                    result = process(value)
                    last[position] = (value, result)
                    values[position] = result
            for index, value in self.fixed:
                values.insert(index, value)
            bound.append(tuple(values) if self.positional else dict(zip(self.names, values)))
        return bound


@functools.lru_cache(maxsize=64)
def _prepare(statement: ClauseElement, dialect: Dialect, keys: tuple[str, ...]) -> _Prepared | None:
    """`statement` compiled for rows with `keys`, or None when it cannot be bound here."""
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    if getattr(compiled, "insert_prefetch", None) or getattr(compiled, "update_prefetch", None):
        return None  # column defaults computed in Python for each row
    if compiled.literal_execute_params or compiled.post_compile_params:
        return None  # expanded into the SQL at execution time
    names = tuple(compiled.positiontup) if compiled.positional else tuple(compiled.bind_names.values())
    given: list[str] = []
    processors = []
    fixed = []
    for index, name in enumerate(names):
        bind = compiled.binds[name]
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if name in keys:
            if process is not None:
                processors.append((len(given), process))
            given.append(name)
        elif bind.callable is None and not bind.required:
            fixed.append((index, bind.value if process is None else process(bind.value)))
        else:
            return None
    if not given:
        return None
    return _Prepared(
        compiled.string, bool(compiled.positional), names, itemgetter(*given), len(given) > 1, tuple(processors),
        tuple(fixed),
    )


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
    return int(connection.exec_driver_sql(prepared.sql, prepared.bind(rows)).rowcount)

"""Two database helpers for the hottest paths of every API request (docs/scale.md, "Where the CPU goes").

Measured at 400 000 households on 2 cores, the app's CPU per request, not PostgreSQL, limits the load
test. Two costs were the same on every request and bought nothing:

* **Compiling a constant query.** Django compiles a QuerySet to SQL on every call: for the API-key
  lookup (a key, its user, the user's municipality and team: 4 tables, 60 columns) that was 0.52 ms of
  0.90 ms, on every API request. `RowQuery` writes such a fixed-shape SELECT once per process and
  database and turns a row into model instances with the backend's own converters, the way the ORM does
  (`Model.from_db`, related objects cached as `select_related` caches them).
* **Reading timestamps.** Django reads every `timestamptz` through a Python subclass of psycopg's loader
  (to attach its own UTC object), although psycopg ships a C one: a household list reads about 160
  timestamps. `register_fast_timestamp_loader` parses PostgreSQL's ISO text with the C-implemented
  `datetime.fromisoformat` instead: 2.9 → 2.2 ms CPU for one page of 25 households with their
  neighbourhood and team. Same values, same `datetime.timezone.utc` object.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

_fromisoformat = datetime.datetime.fromisoformat


def register_fast_timestamp_loader(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created` receiver: on PostgreSQL with the session in UTC (Django sets it when USE_TZ is
    on), read `timestamptz` text with `datetime.fromisoformat`. Anything that form does not cover (BC
    dates, 'infinity', years past 9999) falls back to Django's own loader."""
    if connection.vendor != "postgresql" or connection.timezone is not datetime.UTC:
        return
    from django.db.backends.postgresql.psycopg_any import BaseTzLoader

    class UtcIsoLoader(BaseTzLoader):  # type: ignore[misc, valid-type]
        # Django's cursor check compares this attribute with the connection's zone: equal, so kept.
        timezone = datetime.UTC

        def load(self, data: Any) -> datetime.datetime:
            try:
                # PostgreSQL's text form in UTC: '2026-11-30 14:24:36.123456+00'.
                return _fromisoformat(bytes(data).decode())
            except ValueError:
                return super().load(data)  # type: ignore[no-any-return]

    connection.connection.adapters.register_loader("timestamptz", UtcIsoLoader)


Converter = Callable[[Any, Any, Any], Any]


class RowQuery:
    """A fixed-shape SELECT over `models` joined one to one (the first model, then each related object),
    written once per process and database, returning model instances.

    `sql(connection, columns)` returns the statement given the select list; `links` names, for each model
    after the first, the (index of the model it hangs from, foreign-key field name) so the instances are
    cached on each other exactly as `select_related` would (no query when a view reads `token.user`).
    Use it only where a profile shows the ORM's compile cost matters; everywhere else write a QuerySet."""

    def __init__(
        self,
        *models: type[Model],
        links: Sequence[tuple[int, str]],
        sql: Callable[[BaseDatabaseWrapper, str], str],
    ) -> None:
        if len(links) != len(models) - 1:
            raise ValueError("every model after the first needs one link")
        self.models = models
        self.links = links
        self._sql = sql
        self._compiled: dict[str, tuple[str, list[_ModelPlan]]] = {}

    @staticmethod
    def alias(index: int) -> str:
        return f"r{index}"

    def _compile(self, connection: BaseDatabaseWrapper) -> tuple[str, list[_ModelPlan]]:
        compiled = self._compiled.get(connection.alias)
        if compiled is None:
            quote = connection.ops.quote_name
            columns: list[str] = []
            plan: list[_ModelPlan] = []
            for index, model in enumerate(self.models):
                alias = self.alias(index)
                fields = model._meta.concrete_fields
                converted = []
                for field in fields:
                    columns.append(f"{alias}.{quote(str(field.column))}")
                    col = field.get_col(alias)
                    converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
                    converted.append((col, converters))
                pk = [field.primary_key for field in fields].index(True)
                plan.append(_ModelPlan(model, [field.attname for field in fields], pk, converted))
            compiled = (self._sql(connection, ", ".join(columns)), plan)
            self._compiled[connection.alias] = compiled
        return compiled

    def first(self, params: Sequence[Any]) -> list[Model | None] | None:
        """The instances of the first row (one per model; None for an empty outer join), or None."""
        db = router.db_for_read(self.models[0])
        connection = connections[db]
        sql, plan = self._compile(connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        instances: list[Model | None] = []
        start = 0
        for part in plan:
            values = list(row[start : start + len(part.attnames)])
            start += len(part.attnames)
            if values[part.pk] is None:
                instances.append(None)
                continue
            for position, (col, converters) in enumerate(part.converters):
                for convert in converters:
                    values[position] = convert(values[position], col, connection)
            instances.append(part.model.from_db(db, part.attnames, values))
        for index, (parent, field_name) in enumerate(self.links, start=1):
            owner = instances[parent]
            if owner is not None:
                owner._meta.get_field(field_name).set_cached_value(owner, instances[index])  # type: ignore[union-attr]
        return instances


@dataclass(frozen=True)
class _ModelPlan:
    """One model's slice of the row: its columns' attribute names, where its key is, the converters."""

    model: type[Model]
    attnames: list[str]
    pk: int
    converters: list[tuple[Any, list[Converter]]]


_INSERTS: dict[tuple[type[Model], str], tuple[str, list[Any]]] = {}


def insert_row(instance: Model, *, using: str) -> None:
    """INSERT one new instance with a statement written once per model and database, and set its key.

    For an append-only table written on every request (the access log): `Model.save()` compiles the
    INSERT again each time. Values go through each field's own `pre_save` and `get_db_prep_save`, as
    `save()` does; no signals are sent (the caller's model has none and must not get any)."""
    connection = connections[using]
    model = type(instance)
    statement = _INSERTS.get((model, using))
    if statement is None:
        fields = [f for f in model._meta.concrete_fields if f is not model._meta.auto_field]
        quote = connection.ops.quote_name
        statement = (
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(str(f.column)) for f in fields)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(str(model._meta.pk.column))}",  # type: ignore[union-attr]
            fields,
        )
        _INSERTS[(model, using)] = statement
    sql, fields = statement
    values = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        instance.pk = cursor.fetchone()[0]
    instance._state.adding = False
    instance._state.db = using

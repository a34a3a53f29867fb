"""One page contract for every list, rendered by both the HTML pages and the API.

A list view reads a :class:`PageRequest` from the query string, the selector turns its query set into a
:class:`Page` with :meth:`PageRequest.page`, and the view renders that page: the HTML template with
``web/includes/pagination.html`` (links from :meth:`Page.bind`), the API with
:class:`NoCountPagination` as ``{"next": url, "previous": url, "results": [...]}``.

Two ways to cut a page, one contract:

* **Offset** (``?page=3``) for short lists (a household's contacts, the social map): simple, and a
  page number can be shown.
* **Keyset** (``?cursor=...``) for lists that grow without bound (households, trajectories, questions,
  mandate requests, the access log). The cursor holds the sort values of the last row shown; the next
  page is ``WHERE (sort columns) > (those values) ORDER BY sort columns LIMIT size + 1``, which an
  index on the sort columns answers in the same time on page 1 and on page 2 000. An offset would
  make the database walk and throw away every earlier row.

Neither way ever runs ``COUNT(*)``: one row more than the page size tells whether a next page exists.
"""

import base64
import binascii
import json
import operator
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any, Generic, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, Q, QuerySet
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

T = TypeVar("T")

PAGE_PARAM = "page"
CURSOR_PARAM = "cursor"
SIZE_PARAM = "page_size"
DEFAULT_SIZE = 25
MAX_SIZE = 100
# The highest page number the API takes: past it an offset no longer fits the database's integer (a 500).
MAX_PAGE = 100_000


def _positive_int(value: str | None, default: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if number > 0 else default


@dataclass(frozen=True)
class Cursor:
    """A position in a keyset-ordered list: the sort values of one row, and which way to read."""

    values: tuple[Any, ...]
    before: bool = False  # True: the page ends just before this row (the "previous" link)
    number: int = 1  # the number of the page this cursor leads to, for captions and the access log

    def encode(self) -> str:
        raw = json.dumps(
            [self.before, list(self.values), self.number], cls=DjangoJSONEncoder, separators=(",", ":")
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> "Cursor | None":
        """The cursor in `text`, or None for anything unreadable (the list then starts at the top)."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            before, values, number = json.loads(raw)
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
            return None
        if not isinstance(before, bool) or not isinstance(values, list) or not isinstance(number, int):
            return None
        return cls(values=tuple(values), before=before, number=max(number, 1))


@dataclass(frozen=True)
class PageRequest:
    """What the client asked for: a page number or a cursor, and a page size (at most MAX_SIZE)."""

    number: int = 1
    size: int = DEFAULT_SIZE
    cursor: Cursor | None = None

    @classmethod
    def from_query(
        cls,
        query: Mapping[str, Any],
        *,
        size: int = DEFAULT_SIZE,
        max_size: int = MAX_SIZE,
        page_param: str = PAGE_PARAM,
        size_param: str = SIZE_PARAM,
    ) -> "PageRequest":
        cursor_text = query.get(CURSOR_PARAM)
        cursor = Cursor.decode(cursor_text) if cursor_text else None
        return cls(
            number=cursor.number if cursor else _positive_int(query.get(page_param), 1),
            size=min(_positive_int(query.get(size_param), size), max_size),
            cursor=cursor,
        )

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    def page(self, queryset: QuerySet[Any], *, keyset: Sequence[str] | None = None) -> "Page[Any]":
        """One page of `queryset`: by keyset when `keyset` names the sort columns, else by offset.

        `keyset` is the complete, unique ordering (end with the primary key), e.g.
        ``("-timestamp", "id")``; its columns must not be NULL. One query, never a count.
        """
        return self.cut(list(slice_of(self, queryset, keyset)), keyset=keyset)

    def cut(
        self, rows: list[T], *, keyset: Sequence[str] | None = None, has_next: bool | None = None
    ) -> "Page[T]":
        """A page from rows that the caller fetched itself: size + 1 of them (from `slice_of`), or
        exactly the page's rows with `has_next` when the selector already cut them."""
        more = len(rows) > self.size if has_next is None else has_next
        if self.cursor is not None and self.cursor.before:
            rows = list(reversed(rows[: self.size]))
            return _with_cursors(Page(rows=rows, has_next=True, has_previous=more, request=self), keyset)
        page = Page(
            rows=rows[: self.size],
            has_next=more,
            has_previous=self.cursor is not None if keyset else self.number > 1,
            request=self,
        )
        return _with_cursors(page, keyset) if keyset else page


FIRST_PAGE = PageRequest()


@dataclass
class Page(Generic[T]):
    """One page of a list and how to reach its neighbours; what both the HTML and the API render."""

    rows: list[T]
    has_next: bool
    has_previous: bool
    request: PageRequest = field(default_factory=PageRequest)
    next_cursor: Cursor | None = None
    previous_cursor: Cursor | None = None
    # Set by bind(): the links as the template shows them.
    next_url: str | None = None
    previous_url: str | None = None

    @property
    def object_list(self) -> list[T]:
        return self.rows

    @property
    def number(self) -> int:
        return self.request.number

    @property
    def is_keyset(self) -> bool:
        return (
            self.next_cursor is not None
            or self.previous_cursor is not None
            or self.request.cursor is not None
        )

    def links(self, url: str, *, page_param: str = PAGE_PARAM) -> tuple[str | None, str | None]:
        """The URLs of the next and the previous page, made from the URL of this one."""
        url = remove_query_param(url, CURSOR_PARAM)
        if self.is_keyset:
            url = remove_query_param(url, page_param)
            next_url = (
                replace_query_param(url, CURSOR_PARAM, self.next_cursor.encode())
                if self.has_next and self.next_cursor
                else None
            )
            if not self.has_previous:
                previous_url = None
            elif self.previous_cursor is not None:
                previous_url = replace_query_param(url, CURSOR_PARAM, self.previous_cursor.encode())
            else:
                previous_url = url
            return next_url, previous_url
        next_url = replace_query_param(url, page_param, self.number + 1) if self.has_next else None
        if self.number > 2:
            previous_url = replace_query_param(url, page_param, self.number - 1)
        elif self.number == 2:
            previous_url = remove_query_param(url, page_param)
        else:
            previous_url = None
        return next_url, previous_url

    def bind(self, url: str, *, page_param: str = PAGE_PARAM) -> "Page[T]":
        """Keep the links for a template (``request.get_full_path()``); returns the page itself."""
        self.next_url, self.previous_url = self.links(url, page_param=page_param)
        return self

    def __iter__(self) -> Iterator[T]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


# --------------------------------------------------------------------------------------------- keyset


def _value(row: Any, name: str) -> Any:
    for part in name.lstrip("-").split("__"):
        row = getattr(row, part)
    return row.pk if isinstance(row, Model) else row


def _field_python(model: type[Model], name: str, value: Any) -> Any:
    """A cursor value back as the column's Python type (datetime, UUID, date...)."""
    try:
        current: Any = model
        parts = name.lstrip("-").split("__")
        for part in parts[:-1]:
            current = current._meta.get_field(part).related_model
        model_field = current._meta.get_field(parts[-1])
    except (FieldDoesNotExist, AttributeError):
        return value  # an annotation: JSON already gives its int or str
    target = getattr(model_field, "target_field", model_field)
    try:
        return target.to_python(value)
    except ValidationError:
        raise ValueError(name) from None


def _after(keyset: tuple[str, ...], values: tuple[Any, ...], *, reverse: bool) -> Q:
    """Rows strictly after `values` in the keyset order (before them when `reverse`).

    Expanded as (a > x) OR (a = x AND b > y) OR ..., plus the redundant bound a >= x so that the
    index scan starts at the cursor instead of filtering from the top.
    """
    alternatives = []
    equal = Q()
    for name, value in zip(keyset, values, strict=True):
        descending = name.startswith("-") != reverse
        column = name.lstrip("-")
        alternatives.append(equal & Q(**{f"{column}__{'lt' if descending else 'gt'}": value}))
        equal &= Q(**{column: value})
    condition = reduce(operator.or_, alternatives)
    first = keyset[0]
    first_descending = first.startswith("-") != reverse
    bound = Q(**{f"{first.lstrip('-')}__{'lte' if first_descending else 'gte'}": values[0]})
    return bound & condition


def _flip(name: str) -> str:
    return name[1:] if name.startswith("-") else f"-{name}"


def slice_of(request: PageRequest, queryset: QuerySet[Any], keyset: Sequence[str] | None) -> QuerySet[Any]:
    """The query set of one page (size + 1 rows, for `PageRequest.cut`), ordered and bounded."""
    if keyset is None:
        return queryset[request.offset : request.offset + request.size + 1]
    keyset = tuple(keyset)
    cursor = request.cursor
    reverse = bool(cursor and cursor.before)
    qs = queryset.order_by(*(_flip(k) if reverse else k for k in keyset))
    if cursor is not None and len(cursor.values) == len(keyset):
        try:
            values = tuple(
                _field_python(queryset.model, name, value)
                for name, value in zip(keyset, cursor.values, strict=True)
            )
        except ValueError:
            values = ()
        if values:
            qs = qs.filter(_after(keyset, values, reverse=reverse))
    return qs[: request.size + 1]


def cursor_at(
    queryset: QuerySet[Any], keyset: Sequence[str], page_number: int, size: int = DEFAULT_SIZE
) -> str | None:
    """The cursor that opens page `page_number` (for benchmarks and load tests: one OFFSET query);
    None when the list is shorter."""
    row = queryset.order_by(*keyset)[(page_number - 1) * size - 1 : (page_number - 1) * size].first()
    if row is None:
        return None
    return Cursor(tuple(_value(row, k) for k in keyset), number=page_number).encode()


def _with_cursors(page: Page[T], keyset: Sequence[str] | None) -> Page[T]:
    if keyset and page.rows:
        number = page.request.number
        page.next_cursor = Cursor(tuple(_value(page.rows[-1], k) for k in keyset), number=number + 1)
        page.previous_cursor = Cursor(
            tuple(_value(page.rows[0], k) for k in keyset), before=True, number=max(number - 1, 1)
        )
    return page


# ------------------------------------------------------------------------------------------------ API


class NoCountPagination(BasePagination):
    """The API side of the page contract: ``next``/``previous`` links and ``results``, never a count.

    Set `keyset` (the view's sort columns) to page by cursor; without it the list pages by number.
    """

    page_size = DEFAULT_SIZE
    max_page_size = MAX_SIZE
    page_query_param = PAGE_PARAM
    page_size_query_param = SIZE_PARAM

    def __init__(self, keyset: Sequence[str] | None = None) -> None:
        self.keyset = tuple(keyset) if keyset else None

    def page_request(self, request: Request) -> PageRequest:
        """The page asked for. Unlike a page link in the HTML (which falls back to the first page), the API
        answers a `page` or `page_size` that is not a whole number in range with a 400, as documented."""
        errors = {}
        for name, maximum in (
            (self.page_query_param, MAX_PAGE),
            (self.page_size_query_param, self.max_page_size),
        ):
            for value in request.query_params.getlist(name):
                number = int(value) if value.isascii() and value.isdigit() else 0  # not "¹"
                if number < 1 or (maximum is not None and number > maximum):
                    errors[name] = [
                        f"Geef een heel getal van 1 tot en met {maximum}."
                        if maximum
                        else "Geef een heel getal vanaf 1."
                    ]
        if errors:
            raise exceptions.ValidationError(errors)
        return PageRequest.from_query(request.query_params, size=self.page_size, max_size=self.max_page_size)

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        """One page of `queryset`; by cursor when this paginator or the view (`page_keyset`) has a keyset."""
        self.keyset = self.keyset or getattr(view, "page_keyset", None)
        return self.take(self.page_request(request).page(queryset, keyset=self.keyset), request)

    def take(self, page: Page[Any], request: Request) -> list[Any]:
        """Adopt a page that a selector cut (with `PageRequest.page`/`cut`); returns its rows."""
        self.request = request
        self.result = page
        # Kept for views that read them directly.
        self.page, self.size, self.has_next = page.number, page.request.size, page.has_next
        return page.rows

    def get_paginated_response(self, data: Any) -> Response:
        next_url, previous_url = self.result.links(self.request.build_absolute_uri())
        return Response(OrderedDict([("next", next_url), ("previous", previous_url), ("results", data)]))

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        if self.keyset or getattr(view, "page_keyset", None):
            where: dict[str, Any] = {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "schema": {"type": "string"},
                "description": "Positie in de lijst: neem de link uit `next` of `previous` over.",
            }
        else:
            where = {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                "description": "Paginanummer, vanaf 1.",
            }
        return [
            where,
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
                "description": f"Aantal resultaten per pagina (maximaal {self.max_page_size}).",
            },
        ]


def page_response(
    request: Request,
    rows: Any,
    serializer: Any,
    *,
    view: Any = None,
    keyset: Sequence[str] | None = None,
    context: Mapping[str, Any] | None = None,
) -> Response:
    """The one answer of an API list: one page of `rows` (a query set, or a list that a selector built)
    as ``{"next", "previous", "results"}``, each row through `serializer`. By cursor when `keyset` names
    the sort columns, else by page number. The schema documents it as the page object
    (`core.schema.StevigAutoSchema` sees this call)."""
    paginator = NoCountPagination(keyset=keyset)
    page = paginator.paginate_queryset(rows, request, view)
    return paginator.get_paginated_response(serializer(page, many=True, context=dict(context or {})).data)

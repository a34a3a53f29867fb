from collections import OrderedDict
from typing import Any

from django.db.models import QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class NoCountPagination(BasePagination):
    """Page-number pagination that never runs COUNT(*).

    An exact count over a large filtered set costs far more than the page itself; fetching one row
    more than the page size is enough to know whether a next page exists.
    """

    page_size = 25
    max_page_size = 100
    page_query_param = "page"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        self.request = request
        self.page = _positive_int(request.query_params.get(self.page_query_param), 1)
        self.size = min(
            _positive_int(request.query_params.get(self.page_size_query_param), self.page_size),
            self.max_page_size,
        )
        offset = (self.page - 1) * self.size
        rows = list(queryset[offset : offset + self.size + 1])
        self.has_next = len(rows) > self.size
        return rows[: self.size]

    def get_paginated_response(self, data: Any) -> Response:
        url = self.request.build_absolute_uri()
        next_url = replace_query_param(url, self.page_query_param, self.page + 1) if self.has_next else None
        if self.page > 2:
            previous_url: str | None = replace_query_param(url, self.page_query_param, self.page - 1)
        elif self.page == 2:
            previous_url = remove_query_param(url, self.page_query_param)
        else:
            previous_url = None
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
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "schema": {"type": "integer"},
                "description": "Paginanummer, vanaf 1.",
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "schema": {"type": "integer"},
                "description": f"Aantal resultaten per pagina (maximaal {self.max_page_size}).",
            },
        ]


def _positive_int(value: str | None, default: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if number > 0 else default


class Page:
    """The same no-count paging for server-rendered lists."""

    def __init__(self, queryset: QuerySet[Any], page: str | None, size: int = 25) -> None:
        self.number = _positive_int(page, 1)
        offset = (self.number - 1) * size
        rows = list(queryset[offset : offset + size + 1])
        self.has_next = len(rows) > size
        self.has_previous = self.number > 1
        self.object_list = rows[:size]
        self.next_number = self.number + 1
        self.previous_number = self.number - 1

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

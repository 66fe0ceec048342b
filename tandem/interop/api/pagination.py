"""Cursor pagination for every list (docs/api.md, "Lists"): `next` and `previous` are links with
an opaque `cursor`; a cursor that was not made by the API is a 400 problem, not a 404 or 500."""

import base64
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs

from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

BAD_CURSOR = _("This cursor is not one the API gave: use the ‘next’ or ‘previous’ link as it is")


class CursorPagination(pagination.CursorPagination):
    """For querysets, in the order of the view's `ordering` (its last field unique)."""

    page_size = 25
    ordering = ("id",)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise exceptions.ValidationError({"cursor": [BAD_CURSOR]}) from None


class ListCursorPagination(pagination.BasePagination):
    """For lists the rules compute in Python (a worklist, progress over time): the same `next`
    and `previous` links with an opaque cursor, made from the position in the list."""

    page_size = 25
    cursor_query_param = "cursor"

    def _position(self, request) -> int:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return 0
        try:
            decoded = base64.b64decode(encoded.encode("ascii"), validate=True).decode("ascii")
            position = int(parse_qs(decoded, strict_parsing=True)["p"][0])
        except (ValueError, KeyError, UnicodeError):
            raise exceptions.ValidationError({"cursor": [BAD_CURSOR]}) from None
        if position < 0:
            raise exceptions.ValidationError({"cursor": [BAD_CURSOR]})
        return position

    def _link(self, position: int | None) -> str | None:
        if position is None:
            return None
        url = self.request.build_absolute_uri()
        if position == 0:
            return remove_query_param(url, self.cursor_query_param)
        cursor = base64.b64encode(f"p={position}".encode("ascii")).decode("ascii")
        return replace_query_param(url, self.cursor_query_param, cursor)

    def paginate_list(self, items: Sequence[Any], request) -> list[Any]:
        self.request = request
        start = self._position(request)
        self.start = start
        page = list(items[start : start + self.page_size])
        end = start + len(page)
        self.next_position = end if end < len(items) else None
        self.previous_position = max(start - self.page_size, 0) if start > 0 else None
        return page

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "next": self._link(self.next_position),
                "previous": self._link(self.previous_position),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return pagination.CursorPagination().get_paginated_response_schema(schema)

"""The start-page panel: how many decision items wait (counts only, no names; one query)."""

from typing import Any

from django.http import HttpRequest

from stevig.accounts.models import User
from stevig.decisions.selectors import due_counts


def due_panel_context(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return due_counts(user) if isinstance(user, User) else {}

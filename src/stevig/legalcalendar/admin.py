"""Functioneel beheer enters the days of each new decree "gelijkstelling ... met een algemeen erkende
feestdag" here, as soon as it is published in the Staatscourant.

The list is national (Algemene termijnenwet art. 3 lid 3), not per municipality, so it has no
municipality scope: every functioneel beheerder sees and edits the same list. Saving or deleting a row
clears the holiday cache (see `signals.py`), so the next deadline computed uses it.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from stevig.accounts.admin_scope import may_use_admin
from stevig.legalcalendar.models import DecreeDay


@admin.register(DecreeDay)
class DecreeDayAdmin(admin.ModelAdmin):
    list_display = ["date", "description", "expected", "decree_reference", "updated_at"]
    list_filter = ["expected"]
    search_fields = ["description", "decree_reference"]
    date_hierarchy = "date"
    ordering = ["-date"]
    readonly_fields = ["created_at", "updated_at"]

    # Permissions: the role decides (functioneel beheer or superuser), as everywhere in /beheer/.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request)

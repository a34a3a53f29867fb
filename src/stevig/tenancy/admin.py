"""Municipality set-up in the admin (/beheer/). A functioneel beheerder sees only their own municipality."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from stevig.accounts.admin_scope import (
    MunicipalityScopedAdmin,
    MunicipalityScopedInline,
    is_scoped,
    may_use_admin,
)
from stevig.tenancy.models import (
    Department,
    ExpertiseTag,
    Location,
    Municipality,
    Neighbourhood,
    OpeningHours,
    PostcodeArea,
    Team,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    """A beheerder sees their own municipality and may change its name; only a superuser adds or deletes."""

    list_display = ("name", "code")
    search_fields = ("name", "code")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if is_scoped(request):
            qs = qs.filter(pk=request.user.municipality_id)  # type: ignore[union-attr]
        return qs

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("code",) if is_scoped(request) and obj is not None else ()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request) and self._own(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request) and self._own(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request) and not is_scoped(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request) and not is_scoped(request)

    def _own(self, request: HttpRequest, obj: Any) -> bool:
        return obj is None or not is_scoped(request) or obj.pk == request.user.municipality_id  # type: ignore[union-attr]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(MunicipalityScopedAdmin):
    list_display = ("postcode_digits", "neighbourhood")
    list_select_related = ("neighbourhood",)
    search_fields = ("postcode_digits",)


@admin.register(Team)
class TeamAdmin(MunicipalityScopedAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    # Checkboxes, not the admin's filter widget (its icons carry an aria-label that axe refuses).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


@admin.register(Department)
class DepartmentAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "response_term_working_days")
    search_fields = ("name",)


class OpeningHoursInline(MunicipalityScopedInline):
    model = OpeningHours
    extra = 1


@admin.register(Location)
class LocationAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "kind", "neighbourhood", "team")
    list_select_related = ("neighbourhood", "team")
    list_filter = ("kind",)
    search_fields = ("name", "street", "city")
    inlines = [OpeningHoursInline]


@admin.register(ExpertiseTag)
class ExpertiseTagAdmin(MunicipalityScopedAdmin):
    list_display = ("name",)
    search_fields = ("name",)

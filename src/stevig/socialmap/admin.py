"""The social map in /beheer/: functioneel beheer keeps the facilities of its own municipality.

Referrals are resident data and are not in the admin."""

from typing import Any

from django.contrib import admin
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from stevig.accounts.admin_scope import MunicipalityScopedAdmin
from stevig.socialmap.forms import FacilityAdminForm
from stevig.socialmap.models import Facility, FacilityDomain
from stevig.socialmap.services import set_facility_domains


@admin.register(Facility)
class FacilityAdmin(MunicipalityScopedAdmin):
    form = FacilityAdminForm
    list_display = ("name", "kind", "sphere", "neighbourhood", "domain_list", "active")
    list_filter = ("active", "sphere", "kind")
    list_select_related = ("neighbourhood",)
    search_fields = ("name", "purpose")
    readonly_fields = ("created_at", "updated_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("domain_links", queryset=FacilityDomain.objects.order_by("domain")))
        )

    @admin.display(description="leefgebieden")
    def domain_list(self, obj: Facility) -> str:
        return ", ".join(obj.domain_labels)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        set_facility_domains(form.instance, form.cleaned_data.get("domains", []))

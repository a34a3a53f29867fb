"""Functioneel beheer keeps the providers (AGB code) of their own municipality in /beheer/."""

from django.contrib import admin

from stevig.accounts.admin_scope import MunicipalityScopedAdmin
from stevig.istandaarden.models import Provider


@admin.register(Provider)
class ProviderAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "agb_code", "active"]
    list_filter = ["active"]
    search_fields = ["name", "agb_code"]
    ordering = ["name"]

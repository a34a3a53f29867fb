"""Functioneel beheer maintains the product categories of their own municipality in /beheer/."""

from django.contrib import admin

from stevig.accounts.admin_scope import MunicipalityScopedAdmin
from stevig.decisions.models import ProductCategory, Signatory


@admin.register(ProductCategory)
class ProductCategoryAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "law", "code", "active"]
    list_filter = ["law", "active"]
    search_fields = ["name", "code"]
    ordering = ["law", "name"]


@admin.register(Signatory)
class SignatoryAdmin(MunicipalityScopedAdmin):
    """The register of who may sign decisions for the college (mandaat/volmacht), used in the letter."""

    list_display = ["name", "function", "basis", "valid_from", "valid_until"]
    list_filter = ["basis"]
    search_fields = ["name", "function", "mandate_reference"]
    ordering = ["name"]

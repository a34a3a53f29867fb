"""Functioneel beheer maintains the product categories of their own municipality in /beheer/."""

from django.contrib import admin

from stevig.accounts.admin_scope import MunicipalityScopedAdmin
from stevig.decisions.models import ProductCategory


@admin.register(ProductCategory)
class ProductCategoryAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "law", "code", "active"]
    list_filter = ["law", "active"]
    search_fields = ["name", "code"]
    ordering = ["law", "name"]

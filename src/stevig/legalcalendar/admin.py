"""Functioneel beheer enters the days of each new decree "gelijkstelling ... met een algemeen erkende
feestdag" here, as soon as it is published in the Staatscourant."""

from django.contrib import admin

from stevig.legalcalendar.models import DecreeDay


@admin.register(DecreeDay)
class DecreeDayAdmin(admin.ModelAdmin):
    list_display = ["date", "description", "decree_reference", "updated_at"]
    search_fields = ["description", "decree_reference"]
    date_hierarchy = "date"
    ordering = ["-date"]
    readonly_fields = ["created_at", "updated_at"]

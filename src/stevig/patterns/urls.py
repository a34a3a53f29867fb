from django.urls import path

from stevig.patterns import views

app_name = "patterns"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export_csv, name="csv"),
    path("bijwerken/", views.refresh, name="refresh"),
]

from django.urls import path

from stevig.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.access_log, name="log"),
    path("inwoner-zoeken/", views.resident_lookup, name="resident_lookup"),
    path("inwoner/<uuid:resident_id>/export.json", views.export_json, name="export_json"),
    path("inwoner/<uuid:resident_id>/inzage/", views.export_html, name="export_html"),
    path("noodtoegang/", views.emergency_list, name="emergency_list"),
    path("noodtoegang/<uuid:grant_id>/", views.emergency_detail, name="emergency_detail"),
]

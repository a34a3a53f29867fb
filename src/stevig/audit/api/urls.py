from django.urls import path

from stevig.audit.api import views

urlpatterns = [
    path("access-log/", views.AccessLogListView.as_view(), name="api-access-log"),
    path(
        "residents/<uuid:resident_id>/data-export/",
        views.DataExportView.as_view(),
        name="api-resident-data-export",
    ),
    path("emergency-accesses/", views.EmergencyAccessListView.as_view(), name="api-emergency-accesses"),
    path(
        "emergency-accesses/<uuid:grant_id>/review/",
        views.EmergencyAccessReviewView.as_view(),
        name="api-emergency-access-review",
    ),
]

from django.urls import path

from stevig.selfassessment.api import views

urlpatterns = [
    path("self-assessment/instrument/", views.InstrumentView.as_view(), name="api-sa-instrument"),
    path("self-assessment/rounds/", views.RoundListView.as_view(), name="api-sa-rounds"),
    path("self-assessment/rounds/<uuid:round_id>/", views.RoundDetailView.as_view(), name="api-sa-round"),
    path(
        "self-assessment/rounds/<uuid:round_id>/participants/",
        views.ParticipantListView.as_view(),
        name="api-sa-participants",
    ),
    path(
        "self-assessment/rounds/<uuid:round_id>/participants/<uuid:participant_id>/answers/",
        views.AnswersView.as_view(),
        name="api-sa-answers",
    ),
    path("self-assessment/rounds/<uuid:round_id>/close/", views.CloseView.as_view(), name="api-sa-close"),
    path(
        "self-assessment/rounds/<uuid:round_id>/actions/",
        views.RoundActionView.as_view(),
        name="api-sa-round-actions",
    ),
    path("self-assessment/actions/", views.ActionListView.as_view(), name="api-sa-actions"),
    path("self-assessment/actions/<uuid:action_id>/", views.ActionDetailView.as_view(), name="api-sa-action"),
    path("quarterly-reports/", views.ReportListView.as_view(), name="api-quarterly-reports"),
    path(
        "quarterly-reports/<uuid:report_id>/", views.ReportDetailView.as_view(), name="api-quarterly-report"
    ),
    path(
        "quarterly-reports/<uuid:report_id>/pdf/",
        views.ReportPdfView.as_view(),
        name="api-quarterly-report-pdf",
    ),
]

from django.urls import path

from stevig.selfassessment import views

app_name = "selfassessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.start_round, name="start"),
    path("<uuid:round_id>/", views.round_detail, name="round"),
    path("<uuid:round_id>/deelnemers/", views.add_participant, name="participant"),
    path("<uuid:round_id>/invullen/<uuid:participant_id>/", views.fill_in, name="fill_in"),
    path("<uuid:round_id>/acties/", views.add_action, name="action"),
    path("<uuid:round_id>/afsluiten/", views.close_round, name="close"),
    path("<uuid:round_id>/export.csv", views.export_csv, name="csv"),
    path("acties/<uuid:action_id>/stand/", views.action_status, name="action_status"),
    path("kwartaalrapportages/", views.reports, name="reports"),
    path("kwartaalrapportages/nieuw/", views.request_report, name="request_report"),
    path("kwartaalrapportages/<uuid:report_id>/", views.report, name="report"),
    path("kwartaalrapportages/<uuid:report_id>/pdf/", views.report_pdf, name="report_pdf"),
]

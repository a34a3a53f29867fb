from django.urls import path

from stevig.analysis import views

app_name = "analysis"
urlpatterns = [
    path("leefgebieden/", views.domains, name="domains"),
    path("traject/<uuid:trajectory_id>/", views.household, name="household"),
    path("traject/<uuid:trajectory_id>/nieuw/", views.new, name="new"),
]

from django.urls import path

from stevig.safety import views

app_name = "safety"
urlpatterns = [
    path("", views.track_list, name="list"),
    path("traject/<uuid:trajectory_id>/openen/", views.track_open, name="open"),
    path("<uuid:track_id>/", views.track_detail, name="detail"),
    path("<uuid:track_id>/stap/<int:number>/", views.step, name="step"),
    path("<uuid:track_id>/veilig-thuis/", views.follow_up, name="follow_up"),
    path("<uuid:track_id>/collega/", views.colleague, name="colleague"),
    path("<uuid:track_id>/wie-loopt-gevaar/", views.risks, name="risks"),
    path("<uuid:track_id>/noodtoegang/", views.emergency, name="emergency"),
]

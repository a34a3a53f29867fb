from django.urls import path

from stevig.trajectories import views

app_name = "trajectories"
urlpatterns = [
    path("", views.trajectory_list, name="list"),
    path("waakvlam/", views.pilot_light_list, name="pilot_light"),
    path("cijfers/", views.figures_page, name="figures"),
    path("huishouden/<uuid:household_id>/openen/", views.trajectory_open, name="open"),
    path("<uuid:trajectory_id>/", views.trajectory_detail, name="detail"),
    path("<uuid:trajectory_id>/fase/", views.phase_change, name="phase"),
    path("<uuid:trajectory_id>/heractiveren/", views.reactivate, name="reactivate"),
    path("<uuid:trajectory_id>/overdragen/", views.hand_over, name="hand_over"),
    path("<uuid:trajectory_id>/betrokkene/", views.involved_add, name="involved_add"),
    path("<uuid:trajectory_id>/expertise/", views.expertise_needed, name="expertise"),
    path("<uuid:trajectory_id>/basishulp/", views.basic_help_add, name="basic_help_add"),
    path(
        "<uuid:trajectory_id>/basishulp/<uuid:help_id>/evaluatie/",
        views.basic_help_evaluate,
        name="basic_help_evaluate",
    ),
    path("<uuid:trajectory_id>/contact/", views.contact_add, name="contact_add"),
    path("<uuid:trajectory_id>/consultatie/", views.consultation_add, name="consultation_add"),
]

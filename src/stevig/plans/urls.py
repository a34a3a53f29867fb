from django.urls import path

from stevig.plans import views

app_name = "plans"
urlpatterns = [
    path("traject/<uuid:trajectory_id>/", views.plan, name="plan"),
    path("<uuid:plan_id>/bewerken/", views.edit, name="edit"),
    path("<uuid:plan_id>/doelen/nieuw/", views.goal_new, name="goal_new"),
    path("<uuid:plan_id>/afspreken/", views.agree, name="agree"),
    path("doelen/<uuid:goal_id>/bewerken/", views.goal_edit, name="goal_edit"),
    path("doelen/<uuid:goal_id>/verwijderen/", views.goal_remove, name="goal_remove"),
    path("doelen/<uuid:goal_id>/acties/nieuw/", views.action_new, name="action_new"),
    path("acties/<uuid:action_id>/bewerken/", views.action_edit, name="action_edit"),
    path("acties/<uuid:action_id>/verwijderen/", views.action_remove, name="action_remove"),
    path("versies/<uuid:version_id>/", views.version, name="version"),
]

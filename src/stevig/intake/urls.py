from django.urls import path

from stevig.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("wachtlijst/", views.waiting_list, name="waiting_list"),
    path("nieuw/", views.register, name="register"),
    path("cijfers/", views.figures, name="figures"),
    path("vragen/<uuid:question_id>/", views.question, name="question"),
    path("vragen/<uuid:question_id>/eerste-contact/", views.first_contact, name="first_contact"),
    path("vragen/<uuid:question_id>/triage/", views.triage, name="triage"),
    path("vragen/<uuid:question_id>/soort/", views.classify, name="classify"),
    path("vragen/<uuid:question_id>/aanspreekpunt/", views.assign, name="assign"),
    path("vragen/<uuid:question_id>/koppelen/", views.link, name="link"),
    path("vragen/<uuid:question_id>/oppakken/", views.pick_up, name="pick_up"),
    path(
        "vragen/<uuid:question_id>/termijnen/<uuid:deadline_id>/gehaald/",
        views.deadline_met,
        name="deadline_met",
    ),
]

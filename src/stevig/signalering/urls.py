from django.urls import path

from stevig.signalering import views

app_name = "signalering"

urlpatterns = [
    path("", views.index, name="index"),
    path("melden/", views.raise_signal, name="raise"),
    path("<uuid:signal_id>/", views.signal_detail, name="signal"),
    path("groepen/", views.groups, name="groups"),
    path("groepen/nieuw/", views.create_group, name="create_group"),
    path("groepen/<uuid:group_id>/", views.group_detail, name="group"),
    path("groepen/<uuid:group_id>/antwoord/", views.answer_group, name="answer"),
    path("groepen/<uuid:group_id>/toevoegen/", views.add_to_group, name="add"),
]

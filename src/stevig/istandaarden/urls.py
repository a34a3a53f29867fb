from django.urls import path

from stevig.istandaarden import views

app_name = "istandaarden"
urlpatterns = [
    path("beschikking/<uuid:decision_id>/", views.decision_messages, name="decision"),
    path("<uuid:message_id>/", views.message, name="message"),
]

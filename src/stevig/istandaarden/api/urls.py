from django.urls import path

from stevig.istandaarden.api import views

urlpatterns = [
    path("istandaarden/inbox/", views.InboxView.as_view(), name="api-istandaarden-inbox"),
    path("istandaarden/outbox/", views.OutboxView.as_view(), name="api-istandaarden-outbox"),
    path(
        "decisions/<uuid:decision_id>/messages/",
        views.DecisionMessagesView.as_view(),
        name="api-decision-messages",
    ),
    path(
        "istandaarden/messages/<uuid:message_id>/",
        views.MessageView.as_view(),
        name="api-istandaarden-message",
    ),
    path(
        "istandaarden/messages/<uuid:message_id>/answer/",
        views.AnswerView.as_view(),
        name="api-istandaarden-answer",
    ),
]

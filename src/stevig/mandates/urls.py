from django.urls import path

from stevig.mandates import views

app_name = "mandates"
urlpatterns = [
    path("nieuw/", views.request_new, name="new"),
    path("inbox/", views.inbox, name="inbox"),
    path("mijn/", views.mine, name="mine"),
    path("coordinatie/", views.coordinator, name="coordinator"),
    path("cijfers/", views.figures_page, name="figures"),
    path("<uuid:request_id>/", views.request_detail, name="detail"),
    path("<uuid:request_id>/accepteren/", views.accept, name="accept"),
    path("<uuid:request_id>/uitvoeren/", views.complete, name="complete"),
    path("<uuid:request_id>/afwijzen/", views.reject, name="reject"),
    path("<uuid:request_id>/doorzetten/", views.decide, name="decide"),
    path("<uuid:request_id>/vraag/", views.ask, name="ask"),
    path("<uuid:request_id>/antwoord/", views.answer, name="answer"),
    path("<uuid:request_id>/afwijzing-bevestigen/", views.confirm_rejection, name="confirm_rejection"),
    path("<uuid:request_id>/terugsturen/", views.send_back, name="send_back"),
    path("<uuid:request_id>/opnieuw/", views.resend, name="resend"),
]

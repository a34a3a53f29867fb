from django.urls import path

from stevig.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("cijfers/", views.figures, name="figures"),
    path("huishouden/<uuid:household_id>/", views.household, name="household"),
    path("huishouden/<uuid:household_id>/aanvraag/", views.application_new, name="application_new"),
    path("huishouden/<uuid:household_id>/besluit/", views.decision_new, name="decision_new"),
    path("huishouden/<uuid:household_id>/levenslang/", views.lifelong_new, name="lifelong_new"),
    path(
        "aanvragen/<uuid:application_id>/intrekken/", views.application_withdraw, name="application_withdraw"
    ),
    path("levenslang/<uuid:limitation_id>/beeindigen/", views.lifelong_end, name="lifelong_end"),
    path("contactmomenten/<uuid:contact_id>/", views.contact_done, name="contact_done"),
    path("<uuid:decision_id>/", views.detail, name="detail"),
    path("<uuid:decision_id>/wijzigen/", views.edit, name="edit"),
    path("<uuid:decision_id>/voortzetten/", views.continue_decision, name="continue"),
    path("<uuid:decision_id>/verstuurd/", views.send, name="send"),
    path("<uuid:decision_id>/intrekken/", views.withdraw, name="withdraw"),
    path("<uuid:decision_id>/bezwaar/", views.remedy_new, name="remedy_new"),
    path("bezwaren/<uuid:remedy_id>/", views.remedy_decide, name="remedy_decide"),
    path("<uuid:decision_id>/brief/", views.letter, name="letter"),
    path("<uuid:decision_id>/brief.pdf", views.letter_pdf, name="letter_pdf"),
]

from django.urls import path

from stevig.decisions.api import views

urlpatterns = [
    path("decision-categories/", views.CategoryListView.as_view(), name="api-decision-categories"),
    path("decisions/due/", views.DueView.as_view(), name="api-decisions-due"),
    path("decisions/figures/", views.FiguresView.as_view(), name="api-decisions-figures"),
    path(
        "households/<uuid:household_id>/decisions/",
        views.HouseholdDecisionsView.as_view(),
        name="api-household-decisions",
    ),
    path(
        "households/<uuid:household_id>/decision-applications/",
        views.HouseholdApplicationsView.as_view(),
        name="api-household-decision-applications",
    ),
    path(
        "households/<uuid:household_id>/lifelong-limitations/",
        views.HouseholdLimitationsView.as_view(),
        name="api-household-lifelong-limitations",
    ),
    path(
        "lifelong-limitations/<uuid:limitation_id>/end/",
        views.EndLimitationView.as_view(),
        name="api-lifelong-limitation-end",
    ),
    path(
        "decision-applications/<uuid:application_id>/withdraw/",
        views.WithdrawApplicationView.as_view(),
        name="api-decision-application-withdraw",
    ),
    path("decisions/<uuid:decision_id>/", views.DecisionDetailView.as_view(), name="api-decision"),
    path(
        "decisions/<uuid:decision_id>/continue/", views.ContinueView.as_view(), name="api-decision-continue"
    ),
    path("decisions/<uuid:decision_id>/send/", views.SendDecisionView.as_view(), name="api-decision-send"),
    path(
        "decisions/<uuid:decision_id>/withdraw/",
        views.WithdrawDecisionView.as_view(),
        name="api-decision-withdraw",
    ),
    path(
        "decisions/<uuid:decision_id>/remedies/",
        views.DecisionRemediesView.as_view(),
        name="api-decision-remedies",
    ),
    path(
        "decision-remedies/<uuid:remedy_id>/postpone/",
        views.PostponeRemedyView.as_view(),
        name="api-remedy-postpone",
    ),
    path(
        "decision-remedies/<uuid:remedy_id>/decide/",
        views.DecideRemedyView.as_view(),
        name="api-remedy-decide",
    ),
    path("decision-signatories/", views.SignatoryListView.as_view(), name="api-decision-signatories"),
    path(
        "decision-applications/<uuid:application_id>/suspend/",
        views.SuspendApplicationView.as_view(),
        name="api-decision-application-suspend",
    ),
    path(
        "decision-applications/<uuid:application_id>/postpone/",
        views.PostponeApplicationView.as_view(),
        name="api-decision-application-postpone",
    ),
    path("decisions/<uuid:decision_id>/letter/", views.LetterView.as_view(), name="api-decision-letter"),
    path(
        "decisions/<uuid:decision_id>/letter.pdf",
        views.LetterPdfView.as_view(),
        name="api-decision-letter-pdf",
    ),
    path(
        "decision-contacts/<uuid:contact_id>/done/",
        views.ContactDoneView.as_view(),
        name="api-decision-contact-done",
    ),
]

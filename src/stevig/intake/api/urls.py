from django.urls import path

from stevig.intake.api import views

urlpatterns = [
    path("public/questions/", views.PublicQuestionView.as_view(), name="api-public-questions"),
    path("questions/", views.QuestionListView.as_view(), name="api-questions"),
    path("questions/duplicates/", views.DuplicateCheckView.as_view(), name="api-question-duplicates"),
    path("questions/<uuid:question_id>/", views.QuestionDetailView.as_view(), name="api-question"),
    path(
        "questions/<uuid:question_id>/first-contact/",
        views.FirstContactView.as_view(),
        name="api-question-first-contact",
    ),
    path("questions/<uuid:question_id>/triage/", views.TriageView.as_view(), name="api-question-triage"),
    path("questions/<uuid:question_id>/assign/", views.AssignView.as_view(), name="api-question-assign"),
    path("questions/<uuid:question_id>/pick-up/", views.PickUpView.as_view(), name="api-question-pick-up"),
    path("questions/<uuid:question_id>/kind/", views.ClassifyView.as_view(), name="api-question-kind"),
    path("questions/<uuid:question_id>/link/", views.LinkView.as_view(), name="api-question-link"),
    path("deadlines/<uuid:deadline_id>/met/", views.DeadlineMetView.as_view(), name="api-deadline-met"),
    path("intake/worklist/", views.WorklistView.as_view(), name="api-intake-worklist"),
    path("waiting-list/", views.WaitingListView.as_view(), name="api-waiting-list"),
    path("intake/figures/", views.FiguresView.as_view(), name="api-intake-figures"),
]

from django.urls import path

from stevig.mandates.api import views

urlpatterns = [
    path("mandate-requests/", views.MandateRequestListView.as_view(), name="api-mandate-requests"),
    path("mandate-requests/inbox/", views.InboxView.as_view(), name="api-mandate-requests-inbox"),
    path(
        "mandate-requests/coordinator/",
        views.CoordinatorView.as_view(),
        name="api-mandate-requests-coordinator",
    ),
    path("mandate-requests/figures/", views.FiguresView.as_view(), name="api-mandate-requests-figures"),
    path("mandate-requests/departments/", views.DepartmentListView.as_view(), name="api-mandate-departments"),
    path(
        "mandate-requests/<uuid:request_id>/",
        views.MandateRequestDetailView.as_view(),
        name="api-mandate-request",
    ),
    path(
        "mandate-requests/<uuid:request_id>/accept/",
        views.AcceptView.as_view(),
        name="api-mandate-request-accept",
    ),
    path(
        "mandate-requests/<uuid:request_id>/complete/",
        views.CompleteView.as_view(),
        name="api-mandate-request-complete",
    ),
    path(
        "mandate-requests/<uuid:request_id>/reject/",
        views.RejectView.as_view(),
        name="api-mandate-request-reject",
    ),
    path(
        "mandate-requests/<uuid:request_id>/decision/",
        views.DecisionView.as_view(),
        name="api-mandate-request-decision",
    ),
    path("mandate-requests/<uuid:request_id>/ask/", views.AskView.as_view(), name="api-mandate-request-ask"),
    path(
        "mandate-requests/<uuid:request_id>/answer/",
        views.AnswerView.as_view(),
        name="api-mandate-request-answer",
    ),
    path(
        "mandate-requests/<uuid:request_id>/confirm-rejection/",
        views.ConfirmRejectionView.as_view(),
        name="api-mandate-request-confirm-rejection",
    ),
    path(
        "mandate-requests/<uuid:request_id>/send-back/",
        views.SendBackView.as_view(),
        name="api-mandate-request-send-back",
    ),
    path(
        "mandate-requests/<uuid:request_id>/resend/",
        views.ResendView.as_view(),
        name="api-mandate-request-resend",
    ),
]

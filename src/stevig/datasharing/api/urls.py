from django.urls import path

from stevig.datasharing.api import views

urlpatterns = [
    path(
        "data-sharing/register/",
        views.MunicipalityRegisterView.as_view(),
        name="api-data-sharing-municipality-register",
    ),
    path(
        "data-sharing/households/<uuid:household_id>/subject-requests/",
        views.SubjectRequestCreateView.as_view(),
        name="api-subject-request-create",
    ),
    path(
        "data-sharing/subject-requests/", views.SubjectRequestListView.as_view(), name="api-subject-requests"
    ),
    path(
        "data-sharing/subject-requests/<uuid:request_id>/",
        views.SubjectRequestDetailView.as_view(),
        name="api-subject-request",
    ),
    path(
        "data-sharing/subject-requests/<uuid:request_id>/extend/",
        views.SubjectRequestExtendView.as_view(),
        name="api-subject-request-extend",
    ),
    path(
        "data-sharing/subject-requests/<uuid:request_id>/decide/",
        views.SubjectRequestDecideView.as_view(),
        name="api-subject-request-decide",
    ),
    path(
        "data-sharing/subject-requests/<uuid:request_id>/lift-restriction/",
        views.SubjectRequestLiftView.as_view(),
        name="api-subject-request-lift",
    ),
    path(
        "data-sharing/legal-bases/",
        views.LegalBasisCatalogueView.as_view(),
        name="api-data-sharing-legal-bases",
    ),
    path(
        "data-sharing/households/<uuid:household_id>/",
        views.RegisterView.as_view(),
        name="api-data-sharing-register",
    ),
    path(
        "data-sharing/households/<uuid:household_id>/disclosures/",
        views.DisclosureCreateView.as_view(),
        name="api-data-sharing-disclosures",
    ),
    path(
        "data-sharing/households/<uuid:household_id>/consents/",
        views.ConsentCreateView.as_view(),
        name="api-data-sharing-consents",
    ),
    path(
        "data-sharing/consents/<uuid:consent_id>/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="api-data-sharing-consent-withdraw",
    ),
]

from django.urls import path

from stevig.datasharing.api import views

urlpatterns = [
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

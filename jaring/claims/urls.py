"""The claims pages: the list, one by hand, BPJS's claim report, a claim and its letter, JKM suggestions, value."""

from django.urls import path

from jaring.claims import views

app_name = "claims"

urlpatterns = [
    path("", views.claim_list_page, name="list"),
    path("baru/", views.claim_new, name="new"),
    path("impor/", views.claim_import, name="import"),
    path("impor/<int:pk>/", views.report_detail, name="report"),
    path("usulan-jkm/", views.suggestions_page, name="suggestions"),
    path("nilai-manfaat/", views.value_page, name="value"),
    path("<int:pk>/", views.claim_detail, name="detail"),
    path("<int:pk>/surat.pdf", views.claim_letter, name="letter"),
]

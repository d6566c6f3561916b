"""The treasurer's and the BPJS officer's billing pages: invoices, reconciliation, payments, realisation,
and the Disnaker's continuity guard."""

from django.urls import path

from jaring.billing import views

app_name = "billing"

urlpatterns = [
    path("", views.invoice_list, name="invoices"),
    path("unggah/", views.invoice_upload, name="upload"),
    path("<int:pk>/", views.invoice_detail, name="invoice"),
    path("<int:pk>/rekonsiliasi/", views.invoice_reconcile_view, name="reconcile"),
    path("<int:pk>/setujui/", views.invoice_approve, name="approve"),
    path("<int:pk>/koreksi.xlsx", views.invoice_corrections, name="corrections"),
    path("<int:pk>/bayar/", views.payment_new, name="pay"),
    path("selisih/<int:pk>/", views.difference_resolve_view, name="resolve"),
    path("realisasi/", views.realisation, name="realisation"),
    path("kelangsungan/", views.continuity, name="continuity"),
]

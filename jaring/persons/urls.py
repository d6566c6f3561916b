from django.urls import path

from jaring.persons import views

app_name = "persons"

urlpatterns = [
    path("baris-sumber.csv", views.records_export, name="export_records"),
    path("koreksi-nik.xlsx", views.nik_corrections, name="nik_corrections"),
    path("<int:pk>/nik/", views.nik_confirm_post, name="nik_confirm"),
    path("<int:pk>/meninggal/", views.death_record_post, name="death_record"),
    path("verifikasi-nik/", views.nik_verifications_page, name="nik_verifications"),
    path("kematian/", views.death_lists_page, name="deaths"),
    path("kematian/unggah/", views.death_list_upload, name="deaths_upload"),
    path("kematian/<int:pk>/", views.death_list_detail, name="death_list"),
]

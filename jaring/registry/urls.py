from django.urls import path

from jaring.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.submission_list, name="submissions"),
    path("unggah/", views.submission_upload, name="upload"),
    path("<int:pk>/", views.submission_detail, name="submission"),
    path("<int:pk>/perbaikan.xlsx", views.submission_problems, name="problems"),
    path("baris-sumber.csv", views.records_export, name="export_records"),
    path("katalog-pekerjaan/", views.occupation_catalogue, name="occupations"),
]

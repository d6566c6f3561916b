from django.urls import path

from jaring.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.submission_list, name="submissions"),
    path("unggah/", views.submission_upload, name="upload"),
    path("<int:pk>/", views.submission_detail, name="submission"),
    path("<int:pk>/perbaikan.xlsx", views.submission_problems, name="problems"),
    path("pekerjaan/<int:job_id>/kolom/", views.confirm_columns, name="confirm_columns"),
    path("pekerjaan/<int:job_id>/berkas-sama/", views.same_file, name="same_file"),
    path("pekerjaan/<int:job_id>/ulangi/", views.upload_retry, name="retry"),
    path("pekerjaan/<int:job_id>/hapus/", views.upload_remove, name="remove"),
    path("katalog-pekerjaan/", views.occupation_catalogue, name="occupations"),
]

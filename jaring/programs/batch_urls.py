"""Pendaftaran: enrolment batches to BPJS and BPJS's responses."""

from django.urls import path

from jaring.programs import batch_views

app_name = "batches"

urlpatterns = [
    path("", batch_views.batch_list, name="list"),
    path("program/<int:pk>/batch-baru/", batch_views.batch_new, name="new"),
    path("<int:pk>/berkas/", batch_views.batch_download, name="download"),
    path("<int:pk>/jawaban/", batch_views.response_upload, name="response"),
    path("kolom/", batch_views.profile_edit, name="profile"),
]

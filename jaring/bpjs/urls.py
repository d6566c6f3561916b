"""The BPJS officer's pages: participant rosters (the linkage matches them to persons as they are stored)."""

from django.urls import path

from jaring.bpjs import views

app_name = "roster"

urlpatterns = [
    path("", views.snapshot_list, name="snapshots"),
    path("unggah/", views.snapshot_upload, name="upload"),
    path("<int:pk>/", views.snapshot_detail, name="snapshot"),
]

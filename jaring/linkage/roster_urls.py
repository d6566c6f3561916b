"""The BPJS officer's pages: participant rosters, matched to the registry's persons by the linkage."""

from django.urls import path

from jaring.linkage import roster_views

app_name = "roster"

urlpatterns = [
    path("", roster_views.snapshot_list, name="snapshots"),
    path("unggah/", roster_views.snapshot_upload, name="upload"),
    path("<int:pk>/", roster_views.snapshot_detail, name="snapshot"),
]

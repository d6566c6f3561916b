"""Program & anggaran, and Pendaftaran (enrolment batches to BPJS and BPJS's responses): the app's one URL module.

The project mounts `urlpatterns` under /program/ (namespace "programs") and `enrolment` under
/pendaftaran/ (namespace "batches": the menu, the templates and BPJS's officer know its pages by it).
"""

from django.urls import path

from jaring.programs import batch_views, views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="list"),
    path("baru/", views.program_new, name="new"),
    path("<int:pk>/", views.program_detail, name="detail"),
    path("<int:pk>/dana/", views.funding_new, name="funding"),
    path("<int:pk>/aturan/", views.rules_save, name="rules"),
    path("<int:pk>/kelayakan/", views.eligibility_save, name="eligibility"),
    path("<int:pk>/pratinjau/", views.eligibility_preview, name="preview"),
    path("<int:pk>/pilih/", views.select_run, name="select"),
    path("<int:pk>/setujui/", views.approve, name="approve"),
    path("<int:pk>/tutup/", views.close, name="close"),
    path("<int:pk>/orang/", views.people, name="people"),
    path("<int:pk>/keputusan/", views.decide, name="decide"),
]

enrolment_patterns = [
    path("", batch_views.batch_list, name="list"),
    path("program/<int:pk>/batch-baru/", batch_views.batch_new, name="new"),
    path("<int:pk>/berkas/", batch_views.batch_download, name="download"),
    path("<int:pk>/jawaban/", batch_views.response_upload, name="response"),
    path("kolom/", batch_views.profile_edit, name="profile"),
    path("peserta/<int:pk>/keluar/", batch_views.enrolment_exit_post, name="exit"),
]
# For include(): the enrolment pages under their own namespace.
enrolment = (enrolment_patterns, "batches")

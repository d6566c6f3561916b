"""Program & anggaran."""

from django.urls import path

from jaring.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="list"),
    path("baru/", views.program_new, name="new"),
    path("<int:pk>/", views.program_detail, name="detail"),
    path("<int:pk>/dana/", views.funding_new, name="funding"),
    path("<int:pk>/aturan/", views.rules_save, name="rules"),
    path("<int:pk>/kelayakan/", views.eligibility_save, name="eligibility"),
    path("<int:pk>/pilih/", views.select_run, name="select"),
    path("<int:pk>/setujui/", views.approve, name="approve"),
    path("<int:pk>/tutup/", views.close, name="close"),
    path("<int:pk>/orang/", views.people, name="people"),
    path("<int:pk>/keputusan/", views.decide, name="decide"),
]

from django.contrib import admin
from django.urls import include, path

from jaring.coverage import views as coverage_views
from jaring.programs import urls as programs_urls

urlpatterns = [
    path("", coverage_views.home, name="home"),
    path("akun/", include("jaring.accounts.urls")),
    path("pendataan/", include("jaring.registry.urls")),
    path("pekerjaan/", include("jaring.jobs.urls")),
    path("orang/", include("jaring.persons.urls")),
    path("orang/", include("jaring.coverage.urls")),
    path("deduplikasi/", include("jaring.linkage.urls")),
    path("peserta-bpjs/", include("jaring.bpjs.urls")),
    path("program/", include(programs_urls)),
    path("pendaftaran/", include(programs_urls.enrolment)),
    path("klaim/", include("jaring.claims.urls")),
    path("tagihan/", include("jaring.billing.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A refusal explains itself in the user's language: what their role may do, and the way home.
handler403 = "jaring.accounts.views.permission_denied"

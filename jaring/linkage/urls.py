from django.urls import path
from django.views.generic import RedirectView

from jaring.linkage import views

app_name = "linkage"

urlpatterns = [
    path("", views.review_queue_page, name="review"),
    path("pasangan/<int:pk>/putuskan/", views.review_decision, name="decide"),
    path("tautkan/", views.link_now, name="link"),
    path("kiriman/<int:pk>/lepas/", views.release_submission, name="release"),
    path("kiriman/<int:pk>/tolak/", views.reject_submission, name="reject"),
    path("orang/<int:pk>/pisah/", views.person_split_post, name="split"),
    # The person pages moved to /orang/ (coverage); links kept from before still arrive.
    path("orang/", RedirectView.as_view(pattern_name="coverage:persons", permanent=True, query_string=True)),
    path("orang/<int:pk>/", RedirectView.as_view(pattern_name="coverage:person", permanent=True)),
]

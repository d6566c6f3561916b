from django.urls import path

from jaring.linkage import views

app_name = "linkage"

urlpatterns = [
    path("", views.review_queue_page, name="review"),
    path("pasangan/<int:pk>/putuskan/", views.review_decision, name="decide"),
    path("tautkan/", views.link_now, name="link"),
    path("kiriman/<int:pk>/lepas/", views.release_submission, name="release"),
    path("kiriman/<int:pk>/tolak/", views.reject_submission, name="reject"),
    path("orang/", views.person_list, name="persons"),
    path("orang/<int:pk>/", views.person_detail, name="person"),
]

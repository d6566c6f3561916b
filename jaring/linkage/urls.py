from django.urls import path

from jaring.linkage import views

app_name = "linkage"

urlpatterns = [
    path("", views.review_queue, name="review"),
    path("pasangan/<int:pk>/putuskan/", views.review_decision, name="decide"),
]

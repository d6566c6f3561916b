from django.urls import path

from jaring.coverage import views

app_name = "coverage"

urlpatterns = [
    path("", views.person_list, name="persons"),
    path("<int:pk>/", views.person_detail, name="person"),
]

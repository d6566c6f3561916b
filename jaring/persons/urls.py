from django.urls import path

from jaring.persons import views

app_name = "persons"

urlpatterns = [
    path("baris-sumber.csv", views.records_export, name="export_records"),
]

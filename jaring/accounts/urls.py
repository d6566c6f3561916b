from django.contrib.auth import views as auth_views
from django.urls import path

from jaring.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/", views.password_change, name="password_change"),
    path("audit/", views.audit_log, name="audit_log"),
    path("opd/", views.opd_list_page, name="opds"),
    path("opd/<int:pk>/", views.opd_edit, name="opd"),
    path("pengguna/", views.user_list_page, name="users"),
    path("pengguna/<int:pk>/", views.user_manage, name="user"),
    path("pengguna/<int:pk>/sandi-sekali/", views.password_once, name="password_once"),
]

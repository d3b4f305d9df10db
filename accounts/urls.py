from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import SignInForm

app_name = "accounts"

urlpatterns = [
    path("wielkosc-tekstu/", views.set_text_size, name="text_size"),
    path("sesja/przedluz/", views.session_extend, name="session_extend"),
    path("potwierdz-haslo/", views.confirm_password, name="confirm_password"),
    path("logowanie-dwuskladnikowe/", views.two_factor, name="two_factor"),
    path(
        "logowanie-dwuskladnikowe/wylacz/", views.two_factor_disable, name="two_factor_disable"
    ),
    path("logowanie/kod/", views.two_factor_verify, name="two_factor_verify"),
]

# Django's own sign-in views under their usual names, so that LOGIN_URL = "login" works.
auth_urlpatterns = [
    path(
        "logowanie/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("wylogowanie/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "haslo/zmiana/",
        views.PasswordChange.as_view(),
        name="password_change",
    ),
    path(
        "haslo/zmienione/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("haslo/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "haslo/reset/wyslano/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "haslo/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "haslo/reset/gotowe/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

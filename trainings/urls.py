from django.urls import path

from . import views

app_name = "trainings"

urlpatterns = [
    path("projekt/<int:project_pk>/", views.course_list, name="course_list"),
    path("forma/<int:support_form_pk>/ustawienia/", views.CourseSetUp.as_view(),
         name="course_setup"),
    path("<int:pk>/", views.CourseDetail.as_view(), name="course_detail"),
    path("<int:pk>/zamknij/", views.CourseClose.as_view(), name="course_close"),
    path("<int:pk>/otworz/", views.course_reopen_view, name="course_reopen"),
]

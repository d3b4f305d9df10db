from django.urls import path

from . import views

app_name = "consents"

urlpatterns = [
    path("uczestnik/<int:pk>/formularz/<slug:kind>/", views.form_pdf, name="form_pdf"),
    path("uczestnik/<int:pk>/zgoda/", views.ConsentGive.as_view(), name="consent_give"),
    path("uczestnik/<int:pk>/klauzula/", views.ClauseRecord.as_view(), name="clause_record"),
    path("zgoda/<int:pk>/wycofanie/", views.ConsentWithdraw.as_view(), name="consent_withdraw"),
    path("projekt/<int:pk>/wzory/", views.template_list, name="template_list"),
    path("projekt/<int:pk>/wzory/<slug:kind>/", views.TemplateEdit.as_view(),
         name="template_edit"),
]

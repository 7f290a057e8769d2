from django.urls import URLPattern, path

from crisisdesk.triage import safety_plan_views as views

urlpatterns: list[URLPattern] = [
    path("incidents/<int:incident_id>/new/", views.safety_plan_new, name="safety_plan_new"),
    path("<int:plan_id>/", views.safety_plan, name="safety_plan"),
    path("<int:plan_id>/print/", views.safety_plan_print, name="safety_plan_print"),
]

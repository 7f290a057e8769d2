from django.urls import path

from crisisdesk.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("frequent-callers/", views.high_utilizers, name="high_utilizers"),
    path("frequent-callers/thresholds/", views.thresholds, name="thresholds"),
    path("frequent-callers/thresholds/edit", views.thresholds_update, name="thresholds_update"),
    path("new/", views.plan_new, name="plan_new"),
    path("<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan_id>/submit", views.plan_submit, name="plan_submit"),
    path("<int:plan_id>/approve", views.plan_approve, name="plan_approve"),
    path("<int:plan_id>/return", views.plan_return, name="plan_return"),
    path("<int:plan_id>/retire", views.plan_retire, name="plan_retire"),
    path("<int:plan_id>/discard", views.plan_discard, name="plan_discard"),
]

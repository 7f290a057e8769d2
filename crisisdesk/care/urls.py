from django.urls import path

from crisisdesk.care import timeline_views, views

app_name = "care"

urlpatterns = [
    path("encounters/", views.encounter_list, name="encounter_list"),
    path("encounters/start", views.encounter_start, name="encounter_start"),
    path("encounters/<int:encounter_id>/", views.encounter_detail, name="encounter_detail"),
    path("encounters/<int:encounter_id>/sign", views.encounter_sign, name="encounter_sign"),
    path(
        "encounters/<int:encounter_id>/addenda",
        views.encounter_addendum,
        name="encounter_addendum",
    ),
    path("dispositions/", views.disposition_list, name="disposition_list"),
    path("people/<int:person_id>/", timeline_views.person_history, name="person_history"),
]

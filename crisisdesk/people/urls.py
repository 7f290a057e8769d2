from django.urls import path

from crisisdesk.people import contact_views, merge_views, views

app_name = "people"

urlpatterns = [
    path("", views.person_search, name="search"),
    path("duplicates/", merge_views.duplicate_list, name="duplicates"),
    path("merges/<int:merge_id>/", merge_views.merge_detail, name="merge_detail"),
    path("merges/<int:merge_id>/undo/", merge_views.merge_undo, name="merge_undo"),
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("<int:person_id>/contacts/new/", contact_views.contact_new, name="contact_new"),
    path(
        "<int:person_id>/contacts/<int:contact_id>/",
        contact_views.contact_edit,
        name="contact_edit",
    ),
    path(
        "<int:person_id>/contacts/<int:contact_id>/remove/",
        contact_views.contact_remove,
        name="contact_remove",
    ),
    path("<int:person_id>/merge/<int:other_id>/", merge_views.merge_compare, name="merge"),
    path(
        "<int:person_id>/not-duplicate/<int:other_id>/",
        merge_views.duplicate_dismiss,
        name="dismiss_duplicate",
    ),
]

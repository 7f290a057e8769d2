from django.urls import URLPattern, path

from crisisdesk.directory import (
    capacity_views,
    import_views,
    manage_views,
    search_views,
    sheet_views,
)

app_name = "directory"

urlpatterns: list[URLPattern] = [
    path("import", import_views.import_directory, name="import"),
    # Search, services, favourites (search_views).
    path("", search_views.directory_search, name="search"),
    path("services/<str:hsds_id>/", search_views.service_page, name="service"),
    path("services/<str:hsds_id>/favourite/", search_views.favourite_toggle, name="favourite"),
    # The resource sheet (sheet_views).
    path("sheet/", sheet_views.sheet_page, name="sheet"),
    path("sheet/resources.pdf", sheet_views.sheet_pdf_view, name="sheet_pdf"),
    path("sheet/add/", sheet_views.sheet_add, name="sheet_add"),
    path("sheet/remove/", sheet_views.sheet_remove, name="sheet_remove"),
    path("sheet/clear/", sheet_views.sheet_clear, name="sheet_clear"),
    # Directory managers (manage_views).
    path("services/<str:hsds_id>/capacity/", manage_views.capacity_set, name="capacity_set"),
    path(
        "services/<str:hsds_id>/capacity-links/",
        manage_views.capacity_link_create,
        name="capacity_link_create",
    ),
    path(
        "capacity-links/<int:token_id>/revoke/",
        manage_views.capacity_link_revoke,
        name="capacity_link_revoke",
    ),
    path("settings/", manage_views.directory_settings_page, name="settings"),
    path("settings/holidays/", manage_views.holiday_add, name="holiday_add"),
    path(
        "settings/holidays/<int:holiday_id>/remove/",
        manage_views.holiday_remove,
        name="holiday_remove",
    ),
    # Providers without an account: the secret link is the credential (capacity_views).
    path("capacity/<str:secret>/", capacity_views.capacity_update_page, name="capacity_update"),
]

from django.urls import URLPattern, path

from crisisdesk.cases import caseload_views, views

app_name = "cases"

urlpatterns: list[URLPattern] = [
    path("", caseload_views.my_caseload, name="my_caseload"),
    path("caseloads/", caseload_views.caseloads, name="caseloads"),
    path(
        "caseloads/<int:clinician_id>/",
        caseload_views.clinician_caseload,
        name="clinician_caseload",
    ),
    path("settings/", caseload_views.case_settings, name="settings"),
    path("new/", views.open_case, name="open"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/status/", views.change_status, name="change_status"),
    path("<int:case_id>/clinician/", views.reassign_case, name="reassign"),
    path("<int:case_id>/goals/", views.add_goal, name="add_goal"),
    path("<int:case_id>/goals/<int:goal_id>/", views.update_goal, name="update_goal"),
    path("<int:case_id>/tasks/", views.add_task, name="add_task"),
    path("<int:case_id>/tasks/<int:task_id>/done/", views.complete_task, name="complete_task"),
    path("<int:case_id>/tasks/<int:task_id>/undo/", views.reopen_task, name="reopen_task"),
    path("<int:case_id>/notes/", views.add_note, name="add_note"),
]

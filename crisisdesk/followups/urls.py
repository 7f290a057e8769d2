from django.urls import URLPattern, path

from crisisdesk.followups import policy_views, views

app_name = "followups"

urlpatterns: list[URLPattern] = [
    path("", views.follow_up_worklist, name="worklist"),
    path("new/", views.follow_up_new, name="new"),
    path("<int:follow_up_id>/", views.follow_up_detail, name="detail"),
    path("<int:follow_up_id>/attempts/", views.follow_up_record_attempt, name="record_attempt"),
    path("<int:follow_up_id>/complete/", views.follow_up_complete, name="complete"),
    path("<int:follow_up_id>/cancel/", views.follow_up_cancel, name="cancel"),
    path("<int:follow_up_id>/reassign/", views.follow_up_reassign, name="reassign"),
    path("<int:follow_up_id>/reschedule/", views.follow_up_reschedule, name="reschedule"),
    path("policies/", policy_views.policy_list, name="policy_list"),
    path("policies/<int:policy_id>/", policy_views.policy_edit, name="policy_edit"),
]

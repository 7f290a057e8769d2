from django.urls import path

from crisisdesk.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_open_list, name="open"),
    # Linked from an encounter (?encounter=<id>) or a person's page (?person=<id>).
    path("new/", views.referral_new, name="new"),
    path("services/suggest/", views.service_suggestions_view, name="service_suggestions"),
    path("<int:referral_id>/", views.referral_detail, name="detail"),
    path("<int:referral_id>/move/", views.referral_move, name="move"),
    path("<int:referral_id>/handoffs/", views.referral_handoff, name="handoff"),
]

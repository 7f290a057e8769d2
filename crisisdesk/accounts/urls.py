from django.urls import path

from crisisdesk.accounts.views import auth, users

app_name = "accounts"

urlpatterns = [
    path("login/", auth.sign_in, name="login"),
    path("logout/", auth.sign_out, name="logout"),
    path("users/", users.user_list, name="user_list"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/<int:user_id>/", users.user_edit, name="user_edit"),
    path("users/<int:user_id>/password/", users.user_set_password, name="user_set_password"),
    path("users/<int:user_id>/unlock/", users.user_unlock, name="user_unlock"),
]

from django.http import HttpRequest, HttpResponse

from crisisdesk.accounts.permissions import Capability, require


@require(Capability.MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("users")


user_create = user_edit = user_set_password = user_unlock = user_list

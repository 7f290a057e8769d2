from django.http import HttpRequest, HttpResponse

from crisisdesk.accounts.permissions import Capability, require


@require(Capability.MANAGE_CENTER)
def center_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("centers")


center_create = center_edit = center_list

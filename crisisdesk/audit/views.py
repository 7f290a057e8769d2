from django.http import HttpRequest, HttpResponse

from crisisdesk.accounts.permissions import Capability, require


@require(Capability.VIEW_AUDIT)
def audit_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("audit")

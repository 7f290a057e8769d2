"""The notices page: mine, newest first, unread marked; mark one or all read."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.notices.access import access_notice, notices_for
from crisisdesk.notices.actions import do_mark_all_notices_read, do_mark_notice_read

PAGE_SIZE = 50


@require(Capability.SIGNED_IN)
@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    page = Paginator(notices_for(user).order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    unread_here = any(notice.is_unread for notice in page.object_list)
    return render(
        request, "notices/list.html", {"page": page, "query": "", "unread_here": unread_here}
    )


@require(Capability.SIGNED_IN)
@require_POST
def notice_read(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Marks a notice read; with `open`, goes on to the page the notice is about."""
    user = signed_in_user(request)
    notice = access_notice(user, notice_id)
    do_mark_notice_read(notice, actor=user)
    if request.POST.get("open") and notice.url:
        # The url was checked to be a path of this site when the notice was sent.
        return redirect(notice.url)
    return redirect("notices:list")


@require(Capability.SIGNED_IN)
@require_POST
def notice_read_all(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    count = do_mark_all_notices_read(actor=user)
    if count:
        messages.success(request, f"Marked {count} notice{'s' if count != 1 else ''} read.")
    else:
        messages.info(request, "No unread notices.")
    return redirect("notices:list")

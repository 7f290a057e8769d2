"""The live queue board. It polls every second; an unchanged poll reads one row and answers 204.

The page and the polled fragment share one template; the fragment carries the queue version it
shows, and the poll sends it back. Polls carry `X-CrisisDesk-Background: 1` so that an
unattended console still times out (see accounts.middleware).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.incidents.board import BoardView, board_rows
from crisisdesk.incidents.board_render import render_rows
from crisisdesk.incidents.queue_version import queue_version


def _view(request: HttpRequest) -> BoardView:
    try:
        return BoardView(request.GET.get("view", BoardView.ALL))
    except ValueError:
        return BoardView.ALL


def _context(request: HttpRequest) -> dict[str, object]:
    user = signed_in_user(request)
    view = _view(request)
    version = queue_version(user.center_id)
    rows = board_rows(user, view)
    return {
        "view": view,
        "views": list(BoardView),
        "version": version,
        "count": len(rows),
        "rows_html": render_rows(rows, csrf_token=get_token(request)),
    }


@require(Capability.WORK_QUEUE)
def queue_page(request: HttpRequest) -> HttpResponse:
    return render(request, "incidents/queue.html", _context(request))


@require(Capability.WORK_QUEUE)
def queue_board(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    known = request.GET.get("version", "")
    if known.isdigit() and int(known) == queue_version(user.center_id):
        return HttpResponse(status=204)
    return render(request, "incidents/_board.html", _context(request))

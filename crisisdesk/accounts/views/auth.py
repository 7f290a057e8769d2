"""Sign in and sign out."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from crisisdesk.accounts.actions import do_record_login, do_record_login_failure, do_record_logout
from crisisdesk.accounts.forms import SignInForm
from crisisdesk.accounts.lockout import is_locked
from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, public, require

LOCKED_MESSAGE = (
    "This account is locked after too many failed sign-in attempts. "
    "Try again in {minutes} minutes, or ask an administrator to unlock it."
)
BAD_CREDENTIALS_MESSAGE = "Wrong username or password. Check both and try again."


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@public
@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignInForm(request.POST or None)
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        address: str = request.client_address  # type: ignore[attr-defined]
        if is_locked(username, address):
            error = LOCKED_MESSAGE.format(minutes=settings.LOGIN_LOCKOUT_MINUTES)
            status = 403
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if isinstance(user, User):
                login(request, user)
                do_record_login(user, client_address=address)
                return redirect(_next_url(request))
            locked_now = do_record_login_failure(username=username, client_address=address)
            if locked_now:
                error = LOCKED_MESSAGE.format(minutes=settings.LOGIN_LOCKOUT_MINUTES)
                status = 403
            else:
                error = BAD_CREDENTIALS_MESSAGE
                status = 401
    elif request.method == "POST":
        error = "Enter your username and password."
        status = 400
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "error": error, "next": _next_url(request)},
        status=status,
    )


@require(Capability.SIGNED_IN)
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    user = request.user
    if isinstance(user, User):
        do_record_logout(user, reason="user")
    logout(request)
    return redirect(settings.LOGIN_URL)

"""The read-only Open Referral HSDS 3.0 API, for a 211 or another directory to sync from:
`/api/v1/hsds/services`, `/organizations`, `/service_at_locations`, `/taxonomies`,
`/taxonomy_terms` (each also `/<id>`), with the paginated envelope and the search parameters
of the HSDS OpenAPI (`api_params`).

Authentication: an integration token (`Authorization: Bearer ...`, `crisisdesk token create`),
which also decides the center; the directory of no other center can be reached. Confidential
locations never show their addresses, coordinates or directions here.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from crisisdesk.api.bodies import error_response
from crisisdesk.centers.models import Center
from crisisdesk.directory import access
from crisisdesk.directory.api_params import ListParameters, ParameterProblem, read_parameters
from crisisdesk.directory.hsds.tables import table
from crisisdesk.directory.hsds.values import to_json
from crisisdesk.directory.hsds.writing import (
    RecordStore,
    fields_json,
    nest,
    organization_document,
    service_document,
)
from crisisdesk.directory.loading import DirectoryLoader
from crisisdesk.directory.models import Organization, Service, ServiceAtLocation
from crisisdesk.intake.tokens import request_token, require_integration_token

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://openreferral.org/specification/3.0"
CenterView = Callable[..., HttpResponse]


def hsds_endpoint(view: CenterView) -> Callable[..., HttpResponse]:
    """Token check, GET only, the token's center passed on; problems answered in our one error
    shape: 400 naming the parameter, 404 for an id this center does not have."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return error_response(405, "(request)", "use GET", Allow="GET, HEAD")
        try:
            return view(request, request_token(request).center, *args, **kwargs)
        except ParameterProblem as problem:
            return error_response(400, problem.name, problem.message)
        except Http404 as missing:
            return error_response(404, "id", str(missing) or "not found")

    return require_integration_token(wrapper)


def _words(search: str) -> list[str]:
    return [word for word in search.split() if word][:10]


def _page(queryset: QuerySet[Any], params: ListParameters) -> tuple[list[Any], int]:
    total = queryset.count()
    start = (params.page - 1) * params.per_page
    return list(queryset[start : start + params.per_page]), total


def _envelope(contents: list[Any], total: int, params: ListParameters) -> JsonResponse:
    pages = math.ceil(total / params.per_page)
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": params.page,
            "size": len(contents),
            "first_page": params.page == 1,
            "last_page": params.page >= pages,
            "empty": not contents,
            "contents": contents,
        }
    )


def filter_services(queryset: QuerySet[Service], params: ListParameters) -> QuerySet[Service]:
    for word in _words(params.search):
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(description__icontains=word)
            | Q(organization__name__icontains=word)
        )
    if params.taxonomy_term_id:
        queryset = queryset.filter(attributes__taxonomy_term__hsds_id=params.taxonomy_term_id)
    if params.taxonomy_id:
        queryset = queryset.filter(
            attributes__taxonomy_term__taxonomy_detail__hsds_id=params.taxonomy_id
        )
    if params.organization_id:
        queryset = queryset.filter(organization__hsds_id=params.organization_id)
    if params.modified_after:
        queryset = queryset.filter(last_modified__gte=params.modified_after)
    return queryset.distinct()


@hsds_endpoint
def api_root(request: HttpRequest, center: Center) -> HttpResponse:
    return JsonResponse(
        {
            "version": HSDS_VERSION,
            "profile": HSDS_PROFILE,
            "openapi_url": request.build_absolute_uri("/api/v1/openapi.json"),
        }
    )


@hsds_endpoint
def service_list(request: HttpRequest, center: Center) -> HttpResponse:
    params = read_parameters(request.GET)
    services = filter_services(access.services_of(center), params).order_by("name", "hsds_id")
    if params.minimal:
        rows, total = _page(services.values("hsds_id", "last_modified"), params)
        field = table("service").field("last_modified")
        assert field is not None  # noqa: S101 (a fixed table definition)
        minimal = [
            {"id": row["hsds_id"], "last_modified": to_json(field, row["last_modified"])}
            for row in rows
        ]
        return _envelope(minimal, total, params)
    page, total = _page(services.values_list("pk", "hsds_id"), params)
    store = DirectoryLoader(center).services([pk for pk, _ in page], full=params.full)
    contents = [_service(store, hsds_id, full=params.full) for _, hsds_id in page]
    return _envelope(contents, total, params)


def _service(store: RecordStore, hsds_id: str, *, full: bool) -> dict[str, Any]:
    row = store.get("service", hsds_id)
    assert row is not None  # noqa: S101 (loaded from the same page)
    return service_document(store, row, full=full)


@hsds_endpoint
def service_detail(request: HttpRequest, center: Center, hsds_id: str) -> HttpResponse:
    service = access.access_service(center, hsds_id)
    store = DirectoryLoader(center).services([service.pk], full=True)
    return JsonResponse(_service(store, service.hsds_id, full=True))


@hsds_endpoint
def organization_list(request: HttpRequest, center: Center) -> HttpResponse:
    params = read_parameters(request.GET)
    organizations = access.organizations_of(center)
    for word in _words(params.search):
        organizations = organizations.filter(
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(description__icontains=word)
        )
    page, total = _page(
        organizations.order_by("name", "hsds_id").values_list("pk", "hsds_id"), params
    )
    return _envelope(_organizations(center, page, params.full, params.full_service), total, params)


def _organizations(
    center: Center, page: list[tuple[int, str]], full: bool, full_service: bool
) -> list[dict[str, Any]]:
    store = DirectoryLoader(center).organizations(
        [pk for pk, _ in page], full=full, full_service=full_service
    )
    documents = []
    for _, hsds_id in page:
        row = store.get("organization", hsds_id)
        assert row is not None  # noqa: S101 (loaded from the same page)
        documents.append(organization_document(store, row, full=full, full_service=full_service))
    return documents


@hsds_endpoint
def organization_detail(request: HttpRequest, center: Center, hsds_id: str) -> HttpResponse:
    params = read_parameters(request.GET)
    organization: Organization = access.access_organization(center, hsds_id)
    page = [(organization.pk, organization.hsds_id)]
    return JsonResponse(_organizations(center, page, True, params.full_service)[0])


def filter_service_at_locations(
    queryset: QuerySet[ServiceAtLocation], params: ListParameters
) -> QuerySet[ServiceAtLocation]:
    for word in _words(params.search):
        queryset = queryset.filter(
            Q(service__name__icontains=word)
            | Q(service__description__icontains=word)
            | Q(description__icontains=word)
            | Q(location__name__icontains=word)
            | Q(service__organization__name__icontains=word)
        )
    if params.taxonomy_term_id:
        queryset = queryset.filter(
            service__attributes__taxonomy_term__hsds_id=params.taxonomy_term_id
        )
    if params.taxonomy_id:
        queryset = queryset.filter(
            service__attributes__taxonomy_term__taxonomy_detail__hsds_id=params.taxonomy_id
        )
    if params.organization_id:
        queryset = queryset.filter(service__organization__hsds_id=params.organization_id)
    if params.modified_after:
        queryset = queryset.filter(service__last_modified__gte=params.modified_after)
    if params.postcode:
        # Never by a confidential location's address: a search must not reveal where it is.
        queryset = queryset.filter(
            location__confidential=False,
            location__addresses__postal_code__iexact=params.postcode,
        )
    return queryset.distinct()


@hsds_endpoint
def service_at_location_list(request: HttpRequest, center: Center) -> HttpResponse:
    params = read_parameters(request.GET)
    found = filter_service_at_locations(access.service_at_locations_of(center), params)
    page, total = _page(
        found.order_by("service__name", "hsds_id").values_list("pk", "hsds_id"), params
    )
    store = DirectoryLoader(center).service_at_locations([pk for pk, _ in page], full=params.full)
    contents = [_service_at_location(store, hsds_id, full=params.full) for _, hsds_id in page]
    return _envelope(contents, total, params)


def _service_at_location(store: RecordStore, hsds_id: str, *, full: bool) -> dict[str, Any]:
    row = store.get("service_at_location", hsds_id)
    assert row is not None  # noqa: S101 (loaded from the same page)
    return nest(store, "service_at_location", row, full=full)


@hsds_endpoint
def service_at_location_detail(request: HttpRequest, center: Center, hsds_id: str) -> HttpResponse:
    found = access.access_service_at_location(center, hsds_id)
    store = DirectoryLoader(center).service_at_locations([found.pk], full=True)
    return JsonResponse(_service_at_location(store, found.hsds_id, full=True))


@hsds_endpoint
def taxonomy_list(request: HttpRequest, center: Center) -> HttpResponse:
    params = read_parameters(request.GET)
    taxonomies = access.taxonomies_of(center)
    for word in _words(params.search):
        taxonomies = taxonomies.filter(Q(name__icontains=word) | Q(description__icontains=word))
    page, total = _page(taxonomies.order_by("name", "hsds_id").values_list("pk", "hsds_id"), params)
    store = DirectoryLoader(center).taxonomies([pk for pk, _ in page])
    contents = [_plain(store, "taxonomy", hsds_id) for _, hsds_id in page]
    return _envelope(contents, total, params)


def _plain(store: RecordStore, name: str, hsds_id: str) -> dict[str, Any]:
    row = store.get(name, hsds_id)
    assert row is not None  # noqa: S101 (loaded from the same page)
    if name == "taxonomy":
        return dict(fields_json(table(name), row))
    return nest(store, name, row, full=False)


@hsds_endpoint
def taxonomy_detail(request: HttpRequest, center: Center, hsds_id: str) -> HttpResponse:
    taxonomy = access.access_taxonomy(center, hsds_id)
    store = DirectoryLoader(center).taxonomies([taxonomy.pk])
    return JsonResponse(_plain(store, "taxonomy", taxonomy.hsds_id))


@hsds_endpoint
def taxonomy_term_list(request: HttpRequest, center: Center) -> HttpResponse:
    params = read_parameters(request.GET)
    terms = access.taxonomy_terms_of(center)
    for word in _words(params.search):
        terms = terms.filter(
            Q(name__icontains=word) | Q(code__icontains=word) | Q(description__icontains=word)
        )
    if params.taxonomy_id:
        terms = terms.filter(taxonomy_detail__hsds_id=params.taxonomy_id)
    if params.top_only:
        terms = terms.filter(parent__isnull=True, unresolved_references__parent_id__isnull=True)
    if params.parent_id:
        terms = terms.filter(parent__hsds_id=params.parent_id)
    page, total = _page(terms.order_by("name", "hsds_id").values_list("pk", "hsds_id"), params)
    store = DirectoryLoader(center).taxonomy_terms([pk for pk, _ in page])
    contents = [_plain(store, "taxonomy_term", hsds_id) for _, hsds_id in page]
    return _envelope(contents, total, params)


@hsds_endpoint
def taxonomy_term_detail(request: HttpRequest, center: Center, hsds_id: str) -> HttpResponse:
    term = access.access_taxonomy_term(center, hsds_id)
    store = DirectoryLoader(center).taxonomy_terms([term.pk])
    return JsonResponse(_plain(store, "taxonomy_term", term.hsds_id))

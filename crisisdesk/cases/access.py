"""Reading cases: the only way views (and other apps) get them. Missing and forbidden both
answer 404.

Cases are shared by the center's clinical team: any clinician or supervisor of the center may
read a case and add notes, goals and tasks (a colleague covers while the primary clinician is
away). Changing its status or its clinician is for the primary clinician and supervisors
(`can_steer_case`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import CAPABILITY_ROLES, Capability, user_can
from crisisdesk.cases.models import Case, CaseGoal, CaseNote, CaseSettings, CaseStatus, CaseTask
from crisisdesk.centers.models import Center
from crisisdesk.people.models import Person

PERSON_LOOKUP_LIMIT = 20


def cases_for(user: User) -> QuerySet[Case]:
    if not user_can(user, Capability.MANAGE_CASES):
        return Case.objects.none()
    return Case.objects.filter(center_id=user.center_id)


def cases_for_person(user: User, person: Person) -> QuerySet[Case]:
    """The person's cases the user may read, newest first (for the person's timeline)."""
    return (
        cases_for(user)
        .filter(person_id=person.pk)
        .select_related("clinician")
        .order_by("-opened_at", "-pk")
    )


def access_case(user: User, case_id: int) -> Case:
    case = (
        cases_for(user)
        .select_related("center", "person", "clinician", "encounter")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404("No such case.")
    return case


def can_steer_case(user: User, case: Case) -> bool:
    """Status changes and reassignment: the primary clinician or a supervisor of the center."""
    if case.center_id != user.center_id:
        return False
    if user_can(user, Capability.SUPERVISE_CASELOADS):
        return True
    return case.clinician_id == user.pk and user_can(user, Capability.MANAGE_CASES)


def access_case_goal(case: Case, goal_id: int) -> CaseGoal:
    goal = CaseGoal.objects.filter(case=case, pk=goal_id).first()
    if goal is None:
        raise Http404("No such goal.")
    return goal


def access_case_task(case: Case, task_id: int) -> CaseTask:
    task = CaseTask.objects.filter(case=case, pk=task_id).select_related("done_by").first()
    if task is None:
        raise Http404("No such task.")
    return task


def access_case_note(case: Case, note_id: int) -> CaseNote:
    note = CaseNote.objects.filter(case=case, pk=note_id).first()
    if note is None:
        raise Http404("No such note.")
    return note


def case_staff(center: Center | int) -> QuerySet[User]:
    """Who may carry a case or a task: the center's active clinicians and supervisors."""
    center_id = center if isinstance(center, int) else center.pk
    roles = [str(role) for role in CAPABILITY_ROLES[Capability.MANAGE_CASES]]
    return (
        User.objects.filter(center_id=center_id, is_active=True, role_grants__role__in=roles)
        .distinct()
        .order_by("full_name", "username")
    )


def access_case_clinician(user: User, clinician_id: int) -> User:
    """A clinician whose caseload a supervisor opens (anyone may open their own)."""
    if clinician_id != user.pk and not user_can(user, Capability.SUPERVISE_CASELOADS):
        raise Http404("No such clinician.")
    clinician = case_staff(user.center_id).filter(pk=clinician_id).first()
    if clinician is None:
        # Someone who has left still has a caseload to hand over: look without the role filter.
        clinician = (
            User.objects.filter(center_id=user.center_id, pk=clinician_id)
            .filter(pk__in=Case.objects.values("clinician_id"))
            .first()
        )
    if clinician is None:
        raise Http404("No such clinician.")
    return clinician


def access_person_for_case(user: User, person_id: int) -> Person:
    person = None
    if user_can(user, Capability.MANAGE_CASES):
        person = Person.objects.filter(center_id=user.center_id, pk=person_id).first()
    if person is None:
        raise Http404("No such person.")
    return person


def find_people_for_case(user: User, query: str) -> list[Person]:
    """A plain name lookup for the "open a case" page, each word matching a given or family
    name or an alias. The people app's search (phones, birth dates, fuzzy names) links here
    with `?person=<id>` once it exists."""
    if not (user_can(user, Capability.MANAGE_CASES) and user_can(user, Capability.FIND_PEOPLE)):
        return []
    words = query.split()[:4]
    if not words:
        return []
    # Merged records are found through their survivor.
    people = Person.objects.filter(center_id=user.center_id, merged_into__isnull=True)
    for word in words:
        people = people.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(aliases__name__icontains=word)
        )
    return list(people.distinct().order_by("family_name", "given_name", "pk")[:PERSON_LOOKUP_LIMIT])


def open_case_of(person: Person) -> Case | None:
    """The person's case that is not closed, if any (at most one, but for merged records)."""
    return (
        Case.objects.filter(center_id=person.center_id, person_id=person.pk)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("opened_at", "pk")
        .first()
    )


def case_settings_of(center: Center | int) -> CaseSettings:
    """The center's settings, or the defaults (unsaved) when nobody has changed them."""
    center_id = center if isinstance(center, int) else center.pk
    found = CaseSettings.objects.filter(center_id=center_id).first()
    return found or CaseSettings(center_id=center_id)

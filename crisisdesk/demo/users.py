"""The demo's sign-in accounts: one per role in Riverton, one clinician in Northfield.

They all share one published password, which is why they exist only in the demo. `admin` is also
an installation operator (`is_superuser`) so it can manage both centers; `northfield` shows that
a user of one center sees nothing of another.
"""

from __future__ import annotations

from dataclasses import dataclass

from crisisdesk.accounts.actions import do_create_user
from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.centers.models import Center
from crisisdesk.demo.city import NORTHFIELD, RIVERTON
from crisisdesk.demo.load import DEMO_ACTOR

DEMO_PASSWORD = "crisisdesk-demo"  # noqa: S105 - published on purpose, demo only


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    roles: tuple[Role, ...]
    center_code: str
    is_superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@{self.center_code}.example.org"


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("calltaker", "Dana Whitfield", (Role.CALL_TAKER,), RIVERTON.code),
    DemoUser("clinician", "Maya Okafor, LCSW", (Role.CLINICIAN,), RIVERTON.code),
    DemoUser("responder", "Luis Serrano", (Role.RESPONDER,), RIVERTON.code),
    DemoUser("supervisor", "Karen Lindqvist", (Role.SUPERVISOR,), RIVERTON.code),
    DemoUser("peersupport", "Andre Wallace", (Role.PEER_SUPPORT,), RIVERTON.code),
    DemoUser("analyst", "Priya Raman", (Role.ANALYST,), RIVERTON.code),
    DemoUser("admin", "Sam Greer", (Role.ADMIN,), RIVERTON.code, is_superuser=True),
    DemoUser("northfield", "Jordan Pike, LPC", (Role.CLINICIAN,), NORTHFIELD.code),
)


def create_demo_users(centers: dict[str, Center]) -> list[User]:
    """Creates every demo user whose center is in `centers` (keyed by center code)."""
    return [
        do_create_user(
            username=spec.username,
            center=centers[spec.center_code],
            roles=spec.roles,
            password=DEMO_PASSWORD,
            full_name=spec.full_name,
            email=spec.email,
            is_superuser=spec.is_superuser,
            validate=False,
            actor=DEMO_ACTOR,
        )
        for spec in DEMO_USERS
        if spec.center_code in centers
    ]

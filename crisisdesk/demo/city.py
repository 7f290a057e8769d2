"""A synthetic, deterministic demo city: streets, places, people and 30 days of CAD incidents.

The demo must look like a real 911 center's data without containing anyone's real data, and it
must be the same every time for the same seed and anchor so that screenshots, tests and training
scripts can rely on it. Everything here is plain Python (no Django import): `generate_city`
returns frozen dataclasses and `crisisdesk.demo.load` writes them to the database.

Randomness comes only from one `random.Random` seeded with the city code and the seed, and from
Faker instances seeded by it; no set of strings is iterated, so hash randomization cannot change
the output.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from faker import Faker

from crisisdesk.demo import calltypes
from crisisdesk.demo.calltypes import CALL_TYPES, CallType
from crisisdesk.demo.names import (
    EW_SUFFIXES,
    FAKER_LOCALES,
    LANGUAGES,
    MONIKERS,
    NAME_LISTS,
    NICKNAMES,
    NS_SUFFIXES,
    STREET_NAMES,
)

DEFAULT_SEED = 2026
HISTORY_DAYS = 30
INCIDENTS_PER_DAY = 1000 / 3
FULL_STREETS = 120
FULL_LOCATIONS = 1500
FULL_PEOPLE = 2000
FULL_HIGH_UTILIZERS = 25
OPEN_WINDOW = timedelta(hours=2)  # incidents younger than this are still pending or active

# Relative call volume by local hour: quiet at 3-6 am, busiest in the afternoon and evening.
HOURLY_VOLUME = (
    55, 45, 38, 32, 28, 30, 42, 62, 75, 82, 86, 88,
    90, 92, 96, 100, 102, 100, 96, 92, 86, 80, 72, 62,
)  # fmt: skip

# Profiles of the people high utilizers tend to be: which calls they generate.
HOUSED_PATTERN = {
    "MH": 30, "MHV": 6, "WELF": 18, "SUIC": 10, "FAMD": 12,
    "DIST": 8, "HANGUP": 6, "MED": 5, "INTOX": 3, "SUSP": 2,
}  # fmt: skip
UNHOUSED_PATTERN = {
    "SLEEP": 20, "QOL": 8, "INTOX": 14, "WELF": 14, "MH": 12,
    "OD": 6, "TRESP": 10, "DIST": 8, "SUSP": 5, "PDOWN": 3,
}  # fmt: skip
STREET_FAMILIES = ("traffic_stop", "collision", "traffic")


@dataclass(frozen=True)
class CityProfile:
    """What makes one demo city different from another: names, codes, place on the map."""

    name: str
    code: str  # the center code
    id_prefix: str  # CAD incident numbers: prefix + yymmdd + daily counter
    source_system: str
    region: str
    time_zone: str
    south: float
    north: float
    west: float
    east: float
    postal_codes: tuple[str, str, str, str]  # SW, SE, NW, NE quarters


RIVERTON = CityProfile(
    name="Riverton",
    code="riverton",
    id_prefix="RV",
    source_system="riverton-cad",
    region="ST",
    time_zone="America/Chicago",
    south=38.800,
    north=38.880,
    west=-98.620,
    east=-98.505,
    postal_codes=("00101", "00102", "00103", "00104"),
)
NORTHFIELD = CityProfile(
    name="Northfield",
    code="northfield",
    id_prefix="NF",
    source_system="northfield-cad",
    region="ST",
    time_zone="America/Chicago",
    south=39.050,
    north=39.085,
    west=-98.400,
    east=-98.350,
    postal_codes=("00201", "00202", "00203", "00204"),
)


@dataclass(frozen=True)
class CityLocation:
    address: str  # "1234 MAPLE AVE" or "MAPLE AVE / 5TH ST"
    unit: str
    postal_code: str
    latitude: Decimal
    longitude: Decimal
    is_intersection: bool


@dataclass(frozen=True)
class CityPerson:
    given_name: str
    family_name: str
    sex: str  # "M" or "F": only used to keep the notes' pronouns consistent
    date_of_birth: date
    preferred_language: str
    aliases: tuple[str, ...]
    phones: tuple[tuple[str, str], ...]  # (10-digit number, kind)
    home: int | None  # index into City.locations


@dataclass(frozen=True)
class CityNote:
    at: datetime
    source: str  # CAD operator id, for example CT104
    text: str


@dataclass(frozen=True)
class CityIncident:
    external_id: str
    received_at: datetime
    call_type: CallType
    priority: int
    location: int | None  # index into City.locations
    caller_relation: str  # first, second, third or ""
    status: str  # pending, active, closed, cancelled
    dispatched_at: datetime | None
    closed_at: datetime | None
    notes: tuple[CityNote, ...]
    people: tuple[tuple[int, str], ...]  # (index into City.people, caller/subject)


@dataclass(frozen=True)
class City:
    profile: CityProfile
    seed: int
    anchor: datetime
    scale: float
    streets: tuple[str, ...]
    locations: tuple[CityLocation, ...]
    people: tuple[CityPerson, ...]
    incidents: tuple[CityIncident, ...]
    high_utilizers: tuple[int, ...]  # indexes into people

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def code(self) -> str:
        return self.profile.code

    @property
    def source_system(self) -> str:
        return self.profile.source_system


def generate_city(
    seed: int = DEFAULT_SEED,
    anchor: datetime | None = None,
    *,
    scale: float = 1.0,
    profile: CityProfile = RIVERTON,
) -> City:
    """The city for `seed`, with 30 days of history ending at `anchor` (aware; default now)."""
    if anchor is None:
        anchor = datetime.now(UTC).replace(second=0, microsecond=0)
    if anchor.tzinfo is None:
        raise ValueError("anchor must be time zone aware")
    if scale <= 0:
        raise ValueError("scale must be positive")
    anchor = anchor.astimezone(UTC)
    rng = random.Random(f"{profile.code}:{seed}")  # noqa: S311 - synthetic data, not security
    ns, ew = _streets(rng, max(8, round(FULL_STREETS * scale**0.5)))
    locations = _locations(rng, profile, ns, ew, max(20, round(FULL_LOCATIONS * scale)))
    hu_count = max(1, round(FULL_HIGH_UTILIZERS * scale))
    people, high_utilizers = _people(
        rng, anchor, locations, max(20, round(FULL_PEOPLE * scale)), hu_count
    )
    incidents = _Incidents(rng, profile, anchor, ns + ew, locations, people, high_utilizers)
    count = max(10, round(INCIDENTS_PER_DAY * HISTORY_DAYS * scale))
    return City(
        profile=profile,
        seed=seed,
        anchor=anchor,
        scale=scale,
        streets=tuple(ns + ew),
        locations=tuple(locations),
        people=tuple(people),
        incidents=tuple(incidents.generate(count)),
        high_utilizers=tuple(high_utilizers),
    )


def _ordinal(n: int) -> str:
    suffix = "TH" if 10 <= n % 100 <= 20 else {1: "ST", 2: "ND", 3: "RD"}.get(n % 10, "TH")
    return f"{n}{suffix}"


def _streets(rng: random.Random, count: int) -> tuple[list[str], list[str]]:
    """North-south streets (west to east) and east-west streets (south to north)."""
    numbered = [f"{_ordinal(n)} ST" for n in range(1, round(count * 0.25) + 1)]
    named = rng.sample(STREET_NAMES, min(len(STREET_NAMES), count - len(numbered)))
    split = len(named) // 6
    ns = list(numbered)
    for name in named[:split]:
        ns.insert(rng.randrange(len(ns) + 1), f"{name} {rng.choice(NS_SUFFIXES)}")
    ew = [f"{name} {rng.choice(EW_SUFFIXES)}" for name in named[split:]]
    return ns, ew


def _locations(
    rng: random.Random, profile: CityProfile, ns: list[str], ew: list[str], count: int
) -> list[CityLocation]:
    lat_span, lon_span = profile.north - profile.south, profile.east - profile.west
    seen: set[tuple[str, str]] = set()
    result: list[CityLocation] = []

    def add(address: str, unit: str, lat: float, lon: float, crossing: bool) -> None:
        if (address, unit) in seen:
            return
        seen.add((address, unit))
        quarter = (lat > profile.south + lat_span / 2) * 2 + (lon > profile.west + lon_span / 2)
        result.append(
            CityLocation(
                address=address,
                unit=unit,
                postal_code=profile.postal_codes[quarter],
                latitude=Decimal(f"{lat:.6f}"),
                longitude=Decimal(f"{lon:.6f}"),
                is_intersection=crossing,
            )
        )

    while len(result) < count:
        if rng.random() < 0.12:
            i, j = rng.randrange(len(ns)), rng.randrange(len(ew))
            lat = profile.south + (j + 0.5) / len(ew) * lat_span
            lon = profile.west + (i + 0.5) / len(ns) * lon_span
            add(f"{ew[j]} / {ns[i]}", "", lat, lon, True)
            continue
        unit = ""
        if rng.random() < 0.22:
            unit = rng.choice(("APT ", "UNIT ", "#")) + str(rng.randint(1, 24))
            unit += rng.choice(("", "", "A", "B", "C"))
        side = rng.choice((-1, 1)) * rng.uniform(0.0001, 0.0003)
        if rng.random() < len(ns) / (len(ns) + len(ew)):
            street, blocks = rng.randrange(len(ns)), len(ew)
            number = rng.randint(100, blocks * 100)
            lat = profile.south + (number / 100 - 0.5) / blocks * lat_span
            lon = profile.west + (street + 0.5) / len(ns) * lon_span + side
            name = ns[street]
        else:
            street, blocks = rng.randrange(len(ew)), len(ns)
            number = rng.randint(100, blocks * 100)
            lat = profile.south + (street + 0.5) / len(ew) * lat_span + side
            lon = profile.west + (number / 100 - 0.5) / blocks * lon_span
            name = ew[street]
        add(f"{number} {name}", unit, lat, lon, False)
    return result


def _people(
    rng: random.Random,
    anchor: datetime,
    locations: list[CityLocation],
    count: int,
    hu_count: int,
) -> tuple[list[CityPerson], list[int]]:
    fakers = {"en": Faker("en_US")}
    for language, locale in FAKER_LOCALES.items():
        fakers[language] = Faker(locale)
    for faker in fakers.values():
        faker.seed_instance(rng.getrandbits(32))
    homes = [index for index, place in enumerate(locations) if not place.is_intersection]
    languages, language_weights = zip(*LANGUAGES, strict=True)
    high_utilizers = sorted(rng.sample(range(count), min(hu_count, count)))
    unhoused = set(high_utilizers[::3])  # about a third of high utilizers have no address
    today = anchor.date()
    phones: set[str] = set()
    people = []
    for index in range(count):
        language = rng.choices(languages, language_weights)[0]
        sex = rng.choice("MF")
        given, family = _name(rng, fakers, language, sex)
        band = rng.choices(((14, 17), (18, 29), (30, 44), (45, 64), (65, 90)), (5, 22, 28, 30, 15))
        low, high = band[0]
        if index in high_utilizers:
            low, high = max(low, 19), min(high, 70)
        age = rng.randint(low, max(low, high))
        born = today - timedelta(days=int(age * 365.2425) + rng.randint(1, 360))
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.10:
            nickname = NICKNAMES.get(given)
            aliases = (f"{nickname} {family}" if nickname else rng.choice(MONIKERS),)
        phone_count = rng.choices((0, 1, 2), (25, 55, 20))[0]
        if index in high_utilizers:
            phone_count = max(1, phone_count)
        numbers: list[tuple[str, str]] = []
        while len(numbers) < phone_count:
            number = f"555{rng.randint(200, 999)}{rng.randint(0, 9999):04d}"
            if number not in phones:
                phones.add(number)
                kind = (
                    "mobile" if not numbers and rng.random() < 0.8 else rng.choice(("home", "work"))
                )
                numbers.append((number, kind))
        home = rng.choice(homes) if rng.random() < 0.85 else None
        if index in unhoused:
            home = None
        elif index in high_utilizers and home is None:
            home = rng.choice(homes)
        people.append(CityPerson(given, family, sex, born, language, aliases, tuple(numbers), home))
    return people, high_utilizers


def _name(rng: random.Random, fakers: dict[str, Faker], language: str, sex: str) -> tuple[str, str]:
    if language in NAME_LISTS:
        males, females, families = NAME_LISTS[language]
        family = rng.choice(families)
        if language == "ru" and sex == "F":
            family += "a"
        return rng.choice(males if sex == "M" else females), family
    if language == "zh":
        faker = fakers["zh"]
        return str(faker.first_romanized_name()), str(faker.last_romanized_name())
    if language == "en" and rng.random() < 0.12:
        language = "es"  # Spanish names, English at home
    faker = fakers.get(language, fakers["en"])
    given = faker.first_name_male() if sex == "M" else faker.first_name_female()
    return str(given), str(faker.last_name())


def _zipf_picker(rng: random.Random, items: Sequence[int], offset: int) -> Callable[[], int]:
    """A chooser over `items` where a few (shuffled) items come up far more often than most."""
    order = list(items)
    rng.shuffle(order)
    cumulative, total = [], 0.0
    for rank in range(len(order)):
        total += 1 / (rank + offset)
        cumulative.append(total)

    def pick() -> int:
        return order[min(bisect.bisect(cumulative, rng.random() * total), len(order) - 1)]

    return pick


class _Incidents:
    """Builds the incident history: times, call types, people, places, status and notes."""

    def __init__(
        self,
        rng: random.Random,
        profile: CityProfile,
        anchor: datetime,
        streets: list[str],
        locations: list[CityLocation],
        people: list[CityPerson],
        high_utilizers: list[int],
    ) -> None:
        self.rng, self.profile, self.anchor, self.streets = rng, profile, anchor, streets
        self.people, self.high_utilizers = people, high_utilizers
        self.zone = ZoneInfo(profile.time_zone)
        everywhere = range(len(locations))
        self.any_address = _zipf_picker(
            rng, [i for i in everywhere if not locations[i].is_intersection], 20
        )
        crossings = [i for i in everywhere if locations[i].is_intersection] or list(everywhere)
        self.any_crossing = _zipf_picker(rng, crossings, 10)
        ordinary = sorted(set(range(len(people))) - set(high_utilizers)) or list(range(len(people)))
        self.anyone = _zipf_picker(rng, ordinary, 600)
        self.households: dict[int, list[int]] = {}
        for index in ordinary:  # high utilizers are in the incidents they are assigned, only
            home = people[index].home
            if home is not None:
                self.households.setdefault(home, []).append(index)
        self.haunts = {
            person: [self.any_address() for _ in range(rng.randint(2, 3))]
            for person in high_utilizers
        }
        self.operators = [f"CT{n}" for n in rng.sample(range(101, 160), 24)]
        self.dispatchers = [f"DS{n}" for n in rng.sample(range(201, 240), 10)]

    def generate(self, count: int) -> list[CityIncident]:
        rng = self.rng
        times = sorted(self._received_time() for _ in range(count))
        weights = [call_type.weight for call_type in CALL_TYPES]
        types = rng.choices(CALL_TYPES, weights, k=count)
        frequent = self._assign_high_utilizers(types)
        counters: dict[str, int] = {}
        incidents = []
        for index, (received, call_type) in enumerate(zip(times, types, strict=True)):
            day = received.astimezone(self.zone).strftime("%y%m%d")
            counters[day] = counters.get(day, 0) + 1
            external_id = f"{self.profile.id_prefix}{day}{counters[day]:04d}"
            incidents.append(self._incident(external_id, received, call_type, frequent.get(index)))
        return incidents

    def _received_time(self) -> datetime:
        peak = max(HOURLY_VOLUME)
        while True:
            seconds = self.rng.randint(30, HISTORY_DAYS * 86400)
            moment = self.anchor - timedelta(seconds=seconds)
            if self.rng.random() * peak < HOURLY_VOLUME[moment.astimezone(self.zone).hour]:
                return moment

    def _assign_high_utilizers(self, types: list[CallType]) -> dict[int, int]:
        """Give each frequent caller 8-60 incidents, mostly behavioral-health calls; the first
        gets 60, so that the city's most frequent caller is always one of them (an ordinary
        caller's household may call 20 times in a month)."""
        rng = self.rng
        pools: dict[str, list[int]] = {}
        for index, call_type in enumerate(types):
            pools.setdefault(call_type.code, []).append(index)
        assigned: dict[int, int] = {}
        for number, person in enumerate(self.high_utilizers):
            pattern = UNHOUSED_PATTERN if self.people[person].home is None else HOUSED_PATTERN
            codes, weights = list(pattern), list(pattern.values())
            target = 8 + int(52 * rng.random() ** 3)
            if number == 0:
                target = 60
            for _ in range(target * 3):
                if target == 0:
                    break
                pool = pools.get(rng.choices(codes, weights)[0])
                if pool:
                    assigned[pool.pop(rng.randrange(len(pool)))] = person
                    target -= 1
        return assigned

    def _incident(
        self, external_id: str, received: datetime, call_type: CallType, frequent: int | None
    ) -> CityIncident:
        rng = self.rng
        relations = ("first", "second", "third", "")
        weights = list(call_type.relations)
        if frequent is not None:
            weights[3] = 0
        relation = rng.choices(relations, weights)[0] if sum(weights) else ""
        subject, caller = self._people_for(call_type, relation, frequent)
        location = self._location_for(call_type, relation, subject, frequent)
        priority = call_type.priority
        if rng.random() < 0.1:
            priority = min(4, max(0, priority + rng.choice((-1, 1))))
        status, dispatched, closed = self._lifecycle(received, call_type, priority)
        links: list[tuple[int, str]] = []
        if caller is not None:
            links.append((caller, "caller"))
        if subject is not None:
            links.append((subject, "subject"))
        notes = self._notes(received, call_type, relation, subject, closed, frequent is not None)
        return CityIncident(
            external_id=external_id,
            received_at=received,
            call_type=call_type,
            priority=priority,
            location=location,
            caller_relation=relation,
            status=status,
            dispatched_at=dispatched,
            closed_at=closed,
            notes=notes,
            people=tuple(links),
        )

    def _people_for(
        self, call_type: CallType, relation: str, frequent: int | None
    ) -> tuple[int | None, int | None]:
        """(subject, caller) as indexes into people, either may be None."""
        rng = self.rng
        if frequent is None and rng.random() >= call_type.link_share:
            return None, None
        if not call_type.about_person and frequent is None:
            return None, (self.anyone() if relation else None)
        subject = frequent if frequent is not None else self.anyone()
        if relation == "first":
            return subject, subject
        if relation == "second":
            home = self.people[subject].home
            family = (
                [p for p in self.households.get(home, []) if p != subject]
                if home is not None
                else []
            )
            caller = rng.choice(family) if family else self.anyone()
            return subject, (caller if caller != subject else None)
        if relation == "third" and rng.random() < 0.5:
            caller = self.anyone()
            return subject, (caller if caller != subject else None)
        return subject, None

    def _location_for(
        self, call_type: CallType, relation: str, subject: int | None, frequent: int | None
    ) -> int | None:
        rng = self.rng
        if rng.random() < 0.02:
            return None
        if frequent is not None:
            home = self.people[frequent].home
            if home is not None and (relation != "third" or rng.random() < 0.5):
                return home
            return rng.choice(self.haunts[frequent])
        if call_type.family in STREET_FAMILIES:
            return self.any_crossing() if rng.random() < 0.7 else self.any_address()
        if subject is not None and relation in ("first", "second") and rng.random() < 0.85:
            home = self.people[subject].home
            if home is not None:
                return home
        return self.any_address()

    def _lifecycle(
        self, received: datetime, call_type: CallType, priority: int
    ) -> tuple[str, datetime | None, datetime | None]:
        """Status, when units were sent, when it closed."""
        rng = self.rng
        age = self.anchor - received
        if call_type.field_initiated:  # the unit is already there
            delay = timedelta(seconds=rng.randint(0, 60))
        else:
            low, high = ((1, 4), (2, 10), (4, 25), (8, 60), (15, 120))[priority]
            delay = timedelta(seconds=rng.randint(low * 60, high * 60))
        if age > OPEN_WINDOW:
            if rng.random() < (0.15 if call_type.code == "HANGUP" else 0.03):
                return "cancelled", None, received + timedelta(seconds=rng.randint(90, 900))
            work = timedelta(minutes=min(240.0, 12 + rng.expovariate(1 / 40)))
            work = min(work, age - delay - timedelta(minutes=1))
            return "closed", received + delay, received + delay + work
        if received + delay <= self.anchor and rng.random() < (0.7 if priority <= 1 else 0.45):
            return "active", received + delay, None
        return "pending", None, None

    def _notes(
        self,
        received: datetime,
        call_type: CallType,
        relation: str,
        subject: int | None,
        closed: datetime | None,
        frequent: bool,
    ) -> tuple[CityNote, ...]:
        rng = self.rng
        count = rng.choices((1, 2, 3, 4), (30, 35, 22, 13))[0]
        if call_type.behavioral and count < 4 and rng.random() < 0.4:
            count += 1
        if subject is not None:
            person = self.people[subject]
            sex = person.sex
            age = (self.anchor.date() - person.date_of_birth).days * 100 // 36524
        else:
            sex, age = rng.choice("MF"), rng.randint(16, 75)
        slots = calltypes.note_slots(
            rng, sex=sex, age=age, streets=self.streets, city=self.profile.name
        )
        texts = calltypes.compose_notes(
            rng, call_type, slots, count, relation=relation, frequent=frequent
        )
        horizon = min(self.anchor, closed) if closed else self.anchor
        operator = rng.choice(self.operators)
        at = received + timedelta(seconds=rng.randint(15, 150))
        notes = [CityNote(max(received, min(at, horizon)), operator, texts[0])]
        for text in texts[1:]:
            at += timedelta(seconds=rng.randint(40, 480))
            if at > horizon:
                break
            source = operator if rng.random() < 0.7 else rng.choice(self.dispatchers)
            notes.append(CityNote(at, source, text))
        return tuple(notes)

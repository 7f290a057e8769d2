"""The HSDS 3.0 tables as data: fields and their kinds, how tables nest in JSON, their CSV files.

Written from the published schemas (`schema/*.json` of openreferral/specification 3.0); a test
compares the two field by field whenever the schemas are at hand. The schemas themselves are not
shipped with CrisisDesk, so this is what the importer validates against at run time.

Names: a table is named as HSDS names its object (`service`, `service_at_location`); its CSV file
is HSDS's `path` (`services.csv`, but `service_at_location.csv`); a nested array is the parent's
property (`service.phones`), whose rows point back at the parent through `link` (`service_id`).

Crisis extensions are fields and a table whose names start with `crisisdesk_`; other HSDS tools
ignore them (the schemas allow extra properties).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

# Column sizes the database holds; longer values are refused with a message naming the field.
HSDS_ID_LENGTH = 128
NAME_LENGTH = 500
CODE_LENGTH = 128
EMAIL_LENGTH = 320
PHONE_NUMBER_LENGTH = 100
EXTENSION_PREFIX = "crisisdesk_"


class Kind(StrEnum):
    STRING = "string"
    NUMBER = "number"  # any JSON number
    INTEGER = "integer"  # a JSON number that must be whole (years, counts, extensions)
    DECIMAL = "decimal"  # money: kept exactly
    DATE = "date"  # YYYY-MM-DD
    DATETIME = "datetime"  # ISO 8601; without an offset it is UTC (HSDS says so)
    TIME = "time"  # HH:MM[:SS] with an optional "Z" or "+HH:MM"
    BOOLEAN = "boolean"  # extensions only: HSDS 3.0 has no boolean field

    @property
    def json_type(self) -> str:
        if self in (Kind.NUMBER, Kind.INTEGER, Kind.DECIMAL):
            return "number"
        return "boolean" if self is Kind.BOOLEAN else "string"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind = Kind.STRING
    required: bool = False
    enum: tuple[str, ...] = ()
    max_length: int | None = None
    references: str = ""  # the table a `..._id` field points at


@dataclass(frozen=True)
class Child:
    """A nested array: `prop` on the parent holds rows of `table` whose `link` is its id."""

    prop: str
    table: str
    link: str


@dataclass(frozen=True)
class Single:
    """A nested object: `prop` holds the `table` row whose id the parent keeps in `field`."""

    prop: str
    table: str
    field: str


@dataclass(frozen=True)
class Table:
    name: str
    csv: str
    fields: tuple[Field, ...]
    children: tuple[Child, ...] = ()
    singles: tuple[Single, ...] = ()

    def field(self, name: str) -> Field | None:
        return _fields_by_name(self.name).get(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    @property
    def references(self) -> dict[str, str]:
        return _references(self.name)

    @property
    def nested_props(self) -> frozenset[str]:
        return _nested_props(self.name)


def _id() -> Field:
    return Field("id", required=True, max_length=HSDS_ID_LENGTH)


def _ref(name: str, table: str) -> Field:
    return Field(name, max_length=HSDS_ID_LENGTH, references=table)


def _text(name: str, *, required: bool = False) -> Field:
    return Field(name, required=required)


def _name(name: str, *, required: bool = False, length: int = NAME_LENGTH) -> Field:
    return Field(name, required=required, max_length=length)


# Most HSDS objects may carry attributes (taxonomy terms) and metadata (provenance).
METADATA = Child("metadata", "metadata", "resource_id")
COMMON = (Child("attributes", "attribute", "link_id"), METADATA)


LOCATION_TYPES = ("physical", "postal", "virtual")
SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily closed")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FREQUENCIES = ("WEEKLY", "MONTHLY")
INTAKE_METHODS = ("phone", "walk_in", "e_referral", "fax", "email", "other")

TABLES: tuple[Table, ...] = (
    Table(
        "organization",
        "organizations.csv",
        (
            _id(),
            _name("name", required=True),
            _name("alternate_name"),
            _text("description", required=True),
            _name("email", length=EMAIL_LENGTH),
            _text("website"),
            _name("tax_status"),
            _name("tax_id"),
            Field("year_incorporated", Kind.INTEGER),
            _name("legal_status"),
            _text("logo"),
            _text("uri"),
            _ref("parent_organization_id", "organization"),
        ),
        (
            Child("funding", "funding", "organization_id"),
            Child("contacts", "contact", "organization_id"),
            Child("phones", "phone", "organization_id"),
            Child("locations", "location", "organization_id"),
            Child("programs", "program", "organization_id"),
            Child("organization_identifiers", "organization_identifier", "organization_id"),
            Child("services", "service", "organization_id"),
            *COMMON,
        ),
    ),
    Table(
        "program",
        "programs.csv",
        (
            _id(),
            _ref("organization_id", "organization"),
            _name("name", required=True),
            _name("alternate_name"),
            _text("description", required=True),
        ),
        COMMON,
    ),
    Table(
        "service",
        "services.csv",
        (
            _id(),
            _ref("organization_id", "organization"),
            _ref("program_id", "program"),
            _name("name", required=True),
            _name("alternate_name"),
            _text("description"),
            _text("url"),
            _name("email", length=EMAIL_LENGTH),
            Field("status", required=True, enum=SERVICE_STATUSES),
            _text("interpretation_services"),
            _text("application_process"),
            _text("fees_description"),
            _text("wait_time"),
            _text("fees"),
            _text("accreditations"),
            _text("eligibility_description"),
            Field("minimum_age", Kind.NUMBER),
            Field("maximum_age", Kind.NUMBER),
            Field("assured_date", Kind.DATE),
            _name("assurer_email", length=EMAIL_LENGTH),
            _text("licenses"),
            _text("alert"),
            Field("last_modified", Kind.DATETIME),
            Field("crisisdesk_last_verified_at", Kind.DATETIME),
        ),
        (
            Child("phones", "phone", "service_id"),
            Child("schedules", "schedule", "service_id"),
            Child("service_areas", "service_area", "service_id"),
            Child("service_at_locations", "service_at_location", "service_id"),
            Child("languages", "language", "service_id"),
            Child("funding", "funding", "service_id"),
            Child("cost_options", "cost_option", "service_id"),
            Child("required_documents", "required_document", "service_id"),
            Child("contacts", "contact", "service_id"),
            Child("crisisdesk_intake_points", "crisisdesk_intake_point", "service_id"),
            *COMMON,
        ),
        (
            Single("organization", "organization", "organization_id"),
            Single("program", "program", "program_id"),
        ),
    ),
    Table(
        "location",
        "locations.csv",
        (
            _id(),
            Field("location_type", required=True, enum=LOCATION_TYPES),
            _text("url"),
            _ref("organization_id", "organization"),
            _name("name"),
            _name("alternate_name"),
            _text("description"),
            _text("transportation"),
            Field("latitude", Kind.NUMBER),
            Field("longitude", Kind.NUMBER),
            _name("external_identifier"),
            _name("external_identifier_type"),
            Field("crisisdesk_confidential", Kind.BOOLEAN),
        ),
        (
            Child("languages", "language", "location_id"),
            Child("addresses", "address", "location_id"),
            Child("contacts", "contact", "location_id"),
            Child("accessibility", "accessibility", "location_id"),
            Child("phones", "phone", "location_id"),
            Child("schedules", "schedule", "location_id"),
            *COMMON,
        ),
    ),
    Table(
        "service_at_location",
        "service_at_location.csv",
        (
            _id(),
            _ref("service_id", "service"),
            _ref("location_id", "location"),
            _text("description"),
        ),
        (
            Child("contacts", "contact", "service_at_location_id"),
            Child("phones", "phone", "service_at_location_id"),
            Child("schedules", "schedule", "service_at_location_id"),
            *COMMON,
        ),
        (
            Single("location", "location", "location_id"),
            Single("service", "service", "service_id"),
        ),
    ),
    Table(
        "address",
        "addresses.csv",
        (
            _id(),
            _ref("location_id", "location"),
            _name("attention"),
            _name("address_1", required=True),
            _name("address_2"),
            _name("city", required=True),
            _name("region"),
            _name("state_province", required=True),
            _name("postal_code", required=True, length=CODE_LENGTH),
            _name("country", required=True, length=CODE_LENGTH),
            Field("address_type", required=True, enum=LOCATION_TYPES),
        ),
        COMMON,
    ),
    Table(
        "accessibility",
        "accessibility.csv",
        (
            _id(),
            _ref("location_id", "location"),
            _text("description"),
            _text("details"),
            _text("url"),
        ),
        COMMON,
    ),
    Table(
        "contact",
        "contacts.csv",
        (
            _id(),
            _ref("organization_id", "organization"),
            _ref("service_id", "service"),
            _ref("service_at_location_id", "service_at_location"),
            _ref("location_id", "location"),
            _name("name"),
            _name("title"),
            _name("department"),
            _name("email", length=EMAIL_LENGTH),
        ),
        (Child("phones", "phone", "contact_id"), *COMMON),
    ),
    Table(
        "phone",
        "phones.csv",
        (
            _id(),
            _ref("location_id", "location"),
            _ref("service_id", "service"),
            _ref("organization_id", "organization"),
            _ref("contact_id", "contact"),
            _ref("service_at_location_id", "service_at_location"),
            _name("number", required=True, length=PHONE_NUMBER_LENGTH),
            Field("extension", Kind.INTEGER),
            _name("type", length=CODE_LENGTH),
            _text("description"),
        ),
        (Child("languages", "language", "phone_id"), *COMMON),
    ),
    Table(
        "language",
        "languages.csv",
        (
            _id(),
            _ref("service_id", "service"),
            _ref("location_id", "location"),
            _ref("phone_id", "phone"),
            _name("name"),
            _name("code", length=CODE_LENGTH),
            _text("note"),
        ),
        COMMON,
    ),
    Table(
        "schedule",
        "schedules.csv",
        (
            _id(),
            _ref("service_id", "service"),
            _ref("location_id", "location"),
            _ref("service_at_location_id", "service_at_location"),
            Field("valid_from", Kind.DATE),
            Field("valid_to", Kind.DATE),
            Field("dtstart", Kind.DATE),
            Field("timezone", Kind.NUMBER),
            Field("until", Kind.DATE),
            Field("count", Kind.INTEGER),
            Field("wkst", enum=WEEKDAYS),
            Field("freq", enum=FREQUENCIES),
            Field("interval", Kind.INTEGER),
            _name("byday", length=CODE_LENGTH),
            _name("byweekno"),
            _name("bymonthday"),
            _name("byyearday"),
            _text("description"),
            Field("opens_at", Kind.TIME),
            Field("closes_at", Kind.TIME),
            _text("schedule_link"),
            _text("attending_type"),
            _text("notes"),
            _ref("crisisdesk_intake_point_id", "crisisdesk_intake_point"),
        ),
        COMMON,
    ),
    Table(
        "service_area",
        "service_areas.csv",
        (
            _id(),
            _ref("service_id", "service"),
            _text("name"),
            _text("description"),
            _text("extent"),
            _name("extent_type", length=CODE_LENGTH),
            _text("uri"),
        ),
        COMMON,
    ),
    Table(
        "cost_option",
        "cost_options.csv",
        (
            _id(),
            _ref("service_id", "service"),
            Field("valid_from", Kind.DATE),
            Field("valid_to", Kind.DATE),
            _text("option"),
            _name("currency", length=CODE_LENGTH),
            Field("amount", Kind.DECIMAL),
            _text("amount_description"),
        ),
        COMMON,
    ),
    Table(
        "required_document",
        "required_documents.csv",
        (_id(), _ref("service_id", "service"), _text("document"), _text("uri")),
        COMMON,
    ),
    Table(
        "funding",
        "funding.csv",
        (
            _id(),
            _ref("organization_id", "organization"),
            _ref("service_id", "service"),
            _text("source"),
        ),
        COMMON,
    ),
    Table(
        "organization_identifier",
        "organization_identifiers.csv",
        (
            _id(),
            _ref("organization_id", "organization"),
            _name("identifier_scheme"),
            _name("identifier_type", required=True),
            _name("identifier", required=True),
        ),
        COMMON,
    ),
    Table(
        "taxonomy",
        "taxonomies.csv",
        (
            _id(),
            _name("name", required=True),
            _text("description", required=True),
            _text("uri"),
            _name("version", length=CODE_LENGTH),
        ),
        (METADATA,),
    ),
    Table(
        "taxonomy_term",
        "taxonomy_terms.csv",
        (
            _id(),
            _name("code", length=CODE_LENGTH),
            _name("name", required=True),
            _text("description", required=True),
            _ref("parent_id", "taxonomy_term"),
            _name("taxonomy"),
            _name("language", length=CODE_LENGTH),
            _ref("taxonomy_id", "taxonomy"),
            _text("term_uri"),
        ),
        (METADATA,),
        (Single("taxonomy_detail", "taxonomy", "taxonomy_id"),),
    ),
    Table(
        "attribute",
        "attributes.csv",
        (
            _id(),
            # Any table's id: `link_entity` says which. Not checked as a reference.
            Field("link_id", max_length=HSDS_ID_LENGTH),
            _ref("taxonomy_term_id", "taxonomy_term"),
            _name("link_type", length=CODE_LENGTH),
            _name("link_entity", length=CODE_LENGTH),
            _text("value"),
        ),
        (METADATA,),
        (Single("taxonomy_term", "taxonomy_term", "taxonomy_term_id"),),
    ),
    Table(
        "metadata",
        "metadata.csv",
        (
            _id(),
            Field("resource_id", max_length=HSDS_ID_LENGTH),
            _name("resource_type", length=CODE_LENGTH),
            _name("last_action_date", required=True, length=64),
            _name("last_action_type", required=True, length=CODE_LENGTH),
            _name("field_name", required=True),
            _text("previous_value", required=True),
            _text("replacement_value", required=True),
            _name("updated_by", required=True),
        ),
    ),
    Table(
        "meta_table_description",
        "meta_table_descriptions.csv",
        (
            _id(),
            _name("name"),
            _name("language", length=CODE_LENGTH),
            _name("character_set", length=CODE_LENGTH),
        ),
        COMMON,
    ),
    Table(
        "crisisdesk_intake_point",
        "crisisdesk_intake_points.csv",
        (
            _id(),
            _ref("service_id", "service"),
            _ref("service_at_location_id", "service_at_location"),
            Field("method", required=True, enum=INTAKE_METHODS),
            _text("description"),
            _name("phone_number", length=PHONE_NUMBER_LENGTH),
            _text("url"),
            _name("email", length=EMAIL_LENGTH),
            _text("hours_description"),
        ),
        (Child("schedules", "schedule", "crisisdesk_intake_point_id"),),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
TABLES_BY_CSV: dict[str, Table] = {table.csv: table for table in TABLES}
# HSDS tables only (what the published schemas describe).
HSDS_TABLES = tuple(table for table in TABLES if not table.name.startswith(EXTENSION_PREFIX))


# Asked for every value of every row: worked out once per table.
@cache
def _fields_by_name(table: str) -> dict[str, Field]:
    return {field.name: field for field in TABLES_BY_NAME[table].fields}


@cache
def _references(table: str) -> dict[str, str]:
    return {
        field.name: field.references for field in TABLES_BY_NAME[table].fields if field.references
    }


@cache
def _nested_props(table: str) -> frozenset[str]:
    spec = TABLES_BY_NAME[table]
    return frozenset([c.prop for c in spec.children] + [s.prop for s in spec.singles])


def table(name: str) -> Table:
    return TABLES_BY_NAME[name]


def is_extension(name: str) -> bool:
    return name.startswith(EXTENSION_PREFIX)

"""The community resource directory: Open Referral HSDS 3.0 tables, plus what crisis work needs.

HSDS tables (field names as in HSDS 3.0; `hsds_id` is the HSDS `id`, unique per center):
- `Organization`: who provides services (HSDS organization).
- `OrganizationIdentifier`: an organization's registration numbers (charity number, EIN...).
- `Program`: a named group of an organization's services.
- `Funding`: where an organization's or a service's money comes from.
- `Service`: what people can get (shelter, detox, counselling), with eligibility and fees.
- `ServiceArea`: where a service is available (a town, a county, a GeoJSON extent).
- `Location`: a place services are delivered, with coordinates; may be `confidential`.
- `Address`: a physical or postal address of a location.
- `Accessibility`: a location's accessibility features (wheelchair access, induction loop).
- `ServiceAtLocation`: a service as delivered at one location (its own phones and hours).
- `Contact`: a named person or desk for an organization, service, location or service at location.
- `Phone`: a number for any of those, or for a contact.
- `Language`: a language a service, location or phone line works in.
- `Schedule`: opening hours as iCal-style rules (freq, byday, opens_at, closes_at, valid_from...).
- `CostOption`: a price and who pays it.
- `RequiredDocument`: a document a person must bring.
- `Taxonomy`: a classification scheme (AIRS/211 LA, Open Eligibility...).
- `TaxonomyTerm`: a term of a taxonomy (code, name, parent).
- `Attribute`: links a taxonomy term (and a value) to any record, e.g. a service's category.
- `Metadata`: a provenance entry: who changed which field of which record, when.
- `MetaTableDescription`: a data set's description of one of its tables.

Crisis extensions (not in HSDS):
- `Capacity`: live availability of a service (or of a service at one location): beds or slots
  free and in total, waitlist, accepting referrals now, when and by whom it was last updated.
- `IntakePoint`: how to refer someone: a phone line, walk-in, an e-referral form; walk-in hours
  are `Schedule` rows pointing at it.
- `Location.confidential`: its address and coordinates are shown only to roles with
  SEE_CONFIDENTIAL_LOCATIONS (`access.redact_location`), never in the API or an export by default.
- `Service.last_verified_at` / `last_verified_by`: when our staff last confirmed the details.

Every row carries its `center`: the directory is per center, the same HSDS ids may exist in two
centers, and each table is scoped and made unique per center without a join. A reference to a
record that does not exist (HSDS data sets often hold some) keeps its id in
`unresolved_references` so that an export gives it back; it is linked when the record arrives.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

HSDS_ID_LENGTH = 128
NAME_LENGTH = 500
CODE_LENGTH = 128
EMAIL_LENGTH = 320
PHONE_NUMBER_LENGTH = 100


class HsdsRecord(models.Model):
    """What every directory table shares: its center, its HSDS id, references not yet found."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    hsds_id = models.CharField(max_length=HSDS_ID_LENGTH, help_text="The HSDS `id`.")
    # {"organization_id": "985e4a42-..."}: references whose record is not (yet) in the directory.
    unresolved_references = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["center", "hsds_id"], name="%(app_label)s_%(class)s_unique_hsds_id"
            )
        ]

    def __str__(self) -> str:
        label = getattr(self, "name", "") or self.hsds_id
        return str(label)


class Taxonomy(HsdsRecord):
    name = models.CharField(max_length=NAME_LENGTH)
    description = models.TextField(blank=True)
    uri = models.TextField(blank=True)
    version = models.CharField(max_length=CODE_LENGTH, blank=True)

    class Meta(HsdsRecord.Meta):
        verbose_name_plural = "taxonomies"


class TaxonomyTerm(HsdsRecord):
    code = models.CharField(max_length=CODE_LENGTH, blank=True)
    name = models.CharField(max_length=NAME_LENGTH)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "directory.TaxonomyTerm", models.SET_NULL, null=True, blank=True, related_name="children"
    )
    # The taxonomy's name as free text (HSDS `taxonomy`); `taxonomy_detail` is the table row.
    taxonomy = models.CharField(max_length=NAME_LENGTH, blank=True)
    taxonomy_detail = models.ForeignKey(
        "directory.Taxonomy", models.SET_NULL, null=True, blank=True, related_name="terms"
    )
    language = models.CharField(max_length=CODE_LENGTH, blank=True)
    term_uri = models.TextField(blank=True)

    class Meta(HsdsRecord.Meta):
        indexes = [
            models.Index(fields=["center", "code"], name="taxonomy_term_code"),
            models.Index(fields=["center", "name"], name="taxonomy_term_name"),
        ]


class Organization(HsdsRecord):
    name = models.CharField(max_length=NAME_LENGTH)
    alternate_name = models.CharField(max_length=NAME_LENGTH, blank=True)
    description = models.TextField(blank=True)
    email = models.CharField(max_length=EMAIL_LENGTH, blank=True)
    website = models.TextField(blank=True)
    tax_status = models.CharField(max_length=NAME_LENGTH, blank=True)
    tax_id = models.CharField(max_length=NAME_LENGTH, blank=True)
    year_incorporated = models.IntegerField(null=True, blank=True)
    legal_status = models.CharField(max_length=NAME_LENGTH, blank=True)
    logo = models.TextField(blank=True)
    uri = models.TextField(blank=True)
    parent_organization = models.ForeignKey(
        "directory.Organization",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="child_organizations",
    )

    class Meta(HsdsRecord.Meta):
        indexes = [models.Index(fields=["center", "name"], name="organization_name")]


class OrganizationIdentifier(HsdsRecord):
    organization = models.ForeignKey(
        "directory.Organization",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="organization_identifiers",
    )
    identifier_scheme = models.CharField(max_length=NAME_LENGTH, blank=True)
    identifier_type = models.CharField(max_length=NAME_LENGTH)
    identifier = models.CharField(max_length=NAME_LENGTH)


class Program(HsdsRecord):
    organization = models.ForeignKey(
        "directory.Organization", models.CASCADE, null=True, blank=True, related_name="programs"
    )
    name = models.CharField(max_length=NAME_LENGTH)
    alternate_name = models.CharField(max_length=NAME_LENGTH, blank=True)
    description = models.TextField(blank=True)


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class Service(HsdsRecord):
    organization = models.ForeignKey(
        "directory.Organization", models.CASCADE, null=True, blank=True, related_name="services"
    )
    program = models.ForeignKey(
        "directory.Program", models.SET_NULL, null=True, blank=True, related_name="services"
    )
    name = models.CharField(max_length=NAME_LENGTH)
    alternate_name = models.CharField(max_length=NAME_LENGTH, blank=True)
    description = models.TextField(blank=True)
    url = models.TextField(blank=True)
    email = models.CharField(max_length=EMAIL_LENGTH, blank=True)
    status = models.CharField(max_length=32, choices=ServiceStatus.choices)
    interpretation_services = models.TextField(blank=True)
    application_process = models.TextField(blank=True)
    fees_description = models.TextField(blank=True)
    wait_time = models.TextField(blank=True)
    fees = models.TextField(blank=True)
    accreditations = models.TextField(blank=True)
    # HSDS 3.0 has no eligibility table: this text, the ages and `eligibility` attributes.
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.FloatField(null=True, blank=True)
    maximum_age = models.FloatField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.CharField(max_length=EMAIL_LENGTH, blank=True)
    licenses = models.TextField(blank=True)
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(null=True, blank=True)
    # Crisis extension: when our own staff last confirmed these details (not the source's).
    last_verified_at = models.DateTimeField(null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(HsdsRecord.Meta):
        indexes = [
            models.Index(fields=["center", "name"], name="service_name"),
            models.Index(fields=["center", "status"], name="service_status"),
            models.Index(fields=["center", "last_modified"], name="service_last_modified"),
        ]


class ServiceArea(HsdsRecord):
    service = models.ForeignKey(
        "directory.Service", models.CASCADE, null=True, blank=True, related_name="service_areas"
    )
    name = models.TextField(blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=CODE_LENGTH, blank=True)
    uri = models.TextField(blank=True)


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    POSTAL = "postal", "Postal"
    VIRTUAL = "virtual", "Virtual"


class Location(HsdsRecord):
    location_type = models.CharField(max_length=16, choices=LocationType.choices)
    url = models.TextField(blank=True)
    organization = models.ForeignKey(
        "directory.Organization", models.SET_NULL, null=True, blank=True, related_name="locations"
    )
    name = models.CharField(max_length=NAME_LENGTH, blank=True)
    alternate_name = models.CharField(max_length=NAME_LENGTH, blank=True)
    description = models.TextField(blank=True)
    transportation = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=NAME_LENGTH, blank=True)
    external_identifier_type = models.CharField(max_length=NAME_LENGTH, blank=True)
    # Crisis extension: a domestic-violence shelter, say. Address and coordinates are for roles
    # with SEE_CONFIDENTIAL_LOCATIONS only.
    confidential = models.BooleanField(default=False)

    class Meta(HsdsRecord.Meta):
        indexes = [models.Index(fields=["center", "latitude", "longitude"], name="location_point")]


class AddressType(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    POSTAL = "postal", "Postal"
    VIRTUAL = "virtual", "Virtual"


class Address(HsdsRecord):
    location = models.ForeignKey(
        "directory.Location", models.CASCADE, null=True, blank=True, related_name="addresses"
    )
    attention = models.CharField(max_length=NAME_LENGTH, blank=True)
    address_1 = models.CharField(max_length=NAME_LENGTH)
    address_2 = models.CharField(max_length=NAME_LENGTH, blank=True)
    city = models.CharField(max_length=NAME_LENGTH)
    region = models.CharField(max_length=NAME_LENGTH, blank=True)
    state_province = models.CharField(max_length=NAME_LENGTH)
    postal_code = models.CharField(max_length=CODE_LENGTH)
    country = models.CharField(max_length=CODE_LENGTH)
    address_type = models.CharField(max_length=16, choices=AddressType.choices)

    class Meta(HsdsRecord.Meta):
        verbose_name_plural = "addresses"


class Accessibility(HsdsRecord):
    location = models.ForeignKey(
        "directory.Location", models.CASCADE, null=True, blank=True, related_name="accessibility"
    )
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.TextField(blank=True)

    class Meta(HsdsRecord.Meta):
        verbose_name_plural = "accessibility"


class ServiceAtLocation(HsdsRecord):
    service = models.ForeignKey(
        "directory.Service",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="service_at_locations",
    )
    location = models.ForeignKey(
        "directory.Location",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="service_at_locations",
    )
    description = models.TextField(blank=True)


class Contact(HsdsRecord):
    organization = models.ForeignKey(
        "directory.Organization", models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service = models.ForeignKey(
        "directory.Service", models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    location = models.ForeignKey(
        "directory.Location", models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(max_length=NAME_LENGTH, blank=True)
    title = models.CharField(max_length=NAME_LENGTH, blank=True)
    department = models.CharField(max_length=NAME_LENGTH, blank=True)
    email = models.CharField(max_length=EMAIL_LENGTH, blank=True)


class Phone(HsdsRecord):
    location = models.ForeignKey(
        "directory.Location", models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        "directory.Service", models.CASCADE, null=True, blank=True, related_name="phones"
    )
    organization = models.ForeignKey(
        "directory.Organization", models.CASCADE, null=True, blank=True, related_name="phones"
    )
    contact = models.ForeignKey(
        "directory.Contact", models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation", models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(max_length=PHONE_NUMBER_LENGTH)
    extension = models.BigIntegerField(null=True, blank=True)
    type = models.CharField(max_length=CODE_LENGTH, blank=True)
    description = models.TextField(blank=True)


class Language(HsdsRecord):
    service = models.ForeignKey(
        "directory.Service", models.CASCADE, null=True, blank=True, related_name="languages"
    )
    location = models.ForeignKey(
        "directory.Location", models.CASCADE, null=True, blank=True, related_name="languages"
    )
    phone = models.ForeignKey(
        "directory.Phone", models.CASCADE, null=True, blank=True, related_name="languages"
    )
    name = models.CharField(max_length=NAME_LENGTH, blank=True)
    code = models.CharField(max_length=CODE_LENGTH, blank=True)
    note = models.TextField(blank=True)


class ScheduleFrequency(models.TextChoices):
    WEEKLY = "WEEKLY", "Weekly"
    MONTHLY = "MONTHLY", "Monthly"


class Weekday(models.TextChoices):
    MO = "MO", "Monday"
    TU = "TU", "Tuesday"
    WE = "WE", "Wednesday"
    TH = "TH", "Thursday"
    FR = "FR", "Friday"
    SA = "SA", "Saturday"
    SU = "SU", "Sunday"


class Schedule(HsdsRecord):
    """HSDS schedule: iCal RRULE parts. `opens_at`/`closes_at` are clock times; the UTC offset
    HSDS may append to them ("09:00-05:00", "09:00Z") is kept apart, as written."""

    service = models.ForeignKey(
        "directory.Service", models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        "directory.Location", models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    # Crisis extension: the walk-in or phone hours of an intake point.
    intake_point = models.ForeignKey(
        "directory.IntakePoint", models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True, help_text="A UTC offset in hours.")
    until = models.DateField(null=True, blank=True)
    count = models.IntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, choices=Weekday.choices, blank=True)
    freq = models.CharField(max_length=16, choices=ScheduleFrequency.choices, blank=True)
    interval = models.IntegerField(null=True, blank=True)
    byday = models.CharField(max_length=CODE_LENGTH, blank=True)
    byweekno = models.CharField(max_length=NAME_LENGTH, blank=True)
    bymonthday = models.CharField(max_length=NAME_LENGTH, blank=True)
    byyearday = models.CharField(max_length=NAME_LENGTH, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    opens_at_offset = models.CharField(max_length=8, blank=True, help_text='"Z", "-05:00" or ""')
    closes_at = models.TimeField(null=True, blank=True)
    closes_at_offset = models.CharField(max_length=8, blank=True, help_text='"Z", "-05:00" or ""')
    schedule_link = models.TextField(blank=True)
    attending_type = models.TextField(blank=True)
    notes = models.TextField(blank=True)


class CostOption(HsdsRecord):
    service = models.ForeignKey(
        "directory.Service", models.CASCADE, null=True, blank=True, related_name="cost_options"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.TextField(blank=True)
    currency = models.CharField(max_length=CODE_LENGTH, blank=True)
    amount = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    amount_description = models.TextField(blank=True)


class RequiredDocument(HsdsRecord):
    service = models.ForeignKey(
        "directory.Service",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="required_documents",
    )
    document = models.TextField(blank=True)
    uri = models.TextField(blank=True)


class Funding(HsdsRecord):
    organization = models.ForeignKey(
        "directory.Organization", models.CASCADE, null=True, blank=True, related_name="funding"
    )
    service = models.ForeignKey(
        "directory.Service", models.CASCADE, null=True, blank=True, related_name="funding"
    )
    source = models.TextField(blank=True)


class Attribute(HsdsRecord):
    """A taxonomy term on any record: `link_entity` names the table, `link_id` the HSDS id.
    `service` is set when the record is one of this center's services, for searches by term."""

    link_id = models.CharField(max_length=HSDS_ID_LENGTH, blank=True)
    link_entity = models.CharField(max_length=CODE_LENGTH, blank=True)
    link_type = models.CharField(max_length=CODE_LENGTH, blank=True)
    taxonomy_term = models.ForeignKey(
        "directory.TaxonomyTerm", models.CASCADE, null=True, blank=True, related_name="attributes"
    )
    value = models.TextField(blank=True)
    service = models.ForeignKey(
        "directory.Service", models.CASCADE, null=True, blank=True, related_name="attributes"
    )

    class Meta(HsdsRecord.Meta):
        indexes = [
            models.Index(fields=["center", "link_entity", "link_id"], name="attribute_link"),
            models.Index(fields=["service", "taxonomy_term"], name="attribute_service_term"),
        ]


class Metadata(HsdsRecord):
    """HSDS provenance entry; dates kept as the source wrote them."""

    resource_id = models.CharField(max_length=HSDS_ID_LENGTH, blank=True)
    resource_type = models.CharField(max_length=CODE_LENGTH, blank=True)
    last_action_date = models.CharField(max_length=64)
    last_action_type = models.CharField(max_length=CODE_LENGTH)
    field_name = models.CharField(max_length=NAME_LENGTH)
    previous_value = models.TextField()
    replacement_value = models.TextField()
    updated_by = models.CharField(max_length=NAME_LENGTH)

    class Meta(HsdsRecord.Meta):
        verbose_name_plural = "metadata"
        indexes = [
            models.Index(
                fields=["center", "resource_type", "resource_id"], name="metadata_resource"
            )
        ]


class MetaTableDescription(HsdsRecord):
    name = models.CharField(max_length=NAME_LENGTH, blank=True)
    language = models.CharField(max_length=CODE_LENGTH, blank=True)
    character_set = models.CharField(max_length=CODE_LENGTH, blank=True)


class IntakeMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    WALK_IN = "walk_in", "Walk-in"
    E_REFERRAL = "e_referral", "E-referral"
    FAX = "fax", "Fax"
    EMAIL = "email", "Email"
    OTHER = "other", "Other"


class IntakePoint(HsdsRecord):
    """Crisis extension, shaped like an HSDS table: one way to refer a person to a service."""

    service = models.ForeignKey(
        "directory.Service", models.CASCADE, null=True, blank=True, related_name="intake_points"
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="intake_points",
    )
    method = models.CharField(max_length=16, choices=IntakeMethod.choices)
    description = models.TextField(blank=True, help_text="Who may refer, what to have ready.")
    phone_number = models.CharField(max_length=PHONE_NUMBER_LENGTH, blank=True)
    url = models.TextField(blank=True, help_text="The e-referral form.")
    email = models.CharField(max_length=EMAIL_LENGTH, blank=True)
    hours_description = models.TextField(blank=True, help_text='"Walk-in 8-11 am weekdays".')


class CapacityUnit(models.TextChoices):
    BEDS = "beds", "Beds"
    SLOTS = "slots", "Slots"


class Capacity(models.Model):
    """Crisis extension: the current availability of a service, or of a service at one location
    (a detox with two sites). One row per (service or service at location, unit); its history is
    in the audit trail."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="capacities"
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="capacities",
    )
    unit = models.CharField(max_length=16, choices=CapacityUnit.choices)
    available = models.PositiveIntegerField(null=True, blank=True)
    total = models.PositiveIntegerField(null=True, blank=True)
    # People waiting; None when the service keeps no waitlist or did not say.
    waitlist = models.PositiveIntegerField(null=True, blank=True)
    # None: unknown. Distinct from available == 0: some take referrals onto a waitlist.
    accepting_referrals = models.BooleanField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who, when not a user: an integration token's name ("Harbor Detox bed board"), "system:...".
    updated_by_label = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name_plural = "capacities"
        constraints = [
            models.UniqueConstraint(
                fields=["service", "unit"],
                condition=Q(service_at_location__isnull=True),
                name="capacity_one_per_service_unit",
            ),
            models.UniqueConstraint(
                fields=["service_at_location", "unit"],
                condition=Q(service_at_location__isnull=False),
                name="capacity_one_per_service_at_location_unit",
            ),
            models.CheckConstraint(
                condition=Q(available__isnull=True)
                | Q(total__isnull=True)
                | Q(available__lte=models.F("total")),
                name="capacity_available_within_total",
            ),
        ]
        indexes = [
            models.Index(fields=["center", "accepting_referrals"], name="capacity_accepting"),
        ]

    def __str__(self) -> str:
        return f"{self.available}/{self.total} {self.unit}"

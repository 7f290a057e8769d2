"""The search keys a Person row stores, as plain values: no Django import.

Person.save() fills them; code that inserts people without save() (bulk inserts, raw SQL) adds
`person_search_fields(given, family)` to the row. Rows inserted without them keep
`search_keys_version` 0 until the worker's `fill_person_search_keys` job computes them, and
search reads such rows directly meanwhile, so nobody is unfindable in between.

Bump SEARCH_KEYS_VERSION whenever the keys change meaning (a new nickname table, another
phonetic code): the job then recomputes every row in the background.
"""

from __future__ import annotations

from crisisdesk.people.names import name_keys

SEARCH_KEYS_VERSION = 1

# The Person fields computed here, for `update_fields` and bulk updates.
SEARCH_KEY_FIELDS = (
    "search_given",
    "search_family",
    "phonetic_given",
    "phonetic_family",
    "phonetic_family_alt",
    "family_letters",
    "search_keys_version",
)


def person_search_fields(given_name: str, family_name: str) -> dict[str, str | int]:
    """The Person fields to store with a row of this name, keyed by field name."""
    keys = name_keys(given_name, family_name)
    return {
        "search_given": keys.given,
        "search_family": keys.family,
        "phonetic_given": keys.given_sound,
        "phonetic_family": keys.family_sound,
        "phonetic_family_alt": keys.family_sound_alt,
        "family_letters": keys.family_letters,
        "search_keys_version": SEARCH_KEYS_VERSION,
    }

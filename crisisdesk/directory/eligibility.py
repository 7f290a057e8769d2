"""Who a service is for, read from its taxonomy terms and languages. Plain Python (no Django).

HSDS 3.0 has no eligibility table: eligibility is free text, the minimum and maximum age, and
attributes linking the service to taxonomy terms. A term is read as:
- a gender restriction when its code starts with `gender:` (`gender:female`) or its taxonomy's
  name mentions gender; "Women", "Female", "Girls" read as `female`, "Men", "Male", "Boys" as
  `male`, others as their folded name (`nonbinary`);
- an accepted insurance when its code starts with `insurance:` (`insurance:medicaid`) or its
  taxonomy's name mentions insurance or payment; `insurance:none-required` (or a term named
  "Free", "No insurance required") marks a service anyone may use whatever their coverage;
- otherwise a need: what the service is (shelter, detox, legal aid...).
"""

from __future__ import annotations

from collections.abc import Iterable

from crisisdesk.directory.search_core import fold

GENDER_WORDS = {
    "women": "female",
    "woman": "female",
    "female": "female",
    "females": "female",
    "girls": "female",
    "men": "male",
    "man": "male",
    "male": "male",
    "males": "male",
    "boys": "male",
}
GENDER_LABELS = {"female": "Women", "male": "Men"}
FREE_WORDS = frozenset({"free", "none required", "none-required", "no insurance required"})
INSURANCE_LABELS = {
    "medicaid": "Medicaid",
    "medicare": "Medicare",
    "private": "Private insurance",
    "uninsured": "Uninsured (sliding scale)",
    "tricare": "TRICARE",
    "va": "VA",
}
# ISO 639-1 codes for languages by their English name, and names for codes. A center's data may
# name other languages: they are searchable by their folded name.
LANGUAGE_CODES = {
    "english": "en",
    "spanish": "es",
    "espanol": "es",
    "vietnamese": "vi",
    "chinese": "zh",
    "mandarin": "zh",
    "cantonese": "yue",
    "tagalog": "tl",
    "arabic": "ar",
    "french": "fr",
    "haitian creole": "ht",
    "russian": "ru",
    "korean": "ko",
    "somali": "so",
    "portuguese": "pt",
    "american sign language": "ase",
    "asl": "ase",
    "german": "de",
    "hindi": "hi",
    "ukrainian": "uk",
}
LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "yue": "Cantonese",
    "tl": "Tagalog",
    "ar": "Arabic",
    "fr": "French",
    "ht": "Haitian Creole",
    "ru": "Russian",
    "ko": "Korean",
    "so": "Somali",
    "pt": "Portuguese",
    "ase": "American Sign Language",
    "de": "German",
    "hi": "Hindi",
    "uk": "Ukrainian",
}
THREE_LETTER = {"eng": "en", "spa": "es", "vie": "vi", "zho": "zh", "chi": "zh", "ara": "ar"}


def classify_term(code: str, name: str, taxonomy: str) -> tuple[str, str]:
    """("gender" | "insurance" | "need", the value: "female", "medicaid", "" for a need)."""
    code_folded = code.strip().lower()
    for facet in ("gender", "insurance"):
        for separator in (":", "-"):
            if code_folded.startswith(facet + separator):
                return facet, _value(facet, code_folded[len(facet) + 1 :])
    about = fold(taxonomy)
    if "gender" in about:
        return "gender", _value("gender", name)
    if "insurance" in about or "payment" in about:
        return "insurance", _value("insurance", name)
    return "need", ""


def _value(facet: str, text: str) -> str:
    folded = fold(text)
    if facet == "gender":
        return GENDER_WORDS.get(folded, folded.replace(" ", "-"))
    if folded in FREE_WORDS or folded.replace("-", " ") in FREE_WORDS:
        return "free"
    for key, label in INSURANCE_LABELS.items():
        if folded == key or folded == fold(label):
            return key
    return folded.replace(" ", "-")


def language_code(code: str, name: str) -> str:
    """A language's key: its ISO 639-1 code when known, else its folded name."""
    folded_code = code.strip().lower().replace("_", "-").split("-")[0]
    if len(folded_code) == 2 and folded_code.isalpha():
        return folded_code
    if folded_code in THREE_LETTER:
        return THREE_LETTER[folded_code]
    if folded_code == "ase":
        return "ase"
    folded_name = fold(name)
    return LANGUAGE_CODES.get(folded_name, folded_name.replace(" ", "-"))


def language_name(key: str) -> str:
    return LANGUAGE_NAMES.get(key, key.replace("-", " ").title())


def eligibility_summary(
    genders: Iterable[str],
    min_age: float | None,
    max_age: float | None,
    insurances: Iterable[str],
) -> str:
    """'Women · Ages 18+ · Medicaid, Uninsured (sliding scale)'."""
    parts = [", ".join(GENDER_LABELS.get(g, g.replace("-", " ").title()) for g in sorted(genders))]
    if min_age is not None and max_age is not None:
        parts.append(f"Ages {min_age:g}–{max_age:g}")
    elif min_age is not None:
        parts.append(f"Ages {min_age:g}+")
    elif max_age is not None:
        parts.append(f"Up to age {max_age:g}")
    labels = [
        "No insurance needed" if key == "free" else INSURANCE_LABELS.get(key, key.title())
        for key in sorted(insurances)
    ]
    parts.append(", ".join(labels))
    return " · ".join(part for part in parts if part)

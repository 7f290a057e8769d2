"""The queue flagger: finds the behavioral-health calls hidden in a CAD queue. Plain Python, no
Django import (a test enforces it): the queue board, the API and the command line call it alike.

    from crisisdesk.review.flagger import flag, builtin_config
    result = flag("415", "DISTURBING PEACE", "RP STATES SUBJ OFF HIS MEDS, NO WEAPONS SEEN",
                  "third", builtin_config("san-diego"))
    result.candidate, result.score, result.category, result.exclusions
    result.to_json_dict()          # with the evidence: every finding's text spans and offsets

A configuration (`FlaggerConfig`) is plain data: a center's call-type code map, extra terms,
abbreviations, phrases to ignore and thresholds, loaded from YAML (`load_config_text`) or a dict
(`FlaggerConfig.from_dict`) with errors that name the field. See README.md next to `review/`.
"""

from crisisdesk.review.flagger.config import (
    CallTypeRule,
    ConfigError,
    FlaggerConfig,
    Spelling,
    Term,
    Thresholds,
    builtin_config,
    builtin_names,
    default_config,
    load_config_file,
    load_config_text,
)
from crisisdesk.review.flagger.flagger import Flagger, compiled, flag
from crisisdesk.review.flagger.model import (
    CALLER_RELATIONS,
    CATEGORIES,
    CATEGORY_PRECEDENCE,
    EXCLUSIONS,
    SEVERITIES,
    Evidence,
    FlagInputError,
    FlagResult,
    Span,
)

__all__ = [
    "CALLER_RELATIONS",
    "CATEGORIES",
    "CATEGORY_PRECEDENCE",
    "EXCLUSIONS",
    "SEVERITIES",
    "CallTypeRule",
    "ConfigError",
    "Evidence",
    "FlagInputError",
    "FlagResult",
    "Flagger",
    "FlaggerConfig",
    "Span",
    "Spelling",
    "Term",
    "Thresholds",
    "builtin_config",
    "builtin_names",
    "compiled",
    "default_config",
    "flag",
    "load_config_file",
    "load_config_text",
]

"""The triage protocol engine: plain Python, no Django, importable and testable alone.

protocol = load_protocol_text(text)          # or load_protocol_file(path), builtin_protocol(name)
result = evaluate(protocol, {"medical_emergency": False, ...})
problems = check_protocol(protocol)          # what `crisisdesk protocol check` reports
"""

from crisisdesk.triage.engine.builtins import (
    BUILTIN_DIR,
    UnknownProtocol,
    builtin_names,
    builtin_protocol,
)
from crisisdesk.triage.engine.checks import check_protocol, run_test_case
from crisisdesk.triage.engine.evaluate import evaluate
from crisisdesk.triage.engine.loader import load_protocol_file, load_protocol_text
from crisisdesk.triage.engine.model import (
    PATHWAYS,
    AnswerProblem,
    EvaluationResult,
    InvalidAnswers,
    Problem,
    Protocol,
    ProtocolError,
)
from crisisdesk.triage.engine.space import answer_space

__all__ = [
    "BUILTIN_DIR",
    "PATHWAYS",
    "AnswerProblem",
    "EvaluationResult",
    "InvalidAnswers",
    "Problem",
    "Protocol",
    "ProtocolError",
    "UnknownProtocol",
    "answer_space",
    "builtin_names",
    "builtin_protocol",
    "check_protocol",
    "evaluate",
    "load_protocol_file",
    "load_protocol_text",
    "run_test_case",
]

"""How long one protocol evaluation takes in-process (plain engine, no Django, no database).

Target (issue 4): a complete evaluation in at most 1 ms at the 99th percentile. Each case is
evaluated ROUNDS times after a warm-up; every call is timed on its own, answers validated
included, the way a view or the command line calls `evaluate`. Partial answer sets cost a
little more than complete ones: they also work out the next questions.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from crisisdesk.triage.engine import builtin_protocol, evaluate

ROUNDS = 20_000
WARM_UP = 1_000
TARGET_MICROSECONDS = 1_000

SAFE_BH_CALL: dict[str, Any] = {
    "medical_emergency": False,
    "fire_or_hazard": False,
    "weapon": "none",
    "violence": "none",
    "crime_in_progress": False,
    "caller_requests_police": False,
    "bh_concern": True,
}
CASES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "diversion-standard",
        "complete, deepest rule",
        {
            **SAFE_BH_CALL,
            "caller_relation": "third",
            "person_located": False,
            "willing_to_talk": False,
            "needs_in_person": True,
            "suicide_risk": "low",
        },
    ),
    ("diversion-standard", "complete, first rule", {"medical_emergency": True}),
    ("diversion-standard", "partial", {**SAFE_BH_CALL, "caller_relation": "first"}),
    ("diversion-standard", "empty", {}),
    (
        "cssrs-screener",
        "complete",
        {
            "wish_dead": True,
            "suicidal_thoughts": True,
            "method": True,
            "intent": False,
            "plan": False,
            "behavior": True,
            "behavior_within_3_months": False,
        },
    ),
    ("cssrs-screener", "partial", {"wish_dead": True}),
]


def measure(name: str, answers: dict[str, Any]) -> list[float]:
    """Microseconds per evaluation, one sample per call."""
    protocol = builtin_protocol(name)
    for _ in range(WARM_UP):
        evaluate(protocol, answers)
    clock = time.perf_counter_ns
    samples = []
    for _ in range(ROUNDS):
        began = clock()
        evaluate(protocol, answers)
        samples.append((clock() - began) / 1000)
    return samples


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run() -> None:
    began = time.perf_counter()
    for name in ("diversion-standard", "cssrs-screener"):
        builtin_protocol(name)
    loaded = (time.perf_counter() - began) * 1000
    print(f"protocol evaluate: loaded 2 protocols in {loaded:.1f} ms (once per process)")
    target = f"target p99 <= {TARGET_MICROSECONDS} us"
    print(f"protocol evaluate: {ROUNDS:,} evaluations per case; {target}")
    worst = 0.0
    for name, label, answers in CASES:
        samples = measure(name, answers)
        p50, p99 = statistics.median(samples), percentile(samples, 0.99)
        worst = max(worst, p99)
        print(f"  {name:<19} {label:<24} p50 {p50:7.1f} us   p99 {p99:7.1f} us")
    verdict = "meets" if worst <= TARGET_MICROSECONDS else "MISSES"
    print(f"protocol evaluate: worst p99 {worst:.1f} us: {verdict} the 1 ms target")

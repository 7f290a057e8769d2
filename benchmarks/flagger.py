"""How fast the queue flagger reads notes, in-process (plain Python, no Django, one core).

Target (issue 7): thousands of notes a second on one core. The corpus is the evaluation set
(every case, dev and held-out: realistic CAD notes of one to six entries, 20 to 120 words),
flagged ROUNDS times after a warm-up, each call timed on its own the way the queue board and
the command line call it (input parsing excluded). A second run reads long narratives (ten
entries joined) to show how the cost grows with length. Compiling a configuration (once per
configuration and process) is timed apart.

Each call is timed twice: by the CPU time of the thread (what the flagger costs: steady on a
shared machine) and by the wall clock (what a caller waits: includes time the process was not
running, so it grows with the machine's load, which is printed alongside).
"""

from __future__ import annotations

import os
import statistics
import time
from typing import Any

from crisisdesk.review.flagger import builtin_config, builtin_names
from crisisdesk.review.flagger.evaluate import load_cases
from crisisdesk.review.flagger.flagger import Flagger
from crisisdesk.review.flagger.inputs import parse_call_type, parse_notes

ROUNDS = 5
TARGET_NOTES_PER_SECOND = 2_000


def _calls() -> list[tuple[Flagger, tuple[Any, ...]]]:
    flaggers = {name: Flagger(builtin_config(name)) for name in builtin_names()}
    calls = []
    for case in load_cases("all"):
        flagger = flaggers[case.get("config") or "default"]
        code, text = parse_call_type(case.get("call_type"), flagger.config)
        notes = parse_notes(case.get("notes"))
        calls.append((flagger, (code, text, notes, case.get("caller_relation"))))
    return calls


def measure(
    calls: list[tuple[Flagger, tuple[Any, ...]]], rounds: int
) -> tuple[list[float], list[float]]:
    """Microseconds per call, one sample per call: (CPU time, wall clock)."""
    for flagger, args in calls:  # warm-up: the spelling cache fills as in a live queue
        flagger.flag(*args)
    cpu, wall = time.thread_time_ns, time.perf_counter_ns
    cpu_samples, wall_samples = [], []
    for _ in range(rounds):
        for flagger, args in calls:
            began_cpu, began_wall = cpu(), wall()
            flagger.flag(*args)
            cpu_samples.append((cpu() - began_cpu) / 1000)
            wall_samples.append((wall() - began_wall) / 1000)
    return cpu_samples, wall_samples


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _report(label: str, samples: tuple[list[float], list[float]], words: float) -> float:
    cpu, wall = samples
    per_second = 1_000_000 / statistics.mean(cpu)
    print(f"  {label} ({words:.0f} words on average)")
    for name, values in (("cpu time", cpu), ("wall clock", wall)):
        rate = 1_000_000 / statistics.mean(values)
        print(
            f"    {name:<11} {rate:8,.0f} notes/s   p50 {statistics.median(values):6.0f} us"
            f"   p95 {percentile(values, 0.95):6.0f} us   p99 {percentile(values, 0.99):6.0f} us"
        )
    return per_second


def run() -> None:
    began = time.perf_counter()
    Flagger(builtin_config("san-diego"))
    compile_ms = (time.perf_counter() - began) * 1000
    print(f"flagger: compiling a configuration takes {compile_ms:.0f} ms (once per process)")
    calls = _calls()
    words = statistics.mean(
        sum(len(entry.split()) for entry in args[2]) + len((args[1] or "").split())
        for _, args in calls
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"flagger: {len(calls)} calls x {ROUNDS} rounds; target >= {TARGET_NOTES_PER_SECOND:,}/s;"
        f" load average {load:.1f} on {os.cpu_count()} cores"
    )
    rate = _report("evaluation notes", measure(calls, ROUNDS), words)
    long_calls = [
        (flagger, (args[0], args[1], list(args[2]) * 10, args[3])) for flagger, args in calls[:200]
    ]
    _report("long narratives (x10)", measure(long_calls, 2), words * 10)
    verdict = "meets" if rate >= TARGET_NOTES_PER_SECOND else "MISSES"
    print(f"flagger: {rate:,.0f} notes/s of CPU time on one core: {verdict} the target")

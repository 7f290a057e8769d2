"""How fast the queue flagger reads notes, in-process (plain Python, no Django, one core).

Targets (issue 7): at least 20,000 notes a second on one core for typical notes (200-500
characters), and at most 5 ms added to the intake of one incident.

The corpus is the evaluation set (realistic CAD notes, dev and held-out), in three shapes:
- typical notes: each case's entries followed by the next cases' entries until the text is
  200 to 500 characters long (the size the target names);
- evaluation notes as written (one to six entries, 20 to 120 words);
- long narratives: ten cases' entries together, to show how the cost grows with length.
Each call is timed on its own, ROUNDS times after a warm-up, the way the queue board and the
command line call it (input parsing excluded). Compiling a configuration (once per
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
TARGET_NOTES_PER_SECOND = 20_000
TARGET_INTAKE_MS = 5.0
TYPICAL = (200, 500)  # characters


Call = tuple[Flagger, tuple[Any, ...]]


def _calls() -> list[Call]:
    flaggers = {name: Flagger(builtin_config(name)) for name in builtin_names()}
    calls = []
    for case in load_cases("all"):
        flagger = flaggers[case.get("config") or "default"]
        code, text = parse_call_type(case.get("call_type"), flagger.config)
        notes = parse_notes(case.get("notes"))
        calls.append((flagger, (code, text, notes, case.get("caller_relation"))))
    return calls


def typical(calls: list[Call]) -> list[Call]:
    """Each call with the following calls' entries added until its notes are 200-500
    characters (an entry that would pass 500 is left out, unless it is the first)."""
    low, high = TYPICAL
    shaped = []
    for number, (flagger, (code, text, notes, relation)) in enumerate(calls):
        entries = list(notes)
        following = number + 1
        while sum(map(len, entries)) < low and following < number + len(calls):
            extra = calls[following % len(calls)][1][2]
            following += 1
            if entries and sum(map(len, entries)) + sum(map(len, extra)) > high:
                continue
            entries.extend(extra)
        shaped.append((flagger, (code, text, entries, relation)))
    return shaped


def _characters(calls: list[Call]) -> float:
    return statistics.mean(sum(map(len, args[2])) for _, args in calls)


def measure(calls: list[Call], rounds: int) -> tuple[list[float], list[float]]:
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


def _report(label: str, samples: tuple[list[float], list[float]], characters: float) -> float:
    cpu, wall = samples
    per_second = 1_000_000 / statistics.mean(cpu)
    print(f"  {label} ({characters:.0f} characters on average)")
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
    shaped = typical(calls)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"flagger: {len(calls)} calls x {ROUNDS} rounds; target >= {TARGET_NOTES_PER_SECOND:,}/s"
        f" for notes of {TYPICAL[0]}-{TYPICAL[1]} characters; load average {load:.1f} on"
        f" {os.cpu_count()} cores"
    )
    samples = measure(shaped, ROUNDS)
    rate = _report("typical notes", samples, _characters(shaped))
    _report("evaluation notes as written", measure(calls, ROUNDS), _characters(calls))
    long_calls = [
        (flagger, (args[0], args[1], [e for _, a in calls[i : i + 10] for e in a[2]], args[3]))
        for i, (flagger, args) in enumerate(calls[:200])
    ]
    _report("long narratives (ten cases)", measure(long_calls, 2), _characters(long_calls))
    verdict = "meets" if rate >= TARGET_NOTES_PER_SECOND else "MISSES"
    print(f"flagger: {rate:,.0f} typical notes/s of CPU time on one core: {verdict} the target")
    worst = percentile(samples[1], 0.999) / 1000
    verdict = "meets" if worst <= TARGET_INTAKE_MS else "MISSES"
    print(
        f"flagger: adds {worst:.2f} ms to one incident's intake (p99.9 wall clock, typical notes):"
        f" {verdict} the {TARGET_INTAKE_MS:.0f} ms target"
    )

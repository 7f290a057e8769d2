"""`crisisdesk flag`: the queue flagger on the command line. Plain Python, no Django.

    crisisdesk flag --input calls.jsonl              # one JSON object per line, or - for stdin
    crisisdesk flag --input - --config metro.yaml    # a center's configuration, exported
    crisisdesk flag --input labeled.jsonl --score    # and how it did against the labels
    crisisdesk flag --cad pd_calls.csv --mapping san-diego [--json]

`--input`: each line {"id", "call_type", "notes", "caller_relation"} gives one output line with
the id and the flagger's answer (candidate, score, category, exclusions, blocking, reasons and
the evidence spans). A line that cannot be read gives {"line": N, "error": "..."} and the rest
are still flagged. A line may name a built-in configuration ("config": "san-diego") unless the
command names one (--builtin, --config, --center) for all; `--score` scores the lines that carry
a label ("expected", as in the evaluation set) and writes the figures to standard error.

`--cad`: a CAD export read through its CSV mapping (the same mappings as `crisisdesk ingest
csv`), reported per call type: how many calls, how many candidates, which codes hide
behavioral-health work.

`--center CODE` reads the center's active configuration version from the database (the built-in
default when the center has signed off none): the only path that starts Django, through
`center_config.py`. `crisisdesk/__main__.py` sends `flag` here before Django starts.

Exit status: 0 done; 1 some lines or rows could not be flagged (the others were); 2 the command
could not run (bad configuration, unreadable file, unknown mapping).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from typing import Protocol as Interface

from crisisdesk.review.flagger import (
    ConfigError,
    FlaggerConfig,
    FlagInputError,
    builtin_config,
    builtin_names,
    compiled,
    load_config_file,
)
from crisisdesk.review.flagger.evaluate import Report, print_report
from crisisdesk.review.flagger.inputs import parse_call_type, parse_notes
from crisisdesk.review.flagger.model import CATEGORIES, EXCLUSIONS, FlagResult

PROG = "crisisdesk flag"
INPUT_KEYS = ("id", "call_type", "notes", "caller_relation")


class Writer(Interface):
    def write(self, text: str, /) -> object: ...


class UsageError(Exception):
    """The command cannot run; the message says why."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", metavar="FILE|-", help="Calls as JSON lines.")
    source.add_argument("--cad", metavar="FILE", help="A CAD export in CSV (needs --mapping).")
    parser.add_argument("--mapping", metavar="NAME|PATH", help="The CSV mapping of --cad.")
    config = parser.add_mutually_exclusive_group()
    config.add_argument("--config", metavar="FILE", help="A flagger configuration (YAML).")
    config.add_argument(
        "--builtin",
        metavar="NAME",
        help=f"A built-in configuration ({', '.join(builtin_names())}); default: default, or"
        " for --cad the one named like the mapping when there is one.",
    )
    config.add_argument(
        "--center",
        metavar="CODE",
        help="A center's active configuration version, read from the database.",
    )
    parser.add_argument("--json", action="store_true", help="--cad: print the table as JSON.")
    parser.add_argument(
        "--brief", action="store_true", help="--input: leave out the evidence and reasons."
    )
    parser.add_argument(
        "--score",
        action="store_true",
        help="--input: lines that carry an expected label are scored against it; the figures"
        " (precision, recall, recall per exclusion) go to standard error.",
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Flag the behavioral-health calls hidden in a CAD queue."
    )
    add_arguments(parser)
    options = vars(parser.parse_args(argv))
    try:
        return run(options, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def run(options: dict[str, Any], *, stdin: IO[str], stdout: Writer, stderr: Writer) -> int:
    try:
        if options.get("cad"):
            if not options.get("mapping"):
                raise UsageError("--cad needs --mapping NAME|PATH (e.g. --mapping san-diego)")
            config = _config(options, default=_mapping_config_name(options["mapping"]))
            return _cad_report(
                Path(options["cad"]), options["mapping"], config, options, stdout, stderr
            )
        config = _config(options, default="default")
        # A line may name a built-in configuration ("config": "san-diego", as the evaluation
        # cases do) unless the command names one for every line.
        named = any(options.get(key) for key in ("config", "builtin", "center"))
        score = Score() if options.get("score") else None
        with _open(options["input"], stdin) as lines:
            status = _flag_lines(
                lines,
                config,
                bool(options.get("brief")),
                stdout,
                stderr,
                line_configs=not named,
                score=score,
            )
        if score is not None:
            score.write(stderr)
        return status
    except UsageError as error:
        stderr.write(f"{PROG}: {error}\n")
        return 2
    except ConfigError as error:
        for problem in error.problems:
            stderr.write(f"{PROG}: {error.origin + ': ' if error.origin else ''}{problem}\n")
        return 2


def _config(options: dict[str, Any], *, default: str) -> FlaggerConfig:
    if options.get("center"):
        # The one path that needs Django and the database; imported only here.
        from crisisdesk.review.center_config import CenterConfigError, center_config

        try:
            return center_config(options["center"])
        except CenterConfigError as error:
            raise UsageError(str(error)) from None
    if options.get("config"):
        return load_config_file(options["config"])
    return builtin_config(options.get("builtin") or default)


def _mapping_config_name(mapping: str) -> str:
    name = Path(mapping).stem
    return name if name in builtin_names() else "default"


@contextmanager
def _open(name: str, stdin: IO[str]) -> Any:
    if name == "-":
        yield stdin  # left open: it is not ours
        return
    try:
        handle = open(name, encoding="utf-8")  # noqa: SIM115 (closed by the `with` below)
    except OSError as error:
        raise UsageError(f"cannot read {name}: {error.strerror}") from None
    with handle:
        yield handle


def _read_line(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FlagInputError(f"not JSON (column {error.colno}: {error.msg})") from None
    if not isinstance(data, dict):
        raise FlagInputError("a line is a JSON object {id, call_type, notes, caller_relation}")
    return data


def _line_config(data: dict[str, Any], config: FlaggerConfig) -> FlaggerConfig:
    name = data.get("config")
    if name is None or name == "":
        return config
    if isinstance(name, str):
        try:
            return builtin_config(name)  # loaded once per process
        except ConfigError:
            pass
    raise FlagInputError(
        f"config: {name!r} is not a built-in configuration ({', '.join(builtin_names())})"
    )


def _flag_data(
    data: dict[str, Any], config: FlaggerConfig, *, brief: bool, line_configs: bool
) -> tuple[dict[str, Any], FlagResult]:
    if line_configs:
        config = _line_config(data, config)
    call_id = data.get("id")
    if call_id is None or isinstance(call_id, bool) or not isinstance(call_id, str | int):
        raise FlagInputError("id: is required (text or a number)")
    if not any(data.get(key) for key in ("call_type", "notes")):
        raise FlagInputError("give a call_type, notes or both")
    relation = data.get("caller_relation")
    if relation is not None and not isinstance(relation, str):
        raise FlagInputError("caller_relation: must be first, second, third or null")
    code, text_ = parse_call_type(data.get("call_type"), config)
    result = compiled(config).flag(code, text_, parse_notes(data.get("notes")), relation or None)
    answer: dict[str, Any] = {"id": call_id, **result.to_json_dict()}
    if brief:
        del answer["evidence"], answer["reasons"]
    return answer, result


class Score:
    """Flagged lines against the labels they carry ("expected", as in the evaluation set)."""

    def __init__(self) -> None:
        self.report = Report()
        self.unlabeled = 0
        self.problems: list[str] = []

    def add(self, number: int, data: dict[str, Any], result: FlagResult) -> None:
        expected = data.get("expected")
        if expected is None:
            self.unlabeled += 1
            return
        problem = _label_problem(expected)
        if problem:
            self.problems.append(f"line {number}: expected: {problem}; not scored")
            return
        self.report.add(data, result)

    def write(self, out: Writer) -> None:
        for problem in self.problems:
            out.write(f"{PROG}: {problem}\n")
        if not self.report.cases:
            out.write(f'{PROG}: no line carries a label to score ("expected")\n')
            return
        print_report("scored against their labels", self.report.figures(), out)
        if self.unlabeled:
            lines = "1 line" if self.unlabeled == 1 else f"{self.unlabeled} lines"
            out.write(f"{lines} without a label: flagged, not scored\n")


def _label_problem(expected: Any) -> str:
    if not isinstance(expected, dict):
        return "an object {candidate, category, exclusions}"
    if not isinstance(expected.get("candidate"), bool):
        return "candidate: true or false"
    if expected.get("category") not in CATEGORIES:
        return f"category: one of {', '.join(CATEGORIES)}"
    exclusions = expected.get("exclusions")
    if not isinstance(exclusions, list) or not set(exclusions) <= set(EXCLUSIONS):
        return f"exclusions: a list of {', '.join(EXCLUSIONS)}"
    return ""


def _flag_lines(
    lines: Iterable[str],
    config: FlaggerConfig,
    brief: bool,
    stdout: Writer,
    stderr: Writer,
    *,
    line_configs: bool = False,
    score: Score | None = None,
) -> int:
    bad = total = 0
    number = 0
    try:
        for number, line in enumerate(lines, start=1):  # noqa: B007 (read after the loop)
            if not line.strip():
                continue
            total += 1
            try:
                data = _read_line(line)
                output, result = _flag_data(data, config, brief=brief, line_configs=line_configs)
            except FlagInputError as error:
                bad += 1
                output = {"line": number, "error": str(error)}
            else:
                if score is not None:
                    score.add(number, data, result)
            stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    except UnicodeDecodeError:
        raise UsageError(f"the input is not UTF-8 text (after line {number})") from None
    if bad:
        stderr.write(f"{PROG}: {bad} of {total} lines could not be flagged\n")
    return 1 if bad else 0


@dataclass
class CallTypeRow:
    code: str
    text: str = ""
    calls: int = 0
    candidates: int = 0
    need: int = 0  # a need found, blocked or not
    blocked: int = 0  # a need found and an exclusion that blocks
    categories: Counter[str] = field(default_factory=Counter)

    def as_dict(self, mapped: str) -> dict[str, Any]:
        top = self.categories.most_common(1)
        return {
            "code": self.code,
            "text": self.text,
            "calls": self.calls,
            "candidates": self.candidates,
            "candidate_share": round(self.candidates / self.calls, 4) if self.calls else 0.0,
            "need": self.need,
            "blocked": self.blocked,
            "top_category": top[0][0] if top else "none",
            "mapped": mapped,
        }


def cad_report(
    path: Path, mapping_spec: str, config: FlaggerConfig
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """(rows per call type, errors per line, totals) for a CAD export. Raises UsageError when
    the file or the mapping cannot be used."""
    # Imported here: only --cad needs the intake's CSV reader (plain Python, no Django).
    from crisisdesk.intake.csv_convert import compile_mapping
    from crisisdesk.intake.csv_mapping import MappingError, load_mapping
    from crisisdesk.intake.csv_reader import CsvExport, CsvFileError, CsvProblem
    from crisisdesk.intake.records import FieldError

    flagger = compiled(config)
    threshold = config.thresholds.candidate
    rows: dict[str, CallTypeRow] = {}
    errors: list[dict[str, Any]] = []
    seen: dict[tuple[object, ...], tuple[bool, float, str, bool]] = {}
    try:
        mapping = load_mapping(mapping_spec)
        with CsvExport(path, mapping.dialect) as export:
            convert = compile_mapping(mapping, export.header, input_path=path)
            for record in export.records():
                if isinstance(record, CsvProblem):
                    errors.append({"line": record.line, "error": record.message})
                    continue
                data = convert(record.values)
                if isinstance(data, FieldError):
                    errors.append({"line": record.line, "error": str(data)})
                    continue
                notes = tuple(note.text for note in data.notes)
                key = (data.call_type_code, data.call_type_text, notes, data.caller_relation)
                answer = seen.get(key)
                if answer is None:  # calls without notes repeat: flag each kind once
                    result = flagger.flag(
                        data.call_type_code,
                        data.call_type_text,
                        notes,
                        data.caller_relation or None,
                    )
                    answer = (
                        result.candidate,
                        result.score,
                        result.category,
                        bool(result.blocking),
                    )
                    if len(seen) < 200_000:
                        seen[key] = answer
                candidate, score, category, blocked = answer
                code = data.call_type_code or "(none)"
                row = rows.setdefault(code, CallTypeRow(code, data.call_type_text))
                row.calls += 1
                row.candidates += candidate
                if score >= threshold:
                    row.need += 1
                    row.blocked += blocked
                    row.categories[category] += 1
    except (MappingError, CsvFileError) as error:
        raise UsageError(str(error)) from None
    ordered = sorted(rows.values(), key=lambda row: (-row.candidates, -row.calls, row.code))
    table = []
    for row in ordered:
        rule = config.call_type(row.code)
        mapped = "" if rule is None else (rule.category if rule.category != "none" else "exclusion")
        table.append(row.as_dict(mapped))
    calls = sum(row.calls for row in ordered)
    candidates = sum(row.candidates for row in ordered)
    hidden = [
        row["code"] for row in table if row["candidates"] and row["mapped"] in ("", "exclusion")
    ]
    totals = {
        "calls": calls,
        "candidates": candidates,
        "candidate_share": round(candidates / calls, 4) if calls else 0.0,
        "call_types": len(table),
        "hiding_codes": hidden,
        "config": config.label,
        "errors": len(errors),
    }
    return table, errors, totals


def _cad_report(
    path: Path,
    mapping: str,
    config: FlaggerConfig,
    options: dict[str, Any],
    stdout: Writer,
    stderr: Writer,
) -> int:
    table, errors, totals = cad_report(path, mapping, config)
    for error in errors:
        stderr.write(json.dumps(error) + "\n")
    if options.get("json"):
        stdout.write(json.dumps({"totals": totals, "call_types": table}, indent=1) + "\n")
    else:
        stdout.write(_format_table(table, totals))
    if errors:
        stderr.write(f"{PROG}: {len(errors)} rows could not be read (the others were flagged)\n")
    return 1 if errors else 0


def _format_table(table: list[dict[str, Any]], totals: dict[str, Any]) -> str:
    head = (
        f"{'code':<10} {'calls':>7} {'cand.':>7} {'share':>6} {'need':>7} {'blocked':>7}"
        f"  {'category':<15} {'mapped':<14} description"
    )
    lines = [head, "-" * len(head)]
    for row in table:
        lines.append(
            f"{row['code'][:10]:<10} {row['calls']:>7} {row['candidates']:>7}"
            f" {row['candidate_share']:>6.1%} {row['need']:>7} {row['blocked']:>7}"
            f"  {row['top_category'] if row['need'] else '':<15} {row['mapped'] or '-':<14}"
            f" {row['text'][:40]}"
        )
    lines.append("")
    lines.append(
        f"{totals['calls']} calls, {totals['candidates']} candidates"
        f" ({totals['candidate_share']:.1%}), {totals['call_types']} call types"
        f" (configuration {totals['config']})"
    )
    hidden = totals["hiding_codes"]
    lines.append(
        "codes not mapped as behavioral health that hold candidates: "
        + (", ".join(hidden[:20]) + (" ..." if len(hidden) > 20 else "") if hidden else "none")
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

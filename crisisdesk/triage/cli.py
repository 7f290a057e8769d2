"""`crisisdesk protocol check|evaluate|list`: triage protocols on the command line.

Plain Python, no Django: `crisisdesk/__main__.py` sends `protocol` here before Django starts,
so an evaluation answers in a few tens of milliseconds. The management command
(`management/commands/protocol.py`) runs the same code for `manage.py`-style use.

Exit status: 0 done; 2 a protocol or an answer set was invalid (for `--answers-jsonl`: any
line was), or the command could not run (unknown protocol, unreadable file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from typing import Protocol as Interface

from crisisdesk.triage.engine import (
    InvalidAnswers,
    Protocol,
    ProtocolError,
    builtin_names,
    builtin_protocol,
    check_protocol,
    evaluate,
    load_protocol_file,
)
from crisisdesk.triage.engine.builtins import builtin_path

PROG = "crisisdesk protocol"


class Writer(Interface):
    def write(self, text: str, /) -> object: ...


class UsageError(Exception):
    """The command cannot run; the message says why."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="subcommand", required=True)
    check = commands.add_parser("check", help="Validate protocol files exhaustively.")
    check.add_argument("files", nargs="+", help="Protocol files (or built-in names).")
    run = commands.add_parser("evaluate", help="Evaluate answers; print the result as JSON.")
    run.add_argument("protocol", help=f"A built-in name ({', '.join(builtin_names())}) or a file.")
    source = run.add_mutually_exclusive_group(required=True)
    source.add_argument("--answers", metavar="FILE|-", help="One JSON object of answers.")
    source.add_argument(
        "--answers-jsonl", metavar="FILE|-", help="One JSON object of answers per line."
    )
    listing = commands.add_parser("list", help="List the built-in protocols.")
    listing.add_argument("--json", action="store_true", help="Print a JSON array.")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description="Triage protocols.")
    add_arguments(parser)
    options = vars(parser.parse_args(argv))
    return run(options, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)


def run(options: dict[str, Any], *, stdin: IO[str], stdout: Writer, stderr: Writer) -> int:
    try:
        if options["subcommand"] == "check":
            return _check(options["files"], stdout, stderr)
        if options["subcommand"] == "list":
            return _list(options.get("json", False), stdout)
        protocol = _load(options["protocol"])
        if options.get("answers_jsonl"):
            with _open(options["answers_jsonl"], stdin) as lines:
                return _evaluate_lines(protocol, lines, stdout, stderr)
        with _open(options["answers"], stdin) as handle:
            try:
                text = handle.read()
            except UnicodeDecodeError:
                raise UsageError("the answers are not UTF-8 text") from None
        return _evaluate_one(protocol, text, stdout, stderr)
    except UsageError as error:
        stderr.write(f"{PROG}: {error}\n")
        return 2
    except ProtocolError as error:
        for problem in error.problems:
            stderr.write(f"{error.origin}: {problem}\n")
        return 2


def _load(target: str) -> Protocol:
    if builtin_path(target) is not None:
        return builtin_protocol(target)
    path = Path(target)
    if path.is_file():
        return load_protocol_file(path)
    names = ", ".join(builtin_names())
    raise UsageError(f"no built-in protocol {target!r} and no such file (built-ins: {names})")


@contextmanager
def _open(name: str, stdin: IO[str]) -> Iterator[IO[str]]:
    if name == "-":
        yield stdin  # left open: it is not ours
        return
    try:
        handle = open(name, encoding="utf-8")  # noqa: SIM115 (closed by the `with` below)
    except OSError as error:
        raise UsageError(f"cannot read {name}: {error.strerror}") from None
    with handle:
        yield handle


def parse_answers(protocol: Protocol, text: str) -> dict[str, Any]:
    """One answer set from JSON text; `{"answers": {...}}` (the API's body) is accepted too."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidAnswers.single(
            "answers", f"not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    if isinstance(data, dict) and list(data) == ["answers"] and "answers" not in protocol.slots:
        data = data["answers"]
    if not isinstance(data, dict):
        raise InvalidAnswers.single("answers", "must be a JSON object of question id: answer")
    return data


def _evaluate_one(protocol: Protocol, text: str, stdout: Writer, stderr: Writer) -> int:
    try:
        result = evaluate(protocol, parse_answers(protocol, text))
    except InvalidAnswers as error:
        for problem in error.problems:
            stderr.write(f"{PROG}: {problem}\n")
        return 2
    stdout.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")
    return 0


def _evaluate_lines(
    protocol: Protocol, lines: Iterable[str], stdout: Writer, stderr: Writer
) -> int:
    bad = total = 0
    try:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            total += 1
            try:
                output = evaluate(protocol, parse_answers(protocol, line)).to_json_dict()
            except InvalidAnswers as error:
                bad += 1
                output = {
                    "line": number,
                    "errors": [problem.as_dict() for problem in error.problems],
                }
            stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    except UnicodeDecodeError:
        raise UsageError(f"the answers are not UTF-8 text (after line {total})") from None
    if bad:
        stderr.write(f"{PROG}: {bad} of {total} answer sets were invalid\n")
    return 2 if bad else 0


def _check(targets: list[str], stdout: Writer, stderr: Writer) -> int:
    failed = 0
    for target in targets:
        try:
            protocol = _load(target)
        except (UsageError, ProtocolError) as error:
            failed += 1
            problems: list[object] = (
                list(error.problems) if isinstance(error, ProtocolError) else [error]
            )
            for problem in problems:
                stderr.write(f"{target}: {problem}\n")
            continue
        found = check_protocol(protocol)
        errors = [problem for problem in found if problem.severity == "error"]
        for problem in found:
            (stderr if problem in errors else stdout).write(f"{target}: {problem}\n")
        if errors:
            failed += 1
            continue
        counts = (
            f"{len(protocol.questions)} questions, {len(protocol.rules)} rules,"
            f" {len(protocol.tests)} test cases pass"
        )
        stdout.write(f"{target}: ok ({protocol.name} {protocol.version}: {counts})\n")
    if failed:
        stderr.write(f"{PROG}: {failed} of {len(targets)} protocols failed the check\n")
    return 2 if failed else 0


def _list(as_json: bool, stdout: Writer) -> int:
    protocols = [builtin_protocol(name) for name in builtin_names()]
    if as_json:
        rows = [
            {"name": p.name, "version": p.version, "kind": p.kind, "title": p.title}
            for p in protocols
        ]
        stdout.write(json.dumps(rows) + "\n")
        return 0
    for protocol in protocols:
        stdout.write(
            f"{protocol.name:<22} {protocol.version:<8} {protocol.kind:<11} {protocol.title}\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

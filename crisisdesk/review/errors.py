"""The one exception the review actions raise for a step they refuse."""

from __future__ import annotations

from collections.abc import Sequence


class ReviewRefusal(Exception):
    """The step is refused. `message` says why, for the user; `problems` are the configuration
    loader's findings when a draft does not load, each starting with its field."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)

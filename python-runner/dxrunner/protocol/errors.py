"""Errors as values: a stable code, a human message, and details a caller can act on.

Every failure a request can meet is one of these; the dispatcher turns it into
{"id", "ok": false, "error": {"code", "message", "details"}}. Anything else that escapes a handler
is a bug and is answered as INTERNAL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request: where (JSON pointer), which rule (code), and why."""

    path: str
    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "message": self.message}


def pointer(*parts: str | int) -> str:
    """A JSON pointer from its parts, escaped per RFC 6901."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


class WorkerError(Exception):
    """Base of every error a request can be answered with."""

    code = "INTERNAL"

    def __init__(self, message: str, details: dict[str, Any] | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}
        if code:
            self.code = code

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}


class BadRequest(WorkerError):
    """The line is not a request we can read, or a field of it is wrong."""

    code = "BAD_REQUEST"


class UnknownOp(WorkerError):
    code = "UNKNOWN_OP"


class UnknownSession(WorkerError):
    code = "UNKNOWN_SESSION"


class ModelError(WorkerError):
    """The numerics failed: a solver gave up, or a state became NaN or infinite."""

    code = "MODEL_ERROR"


class InvalidRequest(WorkerError):
    """One or more problems with a scenario or a request's options, all listed at once.

    The code is the problems' own code when they share one (UNKNOWN_MODEL, ...), otherwise
    INVALID_SCENARIO; details.problems always holds every problem.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        codes = {problem.code for problem in problems}
        first = problems[0]
        message = f"{first.path or '/'}: {first.message}"
        if len(problems) > 1:
            message += f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"
        super().__init__(
            message,
            {"problems": [problem.to_json() for problem in problems]},
            codes.pop() if len(codes) == 1 else "INVALID_SCENARIO",
        )
        self.problems = list(problems)

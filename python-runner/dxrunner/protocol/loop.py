"""The NDJSON loop: one request per line on stdin, one reply per line on stdout, flushed each time.

Requests are answered one at a time in the order they arrive (the service's pool runs several
workers for concurrency). Blank lines are skipped. EOF on stdin ends the loop with exit code 0.
"""

from __future__ import annotations

import json
import logging
from typing import Any, BinaryIO

import numpy as np

from .dispatch import Worker, handle

log = logging.getLogger("dxrunner")


def _plain(value: Any) -> Any:
    """What json cannot encode by itself: numpy scalars and arrays."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def encode(reply: dict[str, Any]) -> bytes:
    """One reply line. NaN and infinity are not JSON: a result holding one becomes a MODEL_ERROR reply."""
    try:
        text = json.dumps(reply, separators=(",", ":"), allow_nan=False, default=_plain)
    except ValueError:
        text = json.dumps(
            {
                "id": reply.get("id"),
                "ok": False,
                "error": {"code": "MODEL_ERROR", "message": "the result holds NaN or infinity", "details": {}},
            }
        )
    except TypeError as error:
        log.exception("reply to %r is not serialisable", reply.get("id"))
        text = json.dumps(
            {"id": reply.get("id"), "ok": False, "error": {"code": "INTERNAL", "message": str(error), "details": {}}},
            default=str,
        )
    return text.encode() + b"\n"


def serve(stdin: BinaryIO, stdout: BinaryIO, worker: Worker | None = None) -> int:
    """Answers requests until stdin ends; returns the exit code."""
    worker = worker or Worker()
    while True:
        line = stdin.readline()
        if not line:
            return 0
        if not line.strip():
            continue
        stdout.write(encode(handle(line, worker)))
        stdout.flush()

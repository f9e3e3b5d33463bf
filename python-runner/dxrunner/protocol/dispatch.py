"""Turns one request line into one reply: parse, route by "op", map errors to error replies.

Replies are {"id", "ok": true, "result"} or {"id", "ok": false, "error": {"code", "message",
"details"}}; the id is the request's, or null when the line could not be read far enough to find
it. A handler bug is answered as INTERNAL (and logged with its traceback) instead of ending the
worker, so one bad request costs one reply.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import BadRequest, UnknownOp, WorkerError
from .handlers import analytics_ops, function_ops, scenario_ops, session_ops, worker_ops
from .sessions import SessionStore

log = logging.getLogger("dxrunner")

Handler = Callable[[dict[str, Any], "Worker"], Any]

OPERATIONS: dict[str, Handler] = {
    "ping": worker_ops.ping,
    "describe": worker_ops.describe,
    "validate": scenario_ops.validate,
    "run": scenario_ops.run,
    "open": session_ops.open_session,
    "step": session_ops.step,
    "close": session_ops.close,
    "kalman": function_ops.kalman,
    "quality": function_ops.quality,
    "convert": function_ops.convert,
    "average": function_ops.average,
    "anomaly": analytics_ops.anomaly,
    "robust": analytics_ops.robust,
    "rul": analytics_ops.rul,
    "health": analytics_ops.health,
}


@dataclass
class Worker:
    """What lives as long as the worker process: its sessions."""

    sessions: SessionStore = field(default_factory=SessionStore)


def _reply_error(request_id: Any, error: WorkerError) -> dict[str, Any]:
    return {"id": request_id, "ok": False, "error": error.to_json()}


def handle(line: bytes | str, worker: Worker) -> dict[str, Any]:
    """The reply to one request line."""
    try:
        request = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return _reply_error(None, BadRequest(f"the line is not JSON: {error}"))
    if not isinstance(request, dict):
        return _reply_error(None, BadRequest("a request must be a JSON object with an op"))
    request_id = request.get("id")
    op = request.get("op")
    try:
        if "op" not in request:
            raise BadRequest("the request has no op", {"operations": sorted(OPERATIONS)})
        handler = OPERATIONS.get(op) if isinstance(op, str) else None
        if handler is None:
            raise UnknownOp(f"unknown op {op!r}", {"op": op, "operations": sorted(OPERATIONS)})
        return {"id": request_id, "ok": True, "result": handler(request, worker)}
    except WorkerError as error:
        log.debug("request %r (%s) refused: %s %s", request_id, op, error.code, error.message)
        return _reply_error(request_id, error)
    except Exception as error:  # noqa: BLE001 - a handler bug must not end the worker
        log.exception("request %r (%s) failed", request_id, op)
        return _reply_error(request_id, WorkerError(f"internal error: {type(error).__name__}: {error}"))

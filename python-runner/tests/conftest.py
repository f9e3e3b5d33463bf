"""Shared helpers: where the package lives, and a way to call the dispatcher like a client would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dxrunner.protocol.dispatch import Worker, handle

PYTHON_RUNNER = Path(__file__).resolve().parents[1]
REPO = PYTHON_RUNNER.parent


class Client:
    """Sends requests through the same dispatch the worker process uses, minus the pipes."""

    def __init__(self) -> None:
        self.worker = Worker()
        self.next_id = 0

    def call(self, op: str, **fields: Any) -> dict[str, Any]:
        self.next_id += 1
        reply = handle(json.dumps({"id": self.next_id, "op": op, **fields}), self.worker)
        assert reply["id"] == self.next_id
        return reply

    def result(self, op: str, **fields: Any) -> Any:
        reply = self.call(op, **fields)
        assert reply["ok"], reply
        return reply["result"]

    def error(self, op: str, **fields: Any) -> dict[str, Any]:
        reply = self.call(op, **fields)
        assert not reply["ok"], reply
        return reply["error"]


@pytest.fixture
def client() -> Client:
    return Client()

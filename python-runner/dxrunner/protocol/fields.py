"""Reading a request's own fields, each failure a Problem pointing at the field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..scenario.parse import is_number
from .errors import InvalidRequest, Problem, pointer

_MISSING = object()


def _fail(name: str, code: str, message: str) -> InvalidRequest:
    return InvalidRequest([Problem(pointer(name), code, message)])


def number(request: Mapping[str, Any], name: str, default: Any = _MISSING, *, positive: bool = False) -> float:
    value = request.get(name, default)
    if value is _MISSING:
        raise _fail(name, "MISSING_FIELD", f"{name} is required")
    if value is default and default is None:
        return value  # type: ignore[no-any-return]
    if not is_number(value):
        raise _fail(name, "INVALID_TYPE", f"{name} must be a finite number")
    if positive and value <= 0:
        raise _fail(name, "INVALID_VALUE", f"{name} must be greater than 0, got {value}")
    return float(value)


def integer(request: Mapping[str, Any], name: str, default: int, *, minimum: int = 1) -> int:
    value = request.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise _fail(name, "INVALID_VALUE", f"{name} must be an integer >= {minimum}")
    return value


def string(request: Mapping[str, Any], name: str) -> str:
    if name not in request:
        raise _fail(name, "MISSING_FIELD", f"{name} is required")
    value = request[name]
    if not isinstance(value, str):
        raise _fail(name, "INVALID_TYPE", f"{name} must be a string")
    return value


def number_list(request: Mapping[str, Any], name: str, *, allow_null: bool = False, required: bool = True) -> list:
    if name not in request and not required:
        return []
    value = request.get(name, _MISSING)
    if value is _MISSING:
        raise _fail(name, "MISSING_FIELD", f"{name} is required")
    if not isinstance(value, list) or not all(is_number(v) or (allow_null and v is None) for v in value):
        kind = "numbers or nulls" if allow_null else "numbers"
        raise _fail(name, "INVALID_TYPE", f"{name} must be an array of {kind}")
    return [None if v is None else float(v) for v in value]

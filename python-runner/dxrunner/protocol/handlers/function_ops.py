"""kalman, quality, convert and average: stateless calls into the function library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ...functions import averaging
from ...functions.kalman import DEFAULT_MEASUREMENT_NOISE, DEFAULT_PROCESS_NOISE, kalman_filter_series
from ...functions.quality import PHYSICAL_RANGES, assess, known_quantity
from ...functions.units import UnitError, convert as convert_value
from ..errors import BadRequest, InvalidRequest, Problem
from ..fields import integer, number, number_list, string

if TYPE_CHECKING:
    from ..dispatch import Worker

KNOWN = ", ".join(PHYSICAL_RANGES)


def kalman(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    """Runs measurements through a filter; hand "state" back to continue where the last call stopped."""
    measurements = number_list(request, "measurements", allow_null=True)
    dt = number(request, "dt", 1.0, positive=True)
    q = number(request, "q", DEFAULT_PROCESS_NOISE)
    r = number(request, "r", DEFAULT_MEASUREMENT_NOISE, positive=True)
    if q < 0:
        raise InvalidRequest([Problem("/q", "INVALID_VALUE", "q must be >= 0")])
    x0 = P0 = None
    state = request.get("state")
    if state is not None:
        try:
            x0 = np.asarray(state["x"], dtype=float).reshape(2).tolist()
            P0 = np.asarray(state["P"], dtype=float).reshape(2, 2).tolist()
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidRequest(
                [Problem("/state", "INVALID_VALUE", "state must be {\"x\": [value, rate], \"P\": [[..], [..]]}")]
            ) from error
    steps, kalman_filter = kalman_filter_series(measurements, dt, q, r, x0, P0)
    return {
        "estimates": [step.estimate for step in steps],
        "rates": [step.rate for step in steps],
        "innovations": [step.innovation for step in steps],
        "state": kalman_filter.state(),
    }


def quality(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    quantity = string(request, "quantity")
    low = number(request, "low", None)
    high = number(request, "high", None)
    if known_quantity(quantity) is None and (low is None or high is None):
        raise BadRequest(
            f"no physical range known for {quantity!r}: give low and high",
            {"problems": [{"path": "/quantity", "code": "UNKNOWN_QUANTITY", "message": f"known: {KNOWN}"}]},
            code="UNKNOWN_QUANTITY",
        )
    value = request.get("value")
    if value is not None:
        value = number(request, "value")
    previous = number(request, "previous", None)
    history = number_list(request, "history", required=False)
    good = number_list(request, "good", required=False) if "good" in request else None
    verdict = assess(quantity, value, previous, history, low, high, good)
    result: dict[str, Any] = {
        "flag": verdict.flag,
        "reason": verdict.reason,
        "checks": [{"rule": c.rule, "flag": c.flag, "reason": c.reason} for c in verdict.checks],
    }
    if verdict.filled is not None:
        result["filled"] = verdict.filled
    return result


def convert(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    from_unit, to_unit = string(request, "from"), string(request, "to")
    value = request.get("value")
    values = number_list(request, "value") if isinstance(value, list) else number(request, "value")
    try:
        converted = convert_value(np.asarray(values, dtype=float), from_unit, to_unit)
    except UnitError as error:
        raise BadRequest(str(error), {"from": from_unit, "to": to_unit}, code="UNIT_MISMATCH") from error
    return {"value": converted.tolist(), "unit": to_unit}


AVERAGES = ("mean", "time_weighted", "moving", "exponential")


def average(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    kind = request.get("kind", "mean")
    values = number_list(request, "values")
    try:
        if kind == "mean":
            return {"value": averaging.mean(values)}
        if kind == "time_weighted":
            return {"value": averaging.time_weighted_mean(number_list(request, "times"), values)}
        if kind == "moving":
            return {"values": averaging.moving_average(values, integer(request, "window", 10)).tolist()}
        if kind == "exponential":
            return {"values": averaging.exponential_average(values, number(request, "alpha", 0.1)).tolist()}
    except ValueError as error:
        raise BadRequest(str(error)) from error
    raise InvalidRequest([Problem("/kind", "INVALID_VALUE", f"kind must be one of {', '.join(AVERAGES)}")])

"""validate and run: check a scenario, or run it once (static or dynamic)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...scenario.dynamic_run import run_dynamic
from ...scenario.parse import parse_scenario, scenario_problems
from ...scenario.spec import STATIC
from ...scenario.static_run import run_static
from ..errors import InvalidRequest, Problem
from ..fields import integer

if TYPE_CHECKING:
    from ..dispatch import Worker


def _scenario(request: dict[str, Any]) -> Any:
    if "scenario" not in request:
        raise InvalidRequest([Problem("/scenario", "MISSING_FIELD", "scenario is required")])
    return request["scenario"]


def validate(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    purpose = request.get("purpose") if request.get("purpose") in ("run", "open") else None
    _, problems = scenario_problems(_scenario(request), request.get("inputs"), purpose)
    return {"valid": not problems, "problems": [problem.to_json() for problem in problems]}


def run(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    scenario = parse_scenario(_scenario(request), request.get("inputs"), "run")
    if scenario.mode == STATIC:
        return run_static(scenario)
    return run_dynamic(scenario, every=integer(request, "every", 1))

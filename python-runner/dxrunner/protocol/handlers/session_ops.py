"""open, step and close: realtime sessions, optionally with the reactor twin loop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...scenario.parse import check_inputs, parse_scenario
from ...scenario.session import Session
from ...scenario.twin import parse_twin_options, telemetry_problems
from ..errors import InvalidRequest, Problem
from ..fields import number

if TYPE_CHECKING:
    from ..dispatch import Worker


def open_session(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    if "scenario" not in request:
        raise InvalidRequest([Problem("/scenario", "MISSING_FIELD", "scenario is required")])
    scenario = parse_scenario(request["scenario"], request.get("inputs"), "open")
    twin = parse_twin_options(request["twin"], scenario) if request.get("twin") is not None else None
    session = Session(scenario, twin)
    return {"session": worker.sessions.add(session), **session.describe()}


def step(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    session = worker.sessions.get(request.get("session"))
    dt = number(request, "dt", None, positive=True)
    scenario = session.scenario
    specs = {spec.id: spec for spec in scenario.models}
    inputs, problems = check_inputs(request.get("inputs"), specs, scenario.links, "inputs")
    telemetry = request.get("telemetry")
    if telemetry is not None:
        if session.twin is None:
            message = "telemetry needs a session opened with the twin option"
            problems.append(Problem("/telemetry", "UNKNOWN_FIELD", message))
        else:
            problems += telemetry_problems(telemetry)
    if problems:
        raise InvalidRequest(problems)
    return {"session": request["session"], **session.step(dt, inputs, telemetry)}


def close(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    session = worker.sessions.close(request.get("session"))
    return {"session": request["session"], "closed": True, "steps": session.steps}

"""Checks a scenario (and a request's input values) and turns it into a Scenario.

Every problem is collected before anything is reported, so a caller fixes a request in one round:
unknown fields, models, parameters, states, instances, outputs and inputs; missing fields and
parameters; wrong types and values; links whose units cannot be converted. Paths are JSON pointers
into the scenario (for example /models/0/parameters/hx); the request's own options (inputs, every,
twin) are pointed at from the request (/inputs/R101.T_j).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..functions.units import can_convert
from ..models.registry import all_models, model_class
from ..protocol.errors import InvalidRequest, Problem, pointer
from .spec import DYNAMIC, METHODS, MODES, REALTIME, RK4, Endpoint, LinkSpec, ModelSpec, Scenario

SCENARIO_FIELDS = {
    "scenarioId", "mode", "models", "links", "stepSeconds", "horizonSeconds", "periodSeconds", "method",
}
MODEL_FIELDS = {"id", "model", "instance", "parameters", "initialState"}
LINK_FIELDS = {"from", "to"}
MAX_STEPS = 2_000_000  # a dynamic run keeps every state and input in memory; this bounds it


def is_number(value: Any) -> bool:
    """A finite JSON number (bool is an int in Python, and not a number here)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _names(items: Any) -> str:
    """Names for a message: a list in its declared order, anything else sorted."""
    return ", ".join(items if isinstance(items, list) else sorted(items)) or "none"


class _Checker:
    """Collects problems while reading a scenario."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, code: str, message: str) -> None:
        self.problems.append(Problem(path, code, message))

    def unknown_fields(self, raw: Mapping[str, Any], allowed: set[str], *path: str | int) -> None:
        for name in sorted(set(raw) - allowed):
            self.add(pointer(*path, name), "UNKNOWN_FIELD", f"unknown field {name!r}; allowed: {_names(allowed)}")

    def positive_number(self, raw: Mapping[str, Any], name: str) -> float | None:
        if name not in raw:
            return None
        value = raw[name]
        if not is_number(value):
            self.add(pointer(name), "INVALID_TYPE", f"{name} must be a number")
        elif value <= 0:
            self.add(pointer(name), "INVALID_VALUE", f"{name} must be greater than 0, got {value}")
        else:
            return float(value)
        return None

    def numbers(self, raw: Any, *path: str | int) -> dict[str, float]:
        """An object of finite numbers, by name (the shape of parameters and initialState)."""
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.add(pointer(*path), "INVALID_TYPE", "must be an object of numbers by name")
            return {}
        values: dict[str, float] = {}
        for name, value in raw.items():
            if is_number(value):
                values[name] = float(value)
            else:
                self.add(pointer(*path, name), "INVALID_TYPE", f"{name} must be a finite number")
        return values


def _check_model(checker: _Checker, index: int, raw: Any, seen: set[str]) -> ModelSpec | None:
    path = ("models", index)
    if not isinstance(raw, dict):
        checker.add(pointer(*path), "INVALID_TYPE", "a model instance must be an object")
        return None
    checker.unknown_fields(raw, MODEL_FIELDS, *path)
    instance_id = raw.get("id")
    if "id" not in raw:
        checker.add(pointer(*path, "id"), "MISSING_FIELD", "id is required (the instance's name, e.g. R101)")
    elif not isinstance(instance_id, str) or not instance_id:
        checker.add(pointer(*path, "id"), "INVALID_TYPE", "id must be a non-empty string")
        instance_id = None
    elif "." in instance_id:
        checker.add(pointer(*path, "id"), "INVALID_VALUE", "id must not contain '.', which links use as separator")
        instance_id = None
    elif instance_id in seen:
        checker.add(pointer(*path, "id"), "DUPLICATE_INSTANCE", f"instance {instance_id!r} is defined twice")
        instance_id = None
    else:
        seen.add(instance_id)

    name = raw.get("model")
    cls = None
    if "model" not in raw:
        checker.add(pointer(*path, "model"), "MISSING_FIELD", f"model is required; known: {_names(all_models())}")
    elif not isinstance(name, str) or (cls := model_class(name)) is None:
        checker.add(pointer(*path, "model"), "UNKNOWN_MODEL", f"unknown model {name!r}; known: {_names(all_models())}")
    instance = raw.get("instance")
    if instance is not None and not isinstance(instance, str):
        checker.add(pointer(*path, "instance"), "INVALID_TYPE", "instance must be a string")
        instance = None

    parameters = checker.numbers(raw.get("parameters"), *path, "parameters")
    initial_state = checker.numbers(raw.get("initialState"), *path, "initialState")
    if cls is not None:
        declared = {parameter.name: parameter for parameter in cls.parameters}
        parameter_names = [parameter.name for parameter in cls.parameters]
        for key in raw.get("parameters") or {}:
            if key not in declared:
                checker.add(
                    pointer(*path, "parameters", key),
                    "UNKNOWN_PARAMETER",
                    f"{cls.name} has no parameter {key!r}; its parameters: {_names(parameter_names)}",
                )
        for parameter in declared.values():
            value = parameters.get(parameter.name, parameter.default)
            if value is None:
                checker.add(
                    pointer(*path, "parameters", parameter.name),
                    "MISSING_PARAMETER",
                    f"{cls.name} needs parameter {parameter.name} ({parameter.unit}), which has no default",
                )
            elif parameter.positive and value <= 0 and parameter.name in parameters:
                checker.add(
                    pointer(*path, "parameters", parameter.name),
                    "INVALID_VALUE",
                    f"{parameter.name} must be greater than 0, got {value}",
                )
        states = {state.name: state for state in cls.states}
        for key in raw.get("initialState") or {}:
            if key not in states:
                checker.add(
                    pointer(*path, "initialState", key),
                    "UNKNOWN_STATE",
                    f"{cls.name} has no state {key!r}; its states: {_names(cls.state_names())}",
                )
            elif key in initial_state:
                state, value = states[key], initial_state[key]
                if (state.minimum is not None and value < state.minimum) or (
                    state.maximum is not None and value > state.maximum
                ):
                    low = "-inf" if state.minimum is None else f"{state.minimum:g}"
                    high = "inf" if state.maximum is None else f"{state.maximum:g}"
                    checker.add(
                        pointer(*path, "initialState", key),
                        "INVALID_VALUE",
                        f"{key} must lie in {low}..{high} {state.unit}, got {value}",
                    )
    if instance_id is None or cls is None:
        return None
    return ModelSpec(instance_id, cls.name, instance, parameters, initial_state)


def _endpoint(
    checker: _Checker, text: Any, path: tuple[str | int, ...], kind: str, specs: Mapping[str, ModelSpec],
    all_ids: set[str],
) -> Endpoint | None:
    """Reads instance.output (kind 'output') or instance.input (kind 'input')."""
    if not isinstance(text, str) or "." not in text:
        checker.add(pointer(*path), "INVALID_VALUE", f"expected 'instance.{kind}', got {text!r}")
        return None
    instance, name = text.split(".", 1)
    if instance not in all_ids:
        message = f"no instance {instance!r} in the scenario; instances: {_names(all_ids)}"
        checker.add(pointer(*path), "UNKNOWN_INSTANCE", message)
        return None
    spec = specs.get(instance)
    if spec is None:  # the instance itself has a problem, reported already
        return None
    cls = all_models()[spec.model]
    names = cls.output_names() if kind == "output" else cls.input_names()
    if name not in names:
        code = "UNKNOWN_OUTPUT" if kind == "output" else "UNKNOWN_INPUT"
        message = f"{spec.model} {instance} has no {kind} {name!r}; its {kind}s: {_names(names)}"
        checker.add(pointer(*path), code, message)
        return None
    return Endpoint(instance, name)


def _unit(spec: ModelSpec, name: str, kind: str) -> str:
    cls = all_models()[spec.model]
    items = cls.outputs if kind == "output" else cls.inputs
    return next(item.unit for item in items if item.name == name)


def _check_links(
    checker: _Checker, raw: Any, specs: Mapping[str, ModelSpec], all_ids: set[str]
) -> tuple[LinkSpec, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        checker.add(pointer("links"), "INVALID_TYPE", "links must be an array")
        return ()
    links: list[LinkSpec] = []
    fed: dict[Endpoint, int] = {}
    for index, link in enumerate(raw):
        if not isinstance(link, dict):
            checker.add(pointer("links", index), "INVALID_TYPE", "a link must be an object with from and to")
            continue
        checker.unknown_fields(link, LINK_FIELDS, "links", index)
        ends = []
        for key, kind in (("from", "output"), ("to", "input")):
            if key not in link:
                checker.add(pointer("links", index, key), "MISSING_FIELD", f"{key} is required, as instance.{kind}")
                ends.append(None)
            else:
                ends.append(_endpoint(checker, link[key], ("links", index, key), kind, specs, all_ids))
        source, target = ends
        if source is None or target is None:
            continue
        if target in fed:
            checker.add(
                pointer("links", index, "to"),
                "DUPLICATE_LINK",
                f"{target} is already fed by link {fed[target]}; an input takes one link",
            )
            continue
        source_unit = _unit(specs[source.instance], source.name, "output")
        target_unit = _unit(specs[target.instance], target.name, "input")
        if not can_convert(source_unit, target_unit):
            checker.add(
                pointer("links", index),
                "UNIT_MISMATCH",
                f"{source} is in {source_unit} and {target} in {target_unit}; no conversion between them",
            )
            continue
        fed[target] = index
        links.append(LinkSpec(source, target))
    return tuple(links)


def check_inputs(
    raw: Any, specs: Mapping[str, ModelSpec], links: tuple[LinkSpec, ...], *path: str
) -> tuple[dict[Endpoint, float], list[Problem]]:
    """Input values by 'instance.input' (a request's or a session step's), with their problems."""
    checker = _Checker()
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        checker.add(pointer(*path), "INVALID_TYPE", "inputs must be an object of numbers by 'instance.input'")
        return {}, checker.problems
    linked = {link.target for link in links}
    values: dict[Endpoint, float] = {}
    for key, value in raw.items():
        endpoint = _endpoint(checker, key, (*path, key), "input", specs, set(specs))
        if endpoint is None:
            continue
        if not is_number(value):
            checker.add(pointer(*path, key), "INVALID_TYPE", f"{key} must be a finite number")
        elif endpoint in linked:
            checker.add(pointer(*path, key), "INPUT_CONFLICT", f"{key} is fed by a link and cannot also be set")
        else:
            values[endpoint] = float(value)
    return values, checker.problems


def scenario_problems(
    raw: Any, inputs: Any = None, purpose: str | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """The scenario and every problem found; the scenario is None when there is any problem.

    purpose "run" refuses realtime scenarios and "open" accepts only them (they run as sessions).
    """
    checker = _Checker()
    if not isinstance(raw, dict):
        checker.add("", "INVALID_TYPE", "the scenario must be a JSON object")
        return None, checker.problems
    checker.unknown_fields(raw, SCENARIO_FIELDS)

    scenario_id = raw.get("scenarioId")
    if "scenarioId" not in raw:
        checker.add("/scenarioId", "MISSING_FIELD", "scenarioId is required")
    elif not isinstance(scenario_id, str) or not scenario_id:
        checker.add("/scenarioId", "INVALID_TYPE", "scenarioId must be a non-empty string")

    mode = raw.get("mode")
    if "mode" not in raw:
        checker.add("/mode", "MISSING_FIELD", f"mode is required: {', '.join(MODES)}")
    elif mode not in MODES:
        checker.add("/mode", "INVALID_VALUE", f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    elif purpose == "run" and mode == REALTIME:
        checker.add("/mode", "INVALID_VALUE", "a realtime scenario runs as a session: open it, then step it")
    elif purpose == "open" and mode != REALTIME:
        checker.add("/mode", "INVALID_VALUE", f"sessions run realtime scenarios; use run for a {mode} one")

    specs: dict[str, ModelSpec] = {}
    all_ids: set[str] = set()
    models = raw.get("models")
    if "models" not in raw:
        checker.add("/models", "MISSING_FIELD", "models is required: at least one model instance")
    elif not isinstance(models, list) or not models:
        checker.add("/models", "INVALID_VALUE", "models must be a non-empty array of model instances")
    else:
        for index, item in enumerate(models):
            spec = _check_model(checker, index, item, all_ids)
            if spec is not None:
                specs[spec.id] = spec
    links = _check_links(checker, raw.get("links"), specs, all_ids)

    step = checker.positive_number(raw, "stepSeconds")
    horizon = checker.positive_number(raw, "horizonSeconds")
    period = checker.positive_number(raw, "periodSeconds")
    if mode == DYNAMIC:
        for name, value in (("stepSeconds", step), ("horizonSeconds", horizon)):
            if name not in raw:
                checker.add(pointer(name), "MISSING_PARAMETER", f"a dynamic scenario needs {name}")
        if step and horizon and horizon / step > MAX_STEPS:
            message = f"horizonSeconds / stepSeconds is {horizon / step:.0f} steps; at most {MAX_STEPS}"
            checker.add("/stepSeconds", "INVALID_VALUE", message)
    if mode == REALTIME and "periodSeconds" not in raw:
        checker.add("/periodSeconds", "MISSING_PARAMETER", "a realtime scenario needs periodSeconds")
    method = raw.get("method", RK4)
    if method not in METHODS:
        checker.add("/method", "INVALID_VALUE", f"method must be one of {', '.join(METHODS)}, got {method!r}")

    input_values, input_problems = check_inputs(inputs, specs, links, "inputs")
    problems = checker.problems + input_problems
    if problems:
        return None, problems
    return (
        Scenario(
            scenario_id=scenario_id,
            mode=mode,
            models=tuple(specs.values()),
            links=links,
            step_seconds=step,
            horizon_seconds=horizon,
            period_seconds=period,
            method=method,
            inputs=input_values,
        ),
        [],
    )


def parse_scenario(raw: Any, inputs: Any = None, purpose: str | None = None) -> Scenario:
    """The scenario, or InvalidRequest listing every problem."""
    scenario, problems = scenario_problems(raw, inputs, purpose)
    if problems:
        raise InvalidRequest(problems)
    assert scenario is not None
    return scenario


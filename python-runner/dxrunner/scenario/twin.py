"""The reactor twin loop, one period at a time, on live telemetry.

Per step: the quality functions flag the reactor's telemetry; the Kalman filter estimates the true
temperature (predict by dt, then update unless the measurement is bad); the estimate, and pressure
and flow when they are not bad, become the reactor's state; the reactor model gives the conversion
and a forecast over the horizon. The result's "forecast" has the field names of the contract
sim.reactor-forecasts 1.0.0 except issuedAt, which the service stamps when it publishes.

The filter starts at the reactor's initial temperature (the service sets initialState.T from the
latest telemetry) with rate 0 and covariance I.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..functions.kalman import DEFAULT_MEASUREMENT_NOISE, DEFAULT_PROCESS_NOISE, KalmanFilter
from ..functions.quality import BAD, GOOD, ZSCORE_WINDOW, assess, worst
from ..models.reactor import ReactorModel
from ..protocol.errors import InvalidRequest, Problem, pointer
from .parse import is_number
from .spec import Scenario
from .system import ComposedSystem

TWIN_FIELDS = {"reactor", "equipment", "horizonSeconds", "everySeconds", "q", "r"}
DEFAULT_HORIZON_SECONDS = 600.0
DEFAULT_EVERY_SECONDS = 60.0
MAX_FORECAST_POINTS = 1000

# telemetry field -> (quality quantity, reactor state it sets)
TELEMETRY = {"temperature": ("temperature", "T"), "pressure": ("pressure", "P"), "flowRate": ("flow", "F")}
# Other spellings of a telemetry field that sources use; the first name is the contract's.
TELEMETRY_ALIASES = {"flow_rate": "flowRate"}
GOOD_KEPT = 2  # gap filling averages the two latest good values
SOURCE_FLAGS = ("good", "uncertain", "bad")


@dataclass(frozen=True)
class TwinOptions:
    reactor: str
    equipment: str
    horizon_seconds: float
    every_seconds: float
    q: float
    r: float

    def to_json(self) -> dict[str, Any]:
        return {
            "reactor": self.reactor,
            "equipment": self.equipment,
            "horizonSeconds": self.horizon_seconds,
            "everySeconds": self.every_seconds,
            "q": self.q,
            "r": self.r,
        }


def parse_twin_options(raw: Any, scenario: Scenario) -> TwinOptions:
    """The twin options of an open request, or InvalidRequest listing every problem (paths under /twin)."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise InvalidRequest([Problem("/twin", "INVALID_TYPE", "twin must be an object, e.g. {\"reactor\": \"R101\"}")])
    for name in sorted(set(raw) - TWIN_FIELDS):
        problems.append(Problem(pointer("twin", name), "UNKNOWN_FIELD", f"unknown twin option {name!r}"))
    reactors = {spec.id: spec for spec in scenario.models if spec.model == ReactorModel.name}
    reactor = raw.get("reactor")
    if reactor is None and len(reactors) == 1:
        reactor = next(iter(reactors))
    if reactor not in reactors:
        problems.append(
            Problem(
                "/twin/reactor",
                "UNKNOWN_INSTANCE" if "reactor" in raw else "MISSING_FIELD",
                f"twin.reactor must name a reactor instance of the scenario; reactors: {', '.join(reactors) or 'none'}",
            )
        )
    values: dict[str, float] = {}
    defaults = {
        "horizonSeconds": scenario.horizon_seconds or DEFAULT_HORIZON_SECONDS,
        "everySeconds": DEFAULT_EVERY_SECONDS,
        "q": DEFAULT_PROCESS_NOISE,
        "r": DEFAULT_MEASUREMENT_NOISE,
    }
    for name, default in defaults.items():
        value = raw.get(name, default)
        if not is_number(value) or value < 0 or (value == 0 and name != "q"):
            problems.append(Problem(pointer("twin", name), "INVALID_VALUE", f"twin.{name} must be a positive number"))
        else:
            values[name] = float(value)
    if not problems and values["horizonSeconds"] / values["everySeconds"] > MAX_FORECAST_POINTS:
        message = f"at most {MAX_FORECAST_POINTS} forecast points"
        problems.append(Problem("/twin/everySeconds", "INVALID_VALUE", message))
    equipment = raw.get("equipment")
    if equipment is not None and not isinstance(equipment, str):
        problems.append(Problem("/twin/equipment", "INVALID_TYPE", "twin.equipment must be a string"))
    if problems:
        raise InvalidRequest(problems)
    spec = reactors[reactor]
    return TwinOptions(
        reactor=reactor,
        equipment=equipment or spec.instance or spec.id,
        horizon_seconds=values["horizonSeconds"],
        every_seconds=values["everySeconds"],
        q=values["q"],
        r=values["r"],
    )


def with_aliases(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The telemetry with each alias (flow_rate) under the contract's name (flowRate), unless that is there too."""
    out = dict(raw)
    for alias, name in TELEMETRY_ALIASES.items():
        if alias in out and out.get(name) is None:
            out[name] = out.pop(alias)
    return out


def telemetry_problems(raw: Any) -> list[Problem]:
    """What is wrong with a step's telemetry; other fields of the contract payload are ignored."""
    if not isinstance(raw, dict):
        return [Problem("/telemetry", "INVALID_TYPE", "telemetry must be an object")]
    problems = []
    for alias in TELEMETRY_ALIASES:
        if raw.get(alias) is not None and not is_number(raw[alias]):
            problems.append(Problem(pointer("telemetry", alias), "INVALID_TYPE", f"{alias} must be a number or null"))
    for name in TELEMETRY:
        if raw.get(name) is not None and not is_number(raw[name]):
            problems.append(Problem(pointer("telemetry", name), "INVALID_TYPE", f"{name} must be a number or null"))
    if "quality" in raw and raw["quality"] not in SOURCE_FLAGS:
        problems.append(Problem("/telemetry/quality", "INVALID_VALUE", "quality must be good, uncertain or bad"))
    based_on = raw.get("basedOn")
    if based_on is not None and (not isinstance(based_on, int) or isinstance(based_on, bool) or based_on < 0):
        problems.append(Problem("/telemetry/basedOn", "INVALID_TYPE", "basedOn must be a non-negative integer"))
    return problems


class TwinLoop:
    """The twin's memory between steps: the filter, and each sensor's recent good values."""

    def __init__(self, system: ComposedSystem, options: TwinOptions, max_step: float) -> None:
        self.system = system
        self.options = options
        self.max_step = max_step
        self.reactor = system.by_id[options.reactor]
        assert isinstance(self.reactor.model, ReactorModel)
        self.model: ReactorModel = self.reactor.model
        start = self.reactor.states.start
        self.columns = {state: start + index for index, state in enumerate(self.model.state_names())}
        self.kalman = KalmanFilter(value=float(system.y[self.columns["T"]]), q=options.q, r=options.r)
        self.history = {field: deque(maxlen=ZSCORE_WINDOW) for field in TELEMETRY}
        # Only values flagged good fill a gap: a spike is kept for the z-score, never used as a fill.
        self.good = {field: deque(maxlen=GOOD_KEPT) for field in TELEMETRY}

    def _assess(self, field: str, value: float | None) -> tuple[str, dict[str, Any]]:
        quantity, _ = TELEMETRY[field]
        history = self.history[field]
        verdict = assess(quantity, value, history[-1] if history else None, list(history), good=list(self.good[field]))
        if verdict.flag != BAD and value is not None:
            history.append(value)
        if verdict.flag == GOOD and value is not None:
            self.good[field].append(value)
        report: dict[str, Any] = {
            "flag": verdict.flag,
            "reason": verdict.reason,
            "checks": [{"rule": c.rule, "flag": c.flag, "reason": c.reason} for c in verdict.checks],
        }
        if verdict.filled is not None:
            report["filled"] = verdict.filled
        return verdict.flag, report

    def assimilate(self, dt: float, telemetry: Mapping[str, Any]) -> dict[str, Any]:
        """Quality, Kalman, state update and forecast for one step; the part of the step result the twin adds."""
        telemetry = with_aliases(telemetry)
        source = telemetry.get("quality", GOOD)
        quality: dict[str, Any] = {"source": source}
        flags: dict[str, str] = {}
        for field in TELEMETRY:
            value = telemetry.get(field)
            if field == "temperature" or value is not None:
                flags[field], quality[field] = self._assess(field, value)
        measured = worst(source, flags["temperature"])
        usable = measured != BAD
        step = self.kalman.cycle(telemetry["temperature"] if usable else None, dt)

        y = self.system.y
        y[self.columns["T"]] = step.estimate
        if source != BAD:
            for field, (_, state) in TELEMETRY.items():
                if field != "temperature" and flags.get(field, BAD) != BAD:
                    y[self.columns[state]] = telemetry[field]
        self.system.apply_links()

        reactor_state = y[self.reactor.states]
        horizon = self.model.forecast(
            reactor_state, self.reactor.inputs, self.options.horizon_seconds, self.max_step, self.options.every_seconds
        )
        forecast: dict[str, Any] = {
            "equipment": self.options.equipment,
            "estimatedTemperature": step.estimate,
            "temperatureRate": step.rate,
        }
        if step.innovation is not None:
            forecast["innovation"] = step.innovation
        forecast["measurementQuality"] = measured
        forecast["conversion"] = float(reactor_state[3])
        forecast["horizon"] = horizon
        if telemetry.get("basedOn") is not None:
            forecast["basedOn"] = telemetry["basedOn"]
        return {
            "forecast": forecast,
            "quality": quality,
            "kalman": {"updated": usable, "innovationVariance": step.innovation_variance, "state": self.kalman.state()},
        }

"""What every model declares and implements, so the composer, `describe` and validation can use it.

A model declares its parameters, states, inputs and outputs (with units and defaults) as class
attributes; those declarations are the single source for `describe`, for scenario validation and
for the state and input vectors the composer lays out. A model implements:

- derivatives(t, y, u): the continuous part, integrated by RK4 or solve_ivp;
- advance(y, u, dt): an optional discrete update applied once per step before the continuous part
  (for laws published as a step rather than a rate, such as the reactor's conversion step);
- evaluate(y, u): the outputs, written with numpy so that y and u may be one sample (1-D) or a
  whole trajectory (one row per state or input), which is how results are computed after a run;
- violations(y, u): where the state leaves the model's valid range (flags, not errors).
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from types import SimpleNamespace
from typing import Any, ClassVar

import numpy as np

from ..functions.rk4 import rk4_step

Values = Any  # a float for one sample, a numpy array for a trajectory


@dataclass(frozen=True)
class Parameter:
    """A constant of the model; None as default means the scenario must give it."""

    name: str
    unit: str
    default: float | None
    description: str
    positive: bool = False


@dataclass(frozen=True)
class State:
    """A state variable, with the range an initial value must lie in."""

    name: str
    unit: str
    default: float
    description: str
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Input:
    """A value fed from outside (a link, the request, a session step); holds its default otherwise."""

    name: str
    unit: str
    default: float
    description: str


@dataclass(frozen=True)
class Output:
    """A value the model reports."""

    name: str
    unit: str
    description: str


@dataclass(frozen=True)
class Violation:
    """Samples where the state is outside the model's valid range: a mask over the samples evaluated."""

    code: str
    message: str
    mask: np.ndarray


def _declared(items: Sequence[Any]) -> list[dict[str, Any]]:
    return [{key: value for key, value in asdict(item).items() if value is not None} for item in items]


class Model(ABC):
    """Base of every model; subclasses set the class attributes and implement the methods."""

    name: ClassVar[str]
    #: The model's own semantic version, bumped when its results change; lineage names it.
    version: ClassVar[str] = "1.0.0"
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    states: ClassVar[tuple[State, ...]] = ()
    inputs: ClassVar[tuple[Input, ...]] = ()
    outputs: ClassVar[tuple[Output, ...]] = ()

    def __init__(self, parameters: Mapping[str, float] | None = None) -> None:
        values: dict[str, float | None] = {p.name: p.default for p in self.parameters}
        unknown = set(parameters or {}) - set(values)
        if unknown:
            raise ValueError(f"unknown parameters of {self.name}: {', '.join(sorted(unknown))}")
        values.update(parameters or {})
        missing = [name for name, value in values.items() if value is None]
        if missing:
            raise ValueError(f"missing parameters of {self.name}: {', '.join(missing)}")
        self.parameter_values: dict[str, float] = {name: float(value) for name, value in values.items()}
        self.p = SimpleNamespace(**self.parameter_values)
        #: The step the scenario advances by (s): a model whose law is a step reports rates over it.
        self.step_seconds = 1.0

    # --- declarations -------------------------------------------------------------------------

    @classmethod
    def description(cls) -> str:
        """The first paragraph of the class docstring."""
        return " ".join(inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0].split())

    @classmethod
    def notes(cls) -> str:
        """The rest of the class docstring, after its first paragraph."""
        return "\n\n".join(" ".join(part.split()) for part in inspect.cleandoc(cls.__doc__ or "").split("\n\n")[1:])

    @classmethod
    def describe(cls) -> dict[str, Any]:
        """Everything a client needs to use the model, from the declarations themselves."""
        return {
            "name": cls.name,
            "version": cls.version,
            "description": cls.description(),
            "notes": cls.notes(),
            "parameters": _declared(cls.parameters),
            "states": _declared(cls.states),
            "inputs": _declared(cls.inputs),
            "outputs": _declared(cls.outputs),
            "discreteStep": cls.has_discrete_step(),
        }

    @classmethod
    def state_names(cls) -> list[str]:
        return [state.name for state in cls.states]

    @classmethod
    def input_names(cls) -> list[str]:
        return [item.name for item in cls.inputs]

    @classmethod
    def output_names(cls) -> list[str]:
        return [output.name for output in cls.outputs]

    @classmethod
    def output_units(cls) -> dict[str, str]:
        return {output.name: output.unit for output in cls.outputs}

    @classmethod
    def has_discrete_step(cls) -> bool:
        """True when the model overrides advance(), so integrators must stop at every step for it."""
        return cls.advance is not Model.advance

    def initial_state(self, values: Mapping[str, float] | None = None) -> np.ndarray:
        """The state vector from the declared defaults and the given values."""
        given = values or {}
        return np.array([float(given.get(state.name, state.default)) for state in self.states])

    def default_inputs(self) -> list[float]:
        return [float(item.default) for item in self.inputs]

    # --- behaviour ----------------------------------------------------------------------------

    @abstractmethod
    def derivatives(self, t: float, y: np.ndarray, u: Sequence[float]) -> np.ndarray:
        """d(state)/dt of the continuous part, as an array shaped like y."""

    def advance(self, y: np.ndarray, u: Sequence[float], dt: float) -> np.ndarray:
        """The discrete part of a step of dt seconds; the default has none."""
        return y

    @abstractmethod
    def evaluate(self, y: np.ndarray, u: Sequence[Values]) -> dict[str, Values]:
        """Every declared output, for one sample or (row per state) a whole trajectory."""

    def violations(self, y: np.ndarray, u: Sequence[Values]) -> list[Violation]:
        """Where the state leaves the valid range; none by default."""
        return []

    def step(self, t: float, y: np.ndarray, u: Sequence[float], h: float) -> np.ndarray:
        """One step of this model alone, inputs held: the discrete update, then RK4 on the continuous part."""
        y = self.advance(y, u, h)
        return rk4_step(lambda time, state: self.derivatives(time, state, u), t, y, h)

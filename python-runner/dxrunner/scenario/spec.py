"""A scenario once it has been checked: plain frozen values, so runs never re-check anything."""

from __future__ import annotations

from dataclasses import dataclass, field

STATIC, DYNAMIC, REALTIME = "static", "dynamic", "realtime"
MODES = (STATIC, DYNAMIC, REALTIME)
RK4, SOLVE_IVP = "rk4", "solve_ivp"
METHODS = (RK4, SOLVE_IVP)


@dataclass(frozen=True)
class ModelSpec:
    """One model instance of the scenario."""

    id: str
    model: str
    instance: str | None = None
    parameters: dict[str, float] = field(default_factory=dict)
    initial_state: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Endpoint:
    """instance.name, the two sides of a link or the target of an input value."""

    instance: str
    name: str

    def __str__(self) -> str:
        return f"{self.instance}.{self.name}"


@dataclass(frozen=True)
class LinkSpec:
    """An output of one instance that feeds an input of another at every step."""

    source: Endpoint
    target: Endpoint


@dataclass(frozen=True)
class Scenario:
    """A checked scenario, with the request's constant input values."""

    scenario_id: str
    mode: str
    models: tuple[ModelSpec, ...]
    links: tuple[LinkSpec, ...] = ()
    step_seconds: float | None = None
    horizon_seconds: float | None = None
    period_seconds: float | None = None
    method: str = RK4
    inputs: dict[Endpoint, float] = field(default_factory=dict)

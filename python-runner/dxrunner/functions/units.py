"""Unit conversions between the units the contracts and models use.

Contracts state units as `x-unit` strings (degC, MPa, L/min, ...). Links between model instances
and telemetry fed into models convert through here, so each factor is written once. Linear units
convert through a factor to the SI unit of their dimension; temperatures are affine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np

from .catalog import library_function

Number = TypeVar("Number", float, np.ndarray)

ABSOLUTE_ZERO_C = -273.15

# unit -> (dimension, factor to the dimension's SI unit)
_LINEAR: dict[str, tuple[str, float]] = {
    "Pa": ("pressure", 1.0),
    "kPa": ("pressure", 1e3),
    "bar": ("pressure", 1e5),
    "MPa": ("pressure", 1e6),
    "m3/s": ("volumetric flow", 1.0),
    "L/s": ("volumetric flow", 1e-3),
    "L/min": ("volumetric flow", 1e-3 / 60.0),
    "m3/h": ("volumetric flow", 1.0 / 3600.0),
    "s": ("time", 1.0),
    "min": ("time", 60.0),
    "h": ("time", 3600.0),
    "W": ("power", 1.0),
    "kW": ("power", 1e3),
    "MW": ("power", 1e6),
    "m": ("length", 1.0),
    "mm": ("length", 1e-3),
    "rad/s": ("rotational speed", 1.0),
    "rpm": ("rotational speed", 2.0 * np.pi / 60.0),
    "1/s": ("rate", 1.0),
    "1/min": ("rate", 1.0 / 60.0),
    "K/s": ("temperature rate", 1.0),
    "degC/s": ("temperature rate", 1.0),
    "1": ("dimensionless", 1.0),
    "%": ("dimensionless", 0.01),
}

# unit -> (scale, offset) such that kelvin = value * scale + offset
_TEMPERATURE: dict[str, tuple[float, float]] = {
    "K": (1.0, 0.0),
    "degC": (1.0, -ABSOLUTE_ZERO_C),
    "degF": (5.0 / 9.0, -ABSOLUTE_ZERO_C - 32.0 * 5.0 / 9.0),
}

_ALIASES = {
    "°C": "degC",
    "C": "degC",
    "°F": "degF",
    "F": "degF",
    "m³/s": "m3/s",
    "m³/h": "m3/h",
    "l/s": "L/s",
    "l/min": "L/min",
    "°C/s": "degC/s",
}


class UnitError(ValueError):
    """A unit nobody here knows, or two units of different dimensions."""


def canonical_unit(unit: str) -> str:
    """The spelling this module uses for a unit (°C -> degC, m³/s -> m3/s)."""
    return _ALIASES.get(unit, unit)


def _dimension(unit: str) -> str | None:
    if unit in _TEMPERATURE:
        return "temperature"
    entry = _LINEAR.get(unit)
    return entry[0] if entry else None


def can_convert(from_unit: str, to_unit: str) -> bool:
    """True when a value in from_unit has a meaning in to_unit (same dimension, or the same unit)."""
    source, target = canonical_unit(from_unit), canonical_unit(to_unit)
    if source == target:
        return True
    dimension = _dimension(source)
    return dimension is not None and dimension == _dimension(target)


def converter(from_unit: str, to_unit: str) -> Callable[[Number], Number]:
    """A function converting values from one unit to another, resolved once (links call it per step)."""
    source, target = canonical_unit(from_unit), canonical_unit(to_unit)
    if source == target:
        return lambda value: value
    if not can_convert(source, target):
        raise UnitError(f"cannot convert {from_unit!r} to {to_unit!r}")
    if source in _TEMPERATURE:
        scale_in, offset_in = _TEMPERATURE[source]
        scale_out, offset_out = _TEMPERATURE[target]
        return lambda value: ((value * scale_in + offset_in) - offset_out) / scale_out
    factor = _LINEAR[source][1] / _LINEAR[target][1]
    return lambda value: value * factor


@library_function("conversion", returns="the value in to_unit", use='op "convert"')
def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Converts a value (or a numpy array) between units of the same dimension.

    Known: temperature K, degC, degF; pressure Pa, kPa, bar, MPa; volumetric flow m3/s, L/s,
    L/min, m3/h; time s, min, h; power W, kW, MW; length m, mm; speed rad/s, rpm; 1 and %.
    """
    return converter(from_unit, to_unit)(value)


def known_units() -> list[str]:
    """Every unit spelling convert() accepts."""
    return sorted({*_LINEAR, *_TEMPERATURE, *_ALIASES})


@library_function("conversion", units={"celsius": "degC"}, returns="K")
def degc_to_k(celsius: Number) -> Number:
    """Degrees Celsius to kelvin (T_K = T + 273.15)."""
    return celsius - ABSOLUTE_ZERO_C


@library_function("conversion", units={"kelvin": "K"}, returns="degC")
def k_to_degc(kelvin: Number) -> Number:
    """Kelvin to degrees Celsius."""
    return kelvin + ABSOLUTE_ZERO_C


@library_function("conversion", units={"mpa": "MPa"}, returns="Pa")
def mpa_to_pa(mpa: Number) -> Number:
    """Megapascal to pascal."""
    return mpa * 1e6


@library_function("conversion", units={"pa": "Pa"}, returns="MPa")
def pa_to_mpa(pa: Number) -> Number:
    """Pascal to megapascal."""
    return pa / 1e6


@library_function("conversion", units={"mpa": "MPa"}, returns="bar")
def mpa_to_bar(mpa: Number) -> Number:
    """Megapascal to bar (1 MPa = 10 bar)."""
    return mpa * 10.0


@library_function("conversion", units={"bar": "bar"}, returns="MPa")
def bar_to_mpa(bar: Number) -> Number:
    """Bar to megapascal."""
    return bar / 10.0


@library_function("conversion", units={"bar": "bar"}, returns="Pa")
def bar_to_pa(bar: Number) -> Number:
    """Bar to pascal (1 bar = 1e5 Pa)."""
    return bar * 1e5


@library_function("conversion", units={"pa": "Pa"}, returns="bar")
def pa_to_bar(pa: Number) -> Number:
    """Pascal to bar."""
    return pa / 1e5


@library_function("conversion", units={"litres_per_minute": "L/min"}, returns="m3/s")
def lpm_to_m3s(litres_per_minute: Number) -> Number:
    """Litres per minute to cubic metres per second (1 L/min = 1/60000 m3/s)."""
    return litres_per_minute / 60000.0


@library_function("conversion", units={"cubic_metres_per_second": "m3/s"}, returns="L/min")
def m3s_to_lpm(cubic_metres_per_second: Number) -> Number:
    """Cubic metres per second to litres per minute."""
    return cubic_metres_per_second * 60000.0

"""The catalogue of library functions, built from the code so `describe` never drifts from it.

A function joins the catalogue by being decorated with @library_function in any module of this
package; describe_functions() imports every module and reads the tags, signatures and docstrings.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_TAG = "__dx_library_function__"


def library_function(
    kind: str,
    *,
    units: Mapping[str, str] | None = None,
    returns: str | None = None,
    use: str | None = None,
    version: str = "1.0.0",
) -> Callable[[F], F]:
    """Tags a function for the catalogue.

    kind groups it (integrator, kalman, quality, conversion, averaging, anomaly, prognostics); units
    names the unit of each argument where it has one; returns says what comes back; use says how a
    worker client reaches it (an op, or a scenario field); version is the function's own semantic
    version, bumped when its results change, and named in the lineage of what it produced.
    """

    def tag(function: F) -> F:
        setattr(
            function,
            _TAG,
            {"kind": kind, "units": dict(units or {}), "returns": returns, "use": use, "version": version},
        )
        return function

    return tag


def function_ref(function: Callable[..., Any]) -> dict[str, str]:
    """{"id": "<module>.<name>", "version"} of a tagged function, as lineage names it."""
    tag = getattr(function, _TAG)
    module = function.__module__.rsplit(".", 1)[-1]
    return {"id": f"{module}.{function.__name__}", "version": tag["version"]}


def _first_paragraph(doc: str | None) -> str:
    return " ".join(inspect.cleandoc(doc or "").split("\n\n")[0].split())


def _json_default(value: Any) -> Any:
    return value if isinstance(value, (int, float, str, bool, type(None))) else repr(value)


def _describe(function: Callable[..., Any], module: str) -> dict[str, Any]:
    tag = getattr(function, _TAG)
    parameters = []
    for parameter in inspect.signature(function).parameters.values():
        entry: dict[str, Any] = {"name": parameter.name}
        if parameter.annotation is not inspect.Parameter.empty:
            entry["type"] = str(parameter.annotation)
        if parameter.default is not inspect.Parameter.empty:
            entry["default"] = _json_default(parameter.default)
        if parameter.name in tag["units"]:
            entry["unit"] = tag["units"][parameter.name]
        parameters.append(entry)
    described: dict[str, Any] = {
        "name": function.__name__,
        "kind": tag["kind"],
        "version": tag["version"],
        "module": module,
        "description": _first_paragraph(function.__doc__),
        "parameters": parameters,
    }
    if tag["returns"]:
        described["returns"] = tag["returns"]
    if tag["use"]:
        described["use"] = tag["use"]
    return described


@cache
def describe_functions() -> tuple[dict[str, Any], ...]:
    """Every tagged function of the package, sorted by kind then name."""
    package = importlib.import_module(__package__ or "dxrunner.functions")
    found: list[dict[str, Any]] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _, member in inspect.getmembers(module, inspect.isfunction):
            if hasattr(member, _TAG) and member.__module__ == module.__name__:
                found.append(_describe(member, info.name))
    return tuple(sorted(found, key=lambda entry: (entry["kind"], entry["name"])))

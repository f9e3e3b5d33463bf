"""Finds the models: every Model subclass with a name, in any module of this package.

Discovery instead of a hand-kept list, so that adding a model is one new file and `describe`
cannot forget it.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import cache

from .base import Model


@cache
def all_models() -> dict[str, type[Model]]:
    """Model classes by name, imported once per process."""
    package = importlib.import_module(__package__ or "dxrunner.models")
    found: dict[str, type[Model]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _, member in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(member, Model)
                and member.__module__ == module.__name__
                and not inspect.isabstract(member)
                and getattr(member, "name", None)
            ):
                if member.name in found:
                    raise RuntimeError(f"two models are named {member.name!r}: {found[member.name]} and {member}")
                found[member.name] = member
    return dict(sorted(found.items()))


def model_class(name: str) -> type[Model] | None:
    """The model class of that name, or None."""
    return all_models().get(name)

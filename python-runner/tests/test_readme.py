"""The README's model tables say what the code declares, so the docs cannot drift from the models."""

from __future__ import annotations

import re

import pytest

from conftest import PYTHON_RUNNER
from dxrunner.models.registry import all_models


def readme_rows(model: str) -> list[tuple[str, str, str, str]]:
    text = (PYTHON_RUNNER / "README.md").read_text()
    section = re.search(rf"^### {model}\n(.*?)(?=^#)", text, re.S | re.M)
    assert section, f"README has no section for {model}"
    rows = []
    for line in section.group(1).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] in ("parameter", "state", "input", "output"):
            rows.append((cells[0], cells[1].strip("`"), cells[2].replace("\\*", "*"), cells[3]))
    return rows


def declared_rows(model: str) -> list[tuple[str, str, str, str]]:
    cls = all_models()[model]
    rows = []
    declared = {"parameter": cls.parameters, "state": cls.states, "input": cls.inputs, "output": cls.outputs}
    for kind, items in declared.items():
        for item in items:
            default = getattr(item, "default", None)
            rows.append((kind, item.name, item.unit, "" if default is None else f"{default:g}"))
    return rows


@pytest.mark.parametrize("model", ["reactor", "pump", "exchanger"])
def test_the_readme_lists_each_models_parameters_states_inputs_and_outputs_as_declared(model):
    assert readme_rows(model) == declared_rows(model)

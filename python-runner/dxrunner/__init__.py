"""dxrunner: the simulation service's Python workers.

Long-lived processes that speak newline-delimited JSON on stdin/stdout (see dxrunner.protocol),
with a library of process models (dxrunner.models), numerical and data-quality functions
(dxrunner.functions) and the scenario composer that runs them (dxrunner.scenario).
"""

__version__ = "0.2.0"

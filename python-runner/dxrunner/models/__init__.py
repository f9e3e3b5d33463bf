"""The model library: one module per model, found automatically (see registry.py).

Adding a model is one new file here holding a subclass of base.Model with a `name`.
"""

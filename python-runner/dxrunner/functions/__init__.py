"""The function library: integrators, the Kalman filter, data quality, unit conversions, averaging.

Plain functions on numbers and numpy arrays; nothing here knows about the wire protocol. Each public
function is tagged with @library_function so that `describe` lists it from the code itself.
"""

"""The scenario composer: reads a scenario (the sim.scenario-requests contract), checks it, builds the
model instances, wires the links, and runs it as a static evaluation, a dynamic trajectory or a
stepped (realtime) session.
"""

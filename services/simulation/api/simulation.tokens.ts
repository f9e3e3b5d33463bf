/** Injection tokens of the simulation service. */
export const SIM_CONFIG = Symbol('SIM_CONFIG');
export const SIM_LOGGER = Symbol('SIM_LOGGER');

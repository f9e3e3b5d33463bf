/** Injection tokens of the anchoring module: the interval in seconds (0: off) and its logger. */
export const ANCHOR_INTERVAL_S = Symbol('ANCHOR_INTERVAL_S');
export const ANCHOR_LOGGER = Symbol('ANCHOR_LOGGER');

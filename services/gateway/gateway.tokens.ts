/** Injection tokens of the gateway's own settings: its logger and the ingest limits. */
export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');
export const INGEST_LIMITS = Symbol('INGEST_LIMITS');

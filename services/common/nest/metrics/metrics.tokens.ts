/** Injection token of the service's prom-client Registry (createMetricsRegistry). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

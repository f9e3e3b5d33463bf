/**
 * The Prometheus registry of one service (or edge) process: prom-client's default process and Node
 * metrics (CPU, memory, heap, event loop lag, GC, handles) plus whatever the service registers. One
 * registry per application, not prom-client's global one: tests run several services in one process.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

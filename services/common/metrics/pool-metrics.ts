/** The database pool as /metrics shows it: connections open, idle, and callers waiting for one. */
import type pg from 'pg';
import { Gauge, type Registry } from 'prom-client';

export function registerPoolMetrics(registry: Registry, pool: pg.Pool): void {
  new Gauge({
    name: 'dx_db_pool_connections',
    help: "Connections in the service's PostgreSQL pool, by state (idle or busy).",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'busy' }, pool.totalCount - pool.idleCount);
    },
  });
  new Gauge({
    name: 'dx_db_pool_waiting',
    help: 'Queries waiting for a free connection of the pool.',
    registers: [registry],
    collect() {
      this.set(pool.waitingCount);
    },
  });
}

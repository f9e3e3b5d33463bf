/**
 * The NATS connection as /metrics shows it: reconnects, disconnects and slow-consumer notices (a
 * subscription of this process fell behind and the client dropped messages for it), from the
 * connection's status events.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { Counter, Gauge, type Registry } from 'prom-client';

export function registerNatsMetrics(registry: Registry, connection: NatsConnection): void {
  const reconnects = new Counter({
    name: 'dx_nats_reconnects_total',
    help: 'Times the NATS connection came back after it was lost.',
    registers: [registry],
  });
  const disconnects = new Counter({
    name: 'dx_nats_disconnects_total',
    help: 'Times the NATS connection was lost.',
    registers: [registry],
  });
  const slowConsumers = new Counter({
    name: 'dx_nats_slow_consumers_total',
    help: 'Slow-consumer notices: a subscription of this process fell behind and messages were dropped for it.',
    registers: [registry],
  });
  let up = true;
  new Gauge({
    name: 'dx_nats_connected',
    help: '1 while the NATS connection is up, else 0.',
    registers: [registry],
    collect() {
      this.set(connection.isClosed() || up === false ? 0 : 1);
    },
  });
  void (async () => {
    for await (const status of connection.status()) {
      if (status.type === 'reconnect') {
        up = true;
        reconnects.inc();
      } else if (status.type === 'disconnect') {
        up = false;
        disconnects.inc();
      } else if (status.type === 'slowConsumer') slowConsumers.inc();
    }
  })().catch(() => undefined);
}

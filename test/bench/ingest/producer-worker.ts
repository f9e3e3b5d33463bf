/**
 * The producers: a Node process of their own that runs the benchmark's commands (closed-loop load,
 * open-loop load) over one NATS connection, with the consumer on a second connection beside them.
 * Usage (forked by the benchmark): node dist/test/bench/ingest/producer-worker.js NATS_URL DATA_SUBJECT
 */
import { connect } from '@nats-io/transport-node';
import { DeliveryConsumer } from './delivery-consumer.js';
import type { ProducerCommand, ProducerResult } from './producer-commands.js';
import { runClosedLoop } from './run-closed-loop.js';
import { runOpenLoop } from './run-open-loop.js';
import { serveCommands } from './serve-commands.js';

const [url, dataSubject] = process.argv.slice(2);

const nats = await connect({ servers: url!, name: 'bench-producers' });
const consumer = await DeliveryConsumer.start(url!, dataSubject!);

serveCommands<ProducerCommand, ProducerResult>(
  (command) =>
    command.kind === 'closed-loop'
      ? runClosedLoop(nats, command, () => consumer.delivered)
      : runOpenLoop(nats, consumer, command),
  async () => {
    await consumer.close();
    await nats.close();
  },
);

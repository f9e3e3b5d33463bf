/**
 * The MQTT sections of bench:edges: raw Mosquitto QoS 1 publish → subscribe throughput, the same
 * messages through the bridge to the hub's durable store, and the latency from MQTT publish to
 * delivery on dx.data at a fixed offered rate.
 */
import { connect, type MqttClient } from 'mqtt';
import { connect as connectNats } from '@nats-io/transport-node';
import type { Pool } from 'pg';
import { BENCH_TOPIC, pumpReading } from './pump-reading.js';

/** Publishes `count` messages at QoS 1 with at most `window` unacknowledged. */
async function publishMany(
  client: MqttClient,
  count: number,
  topic: (i: number) => string,
  first = 0,
  window = 1000,
) {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      await client.publishAsync(topic(i), pumpReading(first + i), { qos: 1 });
    }
  };
  await Promise.all(Array.from({ length: window }, lane));
}

export async function connectMqtt(url: string, clientId: string): Promise<MqttClient> {
  const client = connect(url, { clientId, clean: true, protocolVersion: 5 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

export async function measureRawMqtt(url: string, count: number): Promise<number> {
  const subscriber = await connectMqtt(url, 'bench-raw-sub');
  const publisher = await connectMqtt(url, 'bench-raw-pub');
  let received = 0;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  subscriber.on('message', () => {
    if (++received === count) done();
  });
  await subscriber.subscribeAsync('bench/raw/#', { qos: 1 });
  const started = performance.now();
  await publishMany(publisher, count, (i) => `bench/raw/${i % 1000}`);
  await all;
  const seconds = (performance.now() - started) / 1000;
  await publisher.endAsync();
  await subscriber.endAsync();
  return count / seconds;
}

/**
 * Counts the stored events of the contract from its stream heads: stream positions run 1, 2, 3, ..
 * without gaps and a head moves in its events' commit, so the sum of the heads is the count. One row
 * per stream, where count(*) over dx.events read every new row (the sections poll every 50 ms, and
 * counting 60,000 events that often took a tenth of a core from the hub under test).
 */
export async function storedCount(pool: Pool, contract: string): Promise<number> {
  const { rows } = await pool.query<{ n: string | null }>(
    'SELECT sum(position) AS n FROM dx.streams WHERE contract_id = $1',
    [contract],
  );
  return Number(rows[0]!.n);
}

/** `first`: the number of the run's first reading, so that each section's readings differ from the others'. */
export async function measureBridge(url: string, pool: Pool, count: number, first: number): Promise<number> {
  const publisher = await connectMqtt(url, 'bench-plant');
  const before = await storedCount(pool, 'scada.pump-telemetry');
  const started = performance.now();
  await publishMany(publisher, count, (i) => BENCH_TOPIC(i), first);
  const deadline = Date.now() + 600_000;
  while ((await storedCount(pool, 'scada.pump-telemetry')) < before + count) {
    if (Date.now() > deadline) throw new Error('the bridge did not store every message within 10 minutes');
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  await publisher.endAsync();
  return count / seconds;
}

export interface Latencies {
  p50: number;
  p99: number;
  sent: number;
  delivered: number;
}

/** Open loop: `rate` messages/s for `seconds`, each timed from its MQTT publish to its delivery on dx.data. */
export async function measureLatency(
  mqttUrl: string,
  natsUrl: string,
  rate: number,
  seconds: number,
  first: number,
): Promise<Latencies> {
  const nats = await connectNats({ servers: natsUrl });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const subscription = nats.subscribe('dx.data.scada.pump-telemetry.v1.>', {
    callback: (_, msg) => {
      const at = performance.now();
      const seq = (msg.json() as { data: { speed: number } }).data.speed;
      const sent = sentAt.get(seq);
      if (sent !== undefined) {
        latencies.push(at - sent);
        sentAt.delete(seq);
      }
    },
  });
  await nats.flush();
  const publisher = await connectMqtt(mqttUrl, 'bench-rate');
  const total = rate * seconds;
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      for (; sent < due; sent++) {
        const n = first + sent;
        sentAt.set(n % 4000, performance.now());
        void publisher.publishAsync(BENCH_TOPIC(n), pumpReading(n), { qos: 1 });
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  const deadline = Date.now() + 10_000;
  while (latencies.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  subscription.unsubscribe();
  await nats.close();
  await publisher.endAsync();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { p50: pick(0.5), p99: pick(0.99), sent: total, delivered: latencies.length };
}

/**
 * npm run bench:edges: the edges against the raw limits measured in the same run. A private Mosquitto,
 * nats-server and gateway (processes of their own, as in production) and the MQTT bridge and OPC UA
 * client as built processes. Sections:
 *
 *   raw MQTT      QoS 1 publish → subscribe through Mosquitto, the plant-like messages, no hub
 *   bridge        the same messages through the MQTT bridge to the hub's durable store, twice: one
 *                 hub request per message, 256 in flight (as before batches), then batches
 *   latency       at 1,000 messages/s, MQTT publish → delivery on dx.data (p50, p99), for each
 *   OPC UA        1,000 items changing once a second for BENCH_OPCUA_SECONDS, every sample stored?
 *
 * Last line: {"bridge_eps":..,"raw_mqtt_eps":..,"e2e_p50_ms_1k":..,"e2e_p99_ms_1k":..,"opcua_items_per_s":..,
 * "bridge_single_eps":..,"e2e_p50_ms_1k_single":..,"e2e_p99_ms_1k_single":..} (the unsuffixed: batches).
 * docs/benchmarks.md explains it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { positiveInteger } from '../../../services/common/config/env-integer.js';
import { killEdges, spawnEdge, waitForEdge } from '../../support/edge-process.js';
import { seedRegistry } from '../../support/seed-registry.js';
import { startTestMosquitto } from '../../support/test-mosquitto.js';
import { startTestNats } from '../../support/test-nats.js';
import { CpuMeter, findPids, natsServerPid, type CpuSeconds } from '../ingest/cpu-meter.js';
import { startGateway } from '../ingest/start-gateway.js';
import { createBenchDatabase } from '../store/bench-database.js';
import { DEFAULT_SERVER_URL } from '../store/bench-options.js';
import { measureBridge, measureLatency, measureRawMqtt } from './mqtt-measurements.js';
import { startOpcuaBench } from './opcua-measurement.js';
import { BENCH_MAPPING } from './pump-reading.js';

const env = process.env;
const MESSAGES = positiveInteger(env, 'BENCH_EDGES_MESSAGES', 30_000);
const RATE = positiveInteger(env, 'BENCH_EDGES_RATE', 1000);
const RATE_SECONDS = positiveInteger(env, 'BENCH_EDGES_RATE_SECONDS', 10);
const OPCUA_PUMPS = positiveInteger(env, 'BENCH_OPCUA_PUMPS', 200);
const OPCUA_SECONDS = positiveInteger(env, 'BENCH_OPCUA_SECONDS', 10);

const round = (x: number, digits = 0) => Number(x.toFixed(digits));

async function main(): Promise<void> {
  const cleanup: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    killEdges();
    for (const step of cleanup.splice(0).reverse()) await step().catch((e: unknown) => console.error(e));
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const dir = mkdtempSync(path.join(tmpdir(), 'dx-bench-edges-'));
    const nats = await startTestNats();
    cleanup.push(() => nats.stop());
    const database = await createBenchDatabase(env.DATABASE_URL || DEFAULT_SERVER_URL, 'dx_bench_edges', {
      migrate: true,
    });
    cleanup.push(() => database.drop());
    await seedRegistry(database.db);
    const gateway = await startGateway({
      databaseUrl: database.url,
      natsUrl: nats.url,
      // Another build of the gateway to compare with (BENCH_GATEWAY_MAIN, as bench:ingest takes it).
      main: env.BENCH_GATEWAY_MAIN || undefined,
      nodeArgs: [],
    });
    cleanup.push(() => gateway.stop());
    const broker = await startTestMosquitto();
    cleanup.push(() => broker.remove());
    const mapping = path.join(dir, 'bridge.yaml');
    writeFileSync(mapping, BENCH_MAPPING);
    console.log(
      `bench:edges: ${MESSAGES} messages per throughput section; ${RATE}/s for ${RATE_SECONDS} s; OPC UA ${OPCUA_PUMPS * 5} items for ${OPCUA_SECONDS} s`,
    );

    const raw = await measureRawMqtt(broker.url, MESSAGES);
    console.log(`raw MQTT QoS 1 publish → subscribe: ${round(raw)} messages/s`);
    /** The bridge as a process with these settings: throughput to the store, then latency at RATE/s. */
    const measureBridgeRun = async (label: string, settings: NodeJS.ProcessEnv, seqBase: number) => {
      const bridge = await spawnEdge('mqtt', ['--mapping', mapping], {
        NATS_URL: nats.url,
        MQTT_URL: broker.url,
        DX_EDGE_STATE_DIR: path.join(dir, `state-${label}`),
        ...settings,
      });
      await waitForEdge(bridge, (h) => h.subscribed === true);
      // warm-up, then timed; every message new (its own sequence number, so its own message id). The
      // database is settled in between, so the timed run is planned on tables that hold its streams
      // (bench-database.ts).
      await measureBridge(broker.url, database.pool, Math.min(2000, MESSAGES), seqBase + 10_000_000);
      await database.settle();
      const meter = new CpuMeter(
        {
          bridge: bridge.child.pid,
          gateway: gateway.pid,
          nats: natsServerPid(nats),
          mosquitto: brokerPid(broker.port),
        },
        database.name,
      );
      const spent = meter.start();
      const commitsBefore = await commits(gateway.url);
      const eps = await measureBridge(broker.url, database.pool, MESSAGES, seqBase);
      const commitsAfter = await commits(gateway.url);
      console.log(
        `${label}: through the bridge to the hub's durable store: ${round(eps)} messages/s (${round(eps / raw, 2)} of raw)`,
      );
      const made = commitsAfter.count - commitsBefore.count;
      console.log(
        `  CPU per message: ${perMessage(spent(), MESSAGES)}; ${made} commits, ${round((commitsAfter.events - commitsBefore.events) / made, 1)} events each`,
      );
      const latency = await measureLatency(broker.url, nats.url, RATE, RATE_SECONDS, seqBase + 20_000_000);
      console.log(
        `${label}: at ${RATE}/s: MQTT publish → dx.data p50 ${round(latency.p50, 2)} ms, p99 ${round(latency.p99, 2)} ms (${latency.delivered}/${latency.sent} delivered)`,
      );
      bridge.child.kill('SIGTERM');
      await bridge.exited;
      return { eps, latency };
    };
    // Before and after in one run: one hub request per plant message with as many in flight as the
    // bridge works on (DX_EDGE_MAX_INFLIGHT, 256: how it ran before batches), then batches (the default).
    const single = await measureBridgeRun(
      'one message a request',
      { DX_EDGE_BATCH_ITEMS: '1', DX_EDGE_BATCH_CONCURRENCY: '256' },
      100_000_000,
    );
    const batched = await measureBridgeRun('batches', {}, 0);
    const bridged = batched.eps;
    const latency = batched.latency;

    const opcua = await startOpcuaBench(OPCUA_PUMPS, dir);
    cleanup.push(() => opcua.stop());
    const client = await spawnEdge('opcua', ['--mapping', opcua.mappingFile], {
      NATS_URL: nats.url,
      DX_EDGE_STATE_DIR: path.join(dir, 'state'),
    });
    await waitForEdge(client, (h) => h.subscribed === true, 60_000);
    const result = await opcua.run(OPCUA_SECONDS, database.pool);
    console.log(
      `OPC UA: ${result.items} item samples in ${OPCUA_SECONDS} s (${round(result.itemsPerSecond)}/s), ${result.missing} equipment samples missing`,
    );
    client.child.kill('SIGTERM');
    await client.exited;

    const verdicts = [
      [`bridge at least half of raw (${round(bridged / raw, 2)})`, bridged >= raw / 2],
      [`p99 under 50 ms at ${RATE}/s (${round(latency.p99, 2)} ms)`, latency.p99 < 50],
      [
        `${OPCUA_PUMPS * 5} OPC UA items at 1 Hz with no loss (${result.missing} missing)`,
        result.missing === 0,
      ],
    ] as const;
    for (const [what, met] of verdicts) console.log(`target: ${what}: ${met ? 'met' : 'MISSED'}`);
    console.log(
      JSON.stringify({
        bridge_eps: round(bridged),
        raw_mqtt_eps: round(raw),
        e2e_p50_ms_1k: round(latency.p50, 2),
        e2e_p99_ms_1k: round(latency.p99, 2),
        opcua_items_per_s: round(result.itemsPerSecond),
        bridge_single_eps: round(single.eps),
        e2e_p50_ms_1k_single: round(single.latency.p50, 2),
        e2e_p99_ms_1k_single: round(single.latency.p99, 2),
      }),
    );
  } finally {
    await cleanUp();
  }
}

/** The private Mosquitto's pid (test/support/test-mosquitto.ts starts it with a config in its own folder). */
function brokerPid(port: number): number | undefined {
  return findPids(
    (command, line) => command === 'mosquitto' && line.includes('dx-mosquitto-') && brokerPort(line) === port,
  )[0];
}

function brokerPort(commandLine: string): number | undefined {
  const config = /-c (\S+)/.exec(commandLine)?.[1];
  if (config === undefined) return undefined;
  try {
    return Number(/^listener (\d+)/m.exec(readFileSync(config, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

/** The gateway's group commits so far (dx_store_commit_events on its /metrics): how many, and their events. */
async function commits(gatewayUrl: string): Promise<{ count: number; events: number }> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { count: read('dx_store_commit_events_count'), events: read('dx_store_commit_events_sum') };
}

/** Each process's CPU per message of the section, in µs, largest first. */
function perMessage(spent: CpuSeconds, messages: number): string {
  return Object.entries(spent)
    .sort(([, a], [, b]) => b - a)
    .map(([name, seconds]) => `${name} ${Math.round((seconds * 1e6) / messages)} µs`)
    .join(', ');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * The MQTT bridge as a process under faults: killed with SIGKILL in the middle of a stream, and the
 * broker restarted under it. Whatever the plant published at QoS 1 is in the store exactly once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type MqttClient } from 'mqtt';
import { storedEvents } from '../support/edge-fixtures.js';
import { killEdges, spawnEdge, waitForEdge, type EdgeProcess } from '../support/edge-process.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';
import { startTestMosquitto, type TestMosquitto } from '../support/test-mosquitto.js';
import { waitFor } from '../support/wait-for.js';

const MAPPING = `
edge: fault-bridge
producer: scada
inbound:
  - topic: plant/+/pump/+
    contract: scada.pump-telemetry
    version: 1.0.0
    key: /levels/3
    fields:
      equipment: /levels/3
      flow: /payload/flow
      dischargePressure: { value: 0.45 }
      speed: /payload/seq
      power: { value: 4.6 }
      vibration: { value: 2.1 }
      quality: { value: good }
      sourceTimestamp: /payload/ts
`;

let hub: TestHub;
let broker: TestMosquitto;
let mappingFile: string;
let stateDir: string;

beforeAll(async () => {
  hub = await startTestHub();
  broker = await startTestMosquitto();
  const dir = mkdtempSync(path.join(tmpdir(), 'dx-fault-'));
  mappingFile = path.join(dir, 'mapping.yaml');
  stateDir = path.join(dir, 'state');
  writeFileSync(mappingFile, MAPPING);
}, 60_000);

afterAll(async () => {
  killEdges();
  await broker?.remove();
  await hub?.stop();
});

async function startBridge(): Promise<EdgeProcess> {
  const bridge = await spawnEdge('mqtt', ['--mapping', mappingFile], {
    NATS_URL: hub.bus.url,
    MQTT_URL: broker.url,
    DX_EDGE_STATE_DIR: stateDir,
  });
  await waitForEdge(bridge, (health) => health.subscribed === true);
  return bridge;
}

async function plant(): Promise<MqttClient> {
  const client = connect(broker.url, {
    clientId: 'fault-plant',
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 200,
  });
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  return client;
}

/** Publishes readings seq from..to-1 of pump `pump` at QoS 1 without waiting between them. */
function publishReadings(client: MqttClient, pump: string, from: number, to: number): Promise<unknown> {
  const sends: Promise<unknown>[] = [];
  for (let seq = from; seq < to; seq++) {
    const ts = new Date(Date.UTC(2026, 10, 22, 8, 0, 0, seq)).toISOString();
    sends.push(
      client.publishAsync(`plant/m/pump/${pump}`, JSON.stringify({ seq, flow: 50 + (seq % 10), ts }), {
        qos: 1,
      }),
    );
  }
  return Promise.all(sends);
}

async function readings(pump: string) {
  return (await storedEvents(hub.database.db, 'scada.pump-telemetry')).filter((e) => e.key === pump);
}

function expectEachOnce(events: { data: Record<string, unknown> }[], count: number) {
  const seqs = events.map((e) => e.data.speed as number);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(seqs.length).toBe(count);
}

describe('the MQTT bridge under faults', () => {
  it('loses nothing and stores nothing twice when it is killed with SIGKILL mid-stream', async () => {
    const COUNT = 3000;
    let bridge = await startBridge();
    const client = await plant();
    const published = publishReadings(client, 'P201', 0, COUNT);
    await waitFor(
      'a third of the stream stored',
      async () => (await readings('P201')).length >= COUNT / 3 || undefined,
      60_000,
    );
    bridge.child.kill('SIGKILL');
    await bridge.exited;
    await published;
    bridge = await startBridge();
    const stored = await waitFor(
      'the whole stream stored',
      async () => {
        const events = await readings('P201');
        return events.length >= COUNT ? events : undefined;
      },
      90_000,
      200,
    );
    await new Promise((r) => setTimeout(r, 500));
    expectEachOnce(await readings('P201'), COUNT);
    expect(stored.map((e) => e.streamPosition)).toEqual(stored.map((_, i) => i + 1));
    await client.endAsync();
    bridge.child.kill('SIGTERM');
    expect((await bridge.exited).code).toBe(0);
  }, 180_000);

  it('survives a broker restart: reconnects, resubscribes and loses nothing', async () => {
    const bridge = await startBridge();
    const client = await plant();
    await publishReadings(client, 'P202', 0, 500);
    await waitFor(
      'the first half stored',
      async () => (await readings('P202')).length >= 500 || undefined,
      60_000,
    );
    await broker.stop();
    // The plant keeps publishing while the broker is down: mqtt.js queues, and sends once it is back.
    const later = publishReadings(client, 'P202', 500, 1000);
    await new Promise((r) => setTimeout(r, 500));
    await broker.restart();
    await later;
    await waitFor(
      'the second half stored',
      async () => (await readings('P202')).length >= 1000 || undefined,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    expectEachOnce(await readings('P202'), 1000);
    await client.endAsync();
    bridge.child.kill('SIGTERM');
    expect((await bridge.exited).code).toBe(0);
  }, 180_000);
});

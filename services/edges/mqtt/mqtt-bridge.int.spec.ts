import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type MqttClient } from 'mqtt';
import { connect as connectNats } from '@nats-io/transport-node';
import { DxClient } from '../../client/index.js';
import { HEADERS, SUBJECTS } from '../../common/nats/subjects.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import {
  mosquittoPub,
  startTestMosquitto,
  type TestMosquitto,
} from '../../../test/support/test-mosquitto.js';
import { waitFor } from '../../../test/support/wait-for.js';
import { edgeSettings, silentLogger, storedEvents } from '../../../test/support/edge-fixtures.js';
import { registerConsumer } from '../../../test/support/seed-registry.js';
import { EdgeMetrics } from '../shared/edge-metrics.js';
import { parseMapping } from '../shared/load-mapping.js';
import { startMqttBridge, type MqttBridge } from './mqtt-bridge.js';
import { checkMqttMapping, MQTT_MAPPING_SCHEMA, type MqttMapping } from './mqtt-mapping.js';

let hub: TestHub;
let broker: TestMosquitto;
let bridge: MqttBridge;
let twin: DxClient;
const metrics = new EdgeMetrics('mqtt');

const MAPPING = `
edge: test-bridge
producer: scada
inbound:
  - topic: plant/+/pump/+
    contract: scada.pump-telemetry
    version: 1.0.0
    key: /levels/3
    fields:
      equipment: /levels/3
      flow: /payload/flow
      dischargePressure: /payload/p
      speed: /payload/speed
      power: /payload/power
      vibration: /payload/vibration
      quality: { value: good }
      sourceTimestamp: /payload/ts
  - topic: plant/+/alarm/+
    contract: scada.alarms
    version: 1.0.0
outbound:
  - contract: scada.setpoints
    major: 1
    topic: plant/setpoints/{/equipment}/{/tag}
`;

function pump(equipment: string, flow: number, ts: string) {
  return JSON.stringify({ flow, p: 0.45, speed: 2950, power: 4.6, vibration: 2.1, ts });
}

beforeAll(async () => {
  hub = await startTestHub();
  broker = await startTestMosquitto();
  await registerConsumer(hub.database.db, 'scada.setpoints', 'scada', [1]);
  twin = await DxClient.connect({ nats: hub.bus.url, producer: 'twin' });
  // A setpoint decided before the bridge started: it is written once the bridge has caught up.
  await twin.publish('scada.setpoints', setpoint('P101', 'SIC-101', 2800), { version: '1.0.0' });
  const mapping = parseMapping<MqttMapping>(MAPPING, 'test.yaml', MQTT_MAPPING_SCHEMA, checkMqttMapping);
  bridge = await startMqttBridge(mapping, edgeSettings(hub.bus.url, broker.url), silentLogger, metrics);
  await bridge.ready;
}, 60_000);

afterAll(async () => {
  await bridge?.close();
  await twin?.close();
  await broker?.remove();
  await hub?.stop();
});

function setpoint(equipment: string, tag: string, speed: number) {
  return { equipment, tag, speed, requestedBy: 'twin.test', requestedAt: new Date().toISOString() };
}

describe('the MQTT bridge, plant to hub', () => {
  it('stores a plant message under the contract its topic maps to, with key and fields from topic and payload', async () => {
    mosquittoPub(broker.port, 'plant/methanol/pump/P101', [
      '-q',
      '1',
      '-m',
      pump('P101', 62.5, '2026-11-22T08:00:00.000Z'),
    ]);
    const [event] = await waitFor('the pump reading in the store', async () => {
      const events = await storedEvents(hub.database.db, 'scada.pump-telemetry');
      return events.length > 0 ? events : undefined;
    });
    expect(event).toMatchObject({
      key: 'P101',
      producer: 'scada',
      version: '1.0.0',
      data: {
        equipment: 'P101',
        flow: 62.5,
        dischargePressure: 0.45,
        quality: 'good',
        sourceTimestamp: '2026-11-22T08:00:00.000Z',
      },
    });
    expect(event!.msgId).toMatch(/^test-bridge:/);
  });

  it('stores a message the broker delivers twice only once (the message id comes from the message)', async () => {
    const body = pump('P102', 40, '2026-11-22T08:00:01.000Z');
    mosquittoPub(broker.port, 'plant/methanol/pump/P102', ['-q', '1', '-m', body]);
    mosquittoPub(broker.port, 'plant/methanol/pump/P102', ['-q', '1', '-m', body]);
    mosquittoPub(broker.port, 'plant/methanol/pump/P102', [
      '-q',
      '1',
      '-m',
      pump('P102', 41, '2026-11-22T08:00:02.000Z'),
    ]);
    const events = await waitFor('both readings of P102', async () => {
      const all = (await storedEvents(hub.database.db, 'scada.pump-telemetry')).filter(
        (e) => e.key === 'P102',
      );
      return all.length >= 2 ? all : undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    const again = (await storedEvents(hub.database.db, 'scada.pump-telemetry')).filter(
      (e) => e.key === 'P102',
    );
    expect(again.map((e) => e.data.flow)).toEqual([40, 41]);
    expect(events[0]!.streamPosition).toBe(1);
  });

  it('records a payload that is not JSON as a refusal with its topic and raw bytes, and keeps running', async () => {
    const binary = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7b]);
    mosquittoPub(broker.port, 'plant/methanol/pump/P103', ['-q', '1', '-s'], binary);
    mosquittoPub(broker.port, 'plant/methanol/pump/P103', ['-q', '1', '-m', 'flow=62.5']);
    mosquittoPub(broker.port, 'plant/methanol/pump/P103', [
      '-q',
      '1',
      '-m',
      pump('P103', 50, '2026-11-22T08:00:03.000Z'),
    ]);
    const refusals = await waitFor('two refusals', async () => {
      const all = await storedEvents(hub.database.db, 'scada.edge-refusals');
      const mine = all.filter((e) => e.data.source === 'plant/methanol/pump/P103');
      return mine.length >= 2 ? mine : undefined;
    });
    expect(refusals[0]!.data).toMatchObject({
      edge: 'test-bridge',
      adapter: 'mqtt',
      reason: 'PAYLOAD_NOT_JSON',
      payloadBase64: binary.toString('base64'),
      payloadBytes: 5,
      truncated: false,
    });
    expect(refusals[0]!.data.payloadText).toBeUndefined();
    expect(refusals[1]!.data).toMatchObject({ reason: 'PAYLOAD_NOT_JSON', payloadText: 'flow=62.5' });
    await waitFor('the good reading after them', async () =>
      (await storedEvents(hub.database.db, 'scada.pump-telemetry')).find((e) => e.key === 'P103'),
    );
    expect(await metrics.total('dx_edge_refusals_total', { reason: 'PAYLOAD_NOT_JSON' })).toBe(2);
  });

  it('records a message the hub refuses with the hub’s reasons, the topic and the raw payload', async () => {
    const bad = JSON.stringify({
      flow: 'lots',
      p: 0.45,
      speed: 2950,
      power: 4.6,
      vibration: 2.1,
      ts: '2026-11-22T08:00:04.000Z',
    });
    mosquittoPub(broker.port, 'plant/methanol/pump/P104', ['-q', '1', '-m', bad]);
    const refusal = await waitFor('the hub refusal', async () =>
      (await storedEvents(hub.database.db, 'scada.edge-refusals')).find(
        (e) => e.data.source === 'plant/methanol/pump/P104',
      ),
    );
    expect(refusal.data).toMatchObject({ reason: 'HUB_REFUSED', payloadText: bad });
    const details = refusal.data.details as { code: string; hub: { issues: { pointer: string }[] } };
    expect(details.code).toBe('PAYLOAD_INVALID');
    expect(details.hub.issues.map((i) => i.pointer)).toContain('/flow');
  });

  it('sends many plant messages in one hub request, each under its own message id, so one sent again in another batch is stored once', async () => {
    // A second listener on the publish subject sees every request the bridge makes (the gateways answer).
    const spy = await connectNats({ servers: hub.bus.url });
    const requests: { items: number; msgIds: string[] }[] = [];
    const sub = spy.subscribe(SUBJECTS.publish('scada.pump-telemetry'), {
      callback: (_, msg) => {
        const body = msg.json<unknown>();
        const ids = msg.headers?.get(HEADERS.msgIds);
        requests.push({
          items: Array.isArray(body) ? body.length : 1,
          msgIds: ids ? (JSON.parse(ids) as string[]) : [msg.headers!.get(HEADERS.msgId)],
        });
      },
    });
    await spy.flush();
    const plant = connect(broker.url, { clientId: 'batch-plant' });
    const pumps = Array.from({ length: 300 }, (_, i) => `P${500 + (i % 100)}`);
    await Promise.all(
      pumps.map((p, i) =>
        plant.publishAsync(
          `plant/methanol/pump/${p}`,
          pump(
            p,
            50 + (i % 10),
            `2026-11-22T09:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`,
          ),
          { qos: 1 },
        ),
      ),
    );
    await plant.endAsync();
    const ours = async () =>
      (await storedEvents(hub.database.db, 'scada.pump-telemetry')).filter((e) => pumps.includes(e.key));
    const stored = await waitFor('all 300 readings', async () => {
      const events = await ours();
      return events.length >= 300 ? events : undefined;
    });
    sub.unsubscribe();
    await spy.close();
    const batches = requests.filter((r) => r.items > 1);
    expect(batches.length).toBeGreaterThan(0);
    expect(requests.length).toBeLessThan(300);
    for (const batch of batches) expect(batch.msgIds).toHaveLength(batch.items);
    // Each item is stored under the id the bridge derived from its MQTT message, whatever its batch.
    expect(new Set(stored.map((e) => e.msgId))).toEqual(new Set(requests.flatMap((r) => r.msgIds)));

    // One of them again, in a batch of another cut: a duplicate; the new one beside it is stored.
    const again = stored[0]!;
    const item = (key: string, msgId: string, data: object) => ({
      payload: data,
      msgId,
      key,
      refusal: { source: 'test' },
    });
    const outcomes = await bridge.hub.publishBatch('scada.pump-telemetry', '1.0.0', [
      item(again.key, again.msgId, again.data),
      item('P699', 'test-bridge:new-one', { ...again.data, equipment: 'P699' }),
    ]);
    expect(outcomes).toEqual(['duplicate', 'stored']);
    expect(await ours()).toHaveLength(300);
  });
});

describe('the MQTT bridge, hub to plant', () => {
  let peer: MqttClient;
  const received: { topic: string; body: Record<string, unknown>; position?: string }[] = [];

  beforeAll(async () => {
    peer = connect(broker.url, { protocolVersion: 5, clientId: 'test-plant', clean: true });
    peer.on('message', (topic, payload, packet) => {
      const position = packet.properties?.userProperties?.['dx-position'];
      received.push({
        topic,
        body: JSON.parse(payload.toString()),
        position: position as string | undefined,
      });
    });
    await peer.subscribeAsync('plant/setpoints/#', { qos: 1 });
  });

  afterAll(async () => {
    await peer?.endAsync();
  });

  it('wrote the setpoint decided before it started, once it had caught up', async () => {
    // The bridge wrote it at start, before this peer subscribed: its own outbound checkpoint shows it.
    expect(await metrics.total('dx_edge_written_total')).toBeGreaterThanOrEqual(1);
  });

  it('writes the twin’s setpoints to the plant topics in order, with the hub position as a user property', async () => {
    for (const speed of [2900, 2910, 2920])
      await twin.publish('scada.setpoints', setpoint('P101', 'SIC-101', speed), { version: '1.0.0' });
    await waitFor('three setpoints on the plant topic', () => received.length >= 3 || undefined);
    expect(received.map((r) => r.topic)).toEqual(Array(3).fill('plant/setpoints/P101/SIC-101'));
    expect(received.map((r) => r.body.speed)).toEqual([2900, 2910, 2920]);
    expect(Number(received[2]!.position)).toBeGreaterThan(Number(received[0]!.position));
  });
});

describe('the MQTT mapping', () => {
  it('lists every problem of a mapping at once', () => {
    const bad = `
edge: bad bridge
producer: scada
mqtt: { protocolVersion: 4, sharedGroup: g }
inbound:
  - topic: plant/#/x
    contract: Scada
    version: 1.0
    fields: { flow: { jsonata: "(((" }, speed: nopointer }
`;
    let error: unknown;
    try {
      parseMapping(bad, 'bad.yaml', MQTT_MAPPING_SCHEMA, checkMqttMapping);
    } catch (e) {
      error = e;
    }
    const problems = (error as { details: { problems: { pointer: string }[] } }).details.problems;
    expect(problems.map((p) => p.pointer)).toEqual(
      expect.arrayContaining([
        '/edge',
        '/inbound/0/contract',
        '/inbound/0/version',
        '/inbound/0/fields/speed',
      ]),
    );
  });

  it('checks topic filters and expressions once the shape is right', () => {
    const bad = `
edge: b
producer: scada
mqtt: { protocolVersion: 4, sharedGroup: g }
inbound:
  - topic: plant/#/x
    contract: scada.pump-telemetry
    version: 1.0.0
    fields: { flow: { jsonata: "(((" } }
`;
    expect(() => parseMapping(bad, 'bad.yaml', MQTT_MAPPING_SCHEMA, checkMqttMapping)).toThrow(
      /\/mqtt\/sharedGroup shared subscriptions need MQTT 5.*\/inbound\/0\/topic # must be.*\/inbound\/0\/fields\/flow\/jsonata does not compile/,
    );
  });
});

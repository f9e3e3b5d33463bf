import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'mqtt';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import {
  mosquittoPub,
  startTestMosquitto,
  type TestMosquitto,
} from '../../../test/support/test-mosquitto.js';
import { waitFor } from '../../../test/support/wait-for.js';
import { edgeSettings, silentLogger, storedEvents } from '../../../test/support/edge-fixtures.js';
import { EdgeMetrics } from '../shared/edge-metrics.js';
import { parseMapping } from '../shared/load-mapping.js';
import { startMqttBridge, type MqttBridge } from './mqtt-bridge.js';
import { checkMqttMapping, MQTT_MAPPING_SCHEMA, type MqttMapping } from './mqtt-mapping.js';

const mapping = (mqtt: string) =>
  parseMapping<MqttMapping>(
    `
edge: variant-bridge
producer: scada
mqtt: ${mqtt}
inbound:
  - topic: plant/+/alarm/+
    contract: scada.alarms
    version: 1.0.0
`,
    'variant.yaml',
    MQTT_MAPPING_SCHEMA,
    checkMqttMapping,
  );

const alarm = (id: string) =>
  JSON.stringify({
    alarmId: id,
    equipment: 'P101',
    tag: 'PI-101',
    kind: 'low-flow',
    severity: 'low',
    state: 'active',
    message: `alarm ${id}`,
    occurredAt: '2026-11-22T08:00:00.000Z',
  });

let hub: TestHub;
let broker: TestMosquitto;
const bridges: MqttBridge[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  broker = await startTestMosquitto();
}, 60_000);

afterAll(async () => {
  for (const bridge of bridges) await bridge.close();
  await broker?.remove();
  await hub?.stop();
});

const alarms = () => storedEvents(hub.database.db, 'scada.alarms');

describe('the MQTT bridge on MQTT 3.1.1 and as replicas', () => {
  it('speaks MQTT 3.1.1 with a persistent session', async () => {
    const bridge = await startMqttBridge(
      mapping('{ protocolVersion: 4, clientId: dx-v311 }'),
      edgeSettings(hub.bus.url, broker.url),
      silentLogger,
      new EdgeMetrics('mqtt'),
    );
    bridges.push(bridge);
    await bridge.ready;
    mosquittoPub(broker.port, 'plant/m/alarm/P101', ['-q', '1', '-V', 'mqttv311', '-m', alarm('A-311')]);
    await waitFor('the alarm through MQTT 3.1.1', async () =>
      (await alarms()).find((e) => e.data.alarmId === 'A-311'),
    );
    await bridge.close();
    bridges.pop();
  });

  it('shares the load between replicas through an MQTT 5 shared subscription, each message stored once', async () => {
    const metrics = [new EdgeMetrics('mqtt'), new EdgeMetrics('mqtt')];
    for (const [i, replica] of ['a', 'b'].entries()) {
      const bridge = await startMqttBridge(
        mapping('{ protocolVersion: 5, sharedGroup: dx-bridges }'),
        edgeSettings(hub.bus.url, broker.url),
        silentLogger,
        metrics[i]!,
        replica,
      );
      bridges.push(bridge);
      await bridge.ready;
    }
    const plant = connect(broker.url, { clientId: 'replica-plant', protocolVersion: 5 });
    await new Promise<void>((resolve) => plant.once('connect', () => resolve()));
    const COUNT = 200;
    await Promise.all(
      Array.from({ length: COUNT }, (_, i) =>
        plant.publishAsync(`plant/m/alarm/P101`, alarm(`S-${i}`), { qos: 1 }),
      ),
    );
    await plant.endAsync();
    const stored = await waitFor('every shared message', async () => {
      const all = (await alarms()).filter((e) => String(e.data.alarmId).startsWith('S-'));
      return all.length >= COUNT ? all : undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(new Set(stored.map((e) => e.data.alarmId)).size).toBe(COUNT);
    expect((await alarms()).filter((e) => String(e.data.alarmId).startsWith('S-')).length).toBe(COUNT);
    const taken = await Promise.all(metrics.map((m) => m.total('dx_edge_messages_total')));
    expect(taken[0]).toBeGreaterThan(0);
    expect(taken[1]).toBeGreaterThan(0);
    expect(taken[0]! + taken[1]!).toBe(COUNT);
  });
});

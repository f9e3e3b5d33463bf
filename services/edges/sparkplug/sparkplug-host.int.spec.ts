import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type MqttClient } from 'mqtt';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import {
  startTestMosquitto,
  mosquittoPub,
  type TestMosquitto,
} from '../../../test/support/test-mosquitto.js';
import { waitFor } from '../../../test/support/wait-for.js';
import { edgeSettings, silentLogger, storedEvents } from '../../../test/support/edge-fixtures.js';
import { EdgeMetrics } from '../shared/edge-metrics.js';
import { parseMapping } from '../shared/load-mapping.js';
import { decodeSparkplug, encodeSparkplug } from './sparkplug-codec.js';
import { startSparkplugHost, type SparkplugHost } from './sparkplug-host.js';
import {
  checkSparkplugMapping,
  SPARKPLUG_MAPPING_SCHEMA,
  type SparkplugMapping,
} from './sparkplug-mapping.js';

const MAPPING = `
edge: test-host
producer: scada
hostId: test-host
groups: [ammonia]
rebirthIntervalMs: 0
routes:
  - device: R*
    contract: scada.reactor-telemetry
    version: 1.1.0
    key: /device
    fields:
      equipment: /device
      tag: { value: TI-201 }
      temperature: /metrics/Temperature
      pressure: /metrics/Pressure
      flowRate: /metrics/FeedFlow
      quality: /quality
      sourceTimestamp: /timestamp
`;

let hub: TestHub;
let broker: TestMosquitto;
let host: SparkplugHost;
let node: MqttClient;
const commands: { topic: string; rebirth: unknown }[] = [];
const metrics = new EdgeMetrics('sparkplug');
let seq = 0;

function send(type: string, payload: object, device?: string) {
  const topic = `spBv1.0/ammonia/${type}/unit-5${device ? `/${device}` : ''}`;
  return node.publishAsync(topic, encodeSparkplug({ timestamp: Date.now(), ...payload }), { qos: 0 });
}

const reactor = () =>
  storedEvents(hub.database.db, 'scada.reactor-telemetry').then((events) =>
    events.filter((e) => e.key === 'R201'),
  );
const states = () => storedEvents(hub.database.db, 'scada.device-state');
const refusals = () => storedEvents(hub.database.db, 'scada.edge-refusals');

beforeAll(async () => {
  hub = await startTestHub();
  broker = await startTestMosquitto();
  const mapping = parseMapping<SparkplugMapping>(
    MAPPING,
    'test.yaml',
    SPARKPLUG_MAPPING_SCHEMA,
    checkSparkplugMapping,
  );
  host = await startSparkplugHost(mapping, edgeSettings(hub.bus.url, broker.url), silentLogger, metrics);
  await host.ready;
  node = connect(broker.url, {
    clientId: 'unit-5',
    will: {
      topic: 'spBv1.0/ammonia/NDEATH/unit-5',
      payload: encodeSparkplug({ metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }),
      qos: 0,
      retain: false,
    },
  });
  node.on('message', (topic, payload) => {
    const metric = decodeSparkplug(payload).metrics.find((m) => m.name === 'Node Control/Rebirth');
    commands.push({ topic, rebirth: metric?.value });
  });
  await node.subscribeAsync('spBv1.0/ammonia/NCMD/#', { qos: 0 });
}, 60_000);

afterAll(async () => {
  await node?.endAsync(true);
  await host?.close();
  await broker?.remove();
  await hub?.stop();
});

describe('the Sparkplug B host application', () => {
  it('publishes its STATE online, retained', async () => {
    const peer = connect(broker.url, { clientId: 'state-reader' });
    const state = await new Promise<string>((resolve) => {
      peer.on('message', (_, payload) => resolve(payload.toString()));
      void peer.subscribeAsync('spBv1.0/STATE/test-host', { qos: 1 });
    });
    await peer.endAsync();
    expect(JSON.parse(state)).toMatchObject({ online: true });
  });

  it('reads births: device metrics by name and alias, online state as contracted data, first values stored', async () => {
    seq = 0;
    await send('NBIRTH', {
      seq: seq,
      metrics: [
        { name: 'bdSeq', type: 'UInt64', value: 0 },
        { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
      ],
    });
    await send(
      'DBIRTH',
      {
        seq: ++seq,
        metrics: [
          { name: 'Temperature', alias: 1, type: 'Double', value: 452.5 },
          { name: 'Pressure', alias: 2, type: 'Double', value: 22.1 },
          { name: 'FeedFlow', alias: 3, type: 'Double', value: 610 },
        ],
      },
      'R201',
    );
    const [first] = await waitFor('the birth values stored', async () =>
      (await reactor()).length > 0 ? reactor() : undefined,
    );
    expect(first!.data).toMatchObject({
      equipment: 'R201',
      temperature: 452.5,
      pressure: 22.1,
      flowRate: 610,
      quality: 'good',
    });
    const online = await waitFor('the node and device births', async () => {
      const all = await states();
      return all.length >= 2 ? all : undefined;
    });
    expect(online.map((s) => [s.key, s.data.online, s.data.reason])).toEqual([
      ['spb:ammonia:unit-5', true, 'birth'],
      ['spb:ammonia:unit-5:R201', true, 'birth'],
    ]);
  });

  it('maps DDATA by alias to a complete message with the device’s other latest values', async () => {
    await send('DDATA', { seq: ++seq, metrics: [{ alias: 1, type: 'Double', value: 460.25 }] }, 'R201');
    const events = await waitFor('the data stored', async () => {
      const all = await reactor();
      return all.length >= 2 ? all : undefined;
    });
    expect(events[1]!.data).toMatchObject({ temperature: 460.25, pressure: 22.1, flowRate: 610 });
  });

  it('asks for a rebirth (NCMD Node Control/Rebirth) on a sequence gap', async () => {
    seq += 3;
    await send('DDATA', { seq: ++seq, metrics: [{ alias: 2, type: 'Double', value: 23 }] }, 'R201');
    await waitFor('a rebirth request', () => commands.length > 0 || undefined);
    expect(commands[0]).toEqual({ topic: 'spBv1.0/ammonia/NCMD/unit-5', rebirth: true });
    expect(await metrics.total('dx_edge_gaps_total')).toBe(1);
    await waitFor('the rebirth request in the device state', async () =>
      (await states()).find((s) => s.data.reason === 'rebirth-requested'),
    );
  });

  it('refuses data with an alias no birth defined, records it and asks for a rebirth', async () => {
    const before = commands.length;
    await send('DDATA', { seq: ++seq, metrics: [{ alias: 99, type: 'Double', value: 1 }] }, 'R201');
    const refusal = await waitFor('the refusal', async () =>
      (await refusals()).find((r) => r.data.reason === 'UNKNOWN_ALIAS'),
    );
    expect(refusal.data).toMatchObject({ adapter: 'sparkplug', source: 'spBv1.0/ammonia/DDATA/unit-5/R201' });
    await waitFor('another rebirth request', () => commands.length > before || undefined);
  });

  it('records an undecodable payload with its raw bytes in base64 and keeps going', async () => {
    const garbage = Buffer.from([0xff, 0xff, 0xff, 0x07, 0x00]);
    mosquittoPub(broker.port, 'spBv1.0/ammonia/DDATA/unit-5/R201', ['-s'], garbage);
    const refusal = await waitFor('the refusal', async () =>
      (await refusals()).find((r) => r.data.reason === 'UNDECODABLE'),
    );
    expect(refusal.data.payloadBase64).toBe(garbage.toString('base64'));
  });

  it('refuses data from a node it has no birth of, and asks that node for one', async () => {
    const before = commands.length;
    await node.publishAsync('spBv1.0/ammonia/DDATA/unit-9/R209', encodeSparkplug({ seq: 4, metrics: [] }), {
      qos: 0,
    });
    await waitFor('the NOT_BORN refusal', async () =>
      (await refusals()).find((r) => r.data.reason === 'NOT_BORN'),
    );
    await waitFor('a rebirth request to unit-9', () =>
      commands.slice(before).find((c) => c.topic === 'spBv1.0/ammonia/NCMD/unit-9'),
    );
  });

  it('honours NDEATH: the node and its devices go offline', async () => {
    await send('NDEATH', { metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] });
    const offline = await waitFor('the deaths', async () => {
      const all = (await states()).filter((s) => s.data.online === false);
      return all.length >= 2 ? all : undefined;
    });
    expect(offline.map((s) => [s.key, s.data.reason])).toEqual([
      ['spb:ammonia:unit-5', 'death'],
      ['spb:ammonia:unit-5:R201', 'node-death'],
    ]);
  });
});

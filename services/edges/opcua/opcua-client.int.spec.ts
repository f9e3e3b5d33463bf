import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StatusCodes } from 'node-opcua-client';
import { DxClient } from '../../client/index.js';
import { freePort } from '../../../test/support/free-port.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { waitFor } from '../../../test/support/wait-for.js';
import {
  edgeSettings,
  silentLogger,
  storedEvents,
  type StoredEvent,
} from '../../../test/support/edge-fixtures.js';
import { registerConsumer } from '../../../test/support/seed-registry.js';
import { EdgeMetrics } from '../shared/edge-metrics.js';
import { parseMapping } from '../shared/load-mapping.js';
import { PlantOpcuaServer, type PlantNode } from '../simulators/plant/plant-opcua-server.js';
import { startOpcuaClient, type OpcuaEdge } from './opcua-client-edge.js';
import { checkOpcuaMapping, OPCUA_MAPPING_SCHEMA, type OpcuaMapping } from './opcua-mapping.js';

const NODES: PlantNode[] = [
  { id: 'Reactor.R101.Temperature.PV', initial: 250 },
  { id: 'Reactor.R101.Pressure.PV', initial: 7.8 },
  { id: 'Reactor.R101.Flow.PV', initial: 420 },
  { id: 'Reactor.R101.Temperature.SV', initial: 250, writable: true },
];

const mappingText = (endpoint: string, security = '') => `
edge: test-opcua${security ? '-secure' : ''}
producer: scada
endpoint: ${endpoint}
${security}
subscription: { publishingIntervalMs: 100, samplingIntervalMs: 50 }
equipment:
  - contract: scada.reactor-telemetry
    version: 1.1.0
    key: R101
    fields:
      equipment: { value: R101 }
      tag: { value: TI-101 }
      temperature: { node: "ns=1;s=Reactor.R101.Temperature.PV" }
      pressure: { node: "ns=1;s=Reactor.R101.Pressure.PV" }
      flowRate: { node: "ns=1;s=Reactor.R101.Flow.PV" }
      quality: /quality
      sourceTimestamp: /sourceTimestamp
setpoints:
  - contract: scada.setpoints
    major: 1
    match: { tag: TIC-101 }
    write: { temperature: "ns=1;s=Reactor.R101.Temperature.SV" }
`;

let hub: TestHub;
let plant: PlantOpcuaServer;
let edge: OpcuaEdge;
let twin: DxClient;
let port: number;
let serverPki: string;
const metrics = new EdgeMetrics('opcua');

/** The test plant answers a setpoint: its temperature goes to the new setpoint at once. */
function startPlant(): Promise<PlantOpcuaServer> {
  return PlantOpcuaServer.start({
    port,
    nodes: NODES,
    pkiDir: serverPki,
    onWrite: (id, value) => {
      if (id === 'Reactor.R101.Temperature.SV')
        setImmediate(() => plant.set('Reactor.R101.Temperature.PV', value));
    },
  });
}

const reactor = () => storedEvents(hub.database.db, 'scada.reactor-telemetry');

async function eventWhere(
  what: string,
  test: (e: StoredEvent) => boolean,
  within = 20_000,
): Promise<StoredEvent> {
  return waitFor(what, async () => (await reactor()).find(test), within);
}

beforeAll(async () => {
  hub = await startTestHub();
  await registerConsumer(hub.database.db, 'scada.setpoints', 'scada', [1]);
  port = await freePort();
  serverPki = mkdtempSync(path.join(tmpdir(), 'dx-plant-pki-'));
  plant = await startPlant();
  const mapping = parseMapping<OpcuaMapping>(
    mappingText(plant.endpoint),
    'test.yaml',
    OPCUA_MAPPING_SCHEMA,
    checkOpcuaMapping,
  );
  edge = await startOpcuaClient(mapping, edgeSettings(hub.bus.url, 'mqtt://unused'), silentLogger, metrics);
  await edge.ready;
  twin = await DxClient.connect({ nats: hub.bus.url, producer: 'twin' });
}, 60_000);

afterAll(async () => {
  await twin?.close();
  await edge?.close();
  await plant?.stop();
  await hub?.stop();
});

describe('the OPC UA client edge', () => {
  it('assembles the values of one equipment in one publish into one message, with SourceTimestamp', async () => {
    await eventWhere('the first complete message', (e) => e.data.temperature === 250);
    const before = (await reactor()).length;
    const at = new Date('2026-11-22T08:00:00.000Z');
    plant.set('Reactor.R101.Temperature.PV', 255.5, StatusCodes.Good, at);
    plant.set('Reactor.R101.Pressure.PV', 7.9, StatusCodes.Good, at);
    plant.set('Reactor.R101.Flow.PV', 430, StatusCodes.Good, at);
    const event = await eventWhere('the new values', (e) => e.data.flowRate === 430);
    expect(event.data).toEqual({
      equipment: 'R101',
      tag: 'TI-101',
      temperature: 255.5,
      pressure: 7.9,
      flowRate: 430,
      quality: 'good',
      sourceTimestamp: '2026-11-22T08:00:00.000Z',
    });
    expect((await reactor()).length).toBe(before + 1);
  });

  it('maps a Bad StatusCode to quality bad, keeping the last value', async () => {
    plant.set('Reactor.R101.Pressure.PV', 7.9, StatusCodes.BadSensorFailure);
    const event = await eventWhere('a bad reading', (e) => e.data.quality === 'bad');
    expect(event.data.pressure).toBe(7.9);
    plant.set('Reactor.R101.Pressure.PV', 7.95, StatusCodes.Good);
    await eventWhere('good again', (e) => e.data.pressure === 7.95 && e.data.quality === 'good');
  });

  it('writes the twin’s setpoint to the SV node, and the plant’s answer comes back as telemetry', async () => {
    await twin.publish(
      'scada.setpoints',
      {
        equipment: 'R101',
        tag: 'TIC-101',
        temperature: 241.5,
        requestedBy: 'twin.test',
        requestedAt: new Date().toISOString(),
      },
      { version: '1.0.0' },
    );
    await waitFor(
      'the SV node written',
      () => plant.get('Reactor.R101.Temperature.SV') === 241.5 || undefined,
    );
    await eventWhere('the temperature following the setpoint', (e) => e.data.temperature === 241.5);
  });

  it('recovers from a server restart, notes the gap, and the values flow again', async () => {
    await plant.stop();
    await waitFor('the lost session noted', async () =>
      (await storedEvents(hub.database.db, 'scada.device-state')).find(
        (s) => s.data.reason === 'session-lost',
      ),
    );
    plant = await startPlant();
    const restored = await waitFor(
      'the restored session noted with its gap',
      async () =>
        (await storedEvents(hub.database.db, 'scada.device-state')).find(
          (s) => s.data.reason === 'session-restored',
        ),
      60_000,
    );
    expect(restored.data.gapSeconds).toBeGreaterThan(0);
    plant.set('Reactor.R101.Flow.PV', 444);
    await eventWhere('values after the restart', (e) => e.data.flowRate === 444, 60_000);
  }, 120_000);

  it('connects with Sign&Encrypt (Basic256Sha256) and certificates', async () => {
    const security = 'security: { mode: SignAndEncrypt, policy: Basic256Sha256, trustUnknownServers: true }';
    const mapping = parseMapping<OpcuaMapping>(
      mappingText(plant.endpoint, security),
      'secure.yaml',
      OPCUA_MAPPING_SCHEMA,
      checkOpcuaMapping,
    );
    mapping.setpoints = [];
    const secure = await startOpcuaClient(
      mapping,
      edgeSettings(hub.bus.url, 'mqtt://unused'),
      silentLogger,
      new EdgeMetrics('opcua'),
    );
    try {
      await secure.ready;
      plant.set('Reactor.R101.Flow.PV', 455);
      const events = await waitFor('the value through both edges', async () => {
        const all = (await reactor()).filter((e) => e.data.flowRate === 455);
        return all.length >= 1 ? all : undefined;
      });
      expect(events.length).toBeGreaterThanOrEqual(1);
      expect(secure.health().opcua).toBe('connected');
    } finally {
      await secure.close();
    }
  }, 60_000);
});

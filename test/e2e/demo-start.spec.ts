/**
 * `npm start` as a newcomer runs it, on private ports, a private Mosquitto and NATS, and a fresh
 * database: the whole demo comes up by itself, the plant's three protocols reach the hub, the twin loop
 * forecasts, an emergency raises its alarm, a setpoint of the twin reaches the plant and moves its
 * telemetry; Ctrl-C stops it cleanly, and a second start carries on.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'mqtt';
import { sql } from 'kysely';
import { storedEvents } from '../support/edge-fixtures.js';
import { REPO_ROOT } from '../support/run-process.js';
import { startTestMosquitto, type TestMosquitto } from '../support/test-mosquitto.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestNats, type TestNats } from '../support/test-nats.js';
import { waitFor } from '../support/wait-for.js';
import {
  freePort,
  killRunningGateways,
  LAUNCHER_MAIN,
  spawnGateway,
  type GatewayProcess,
} from './gateway-process.js';

let database: TestDatabase;
let bus: TestNats;
let broker: TestMosquitto;
let env: NodeJS.ProcessEnv & { PORT: string };
let demo: GatewayProcess;

const READY = 'dx: Ctrl-C stops everything';

async function startDemo(): Promise<GatewayProcess> {
  const launched = spawnGateway(env, LAUNCHER_MAIN);
  await waitFor(
    'the demo to say it is up',
    () => launched.stdout().includes(READY) || undefined,
    120_000,
    200,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\nstdout: ${launched.stdout()}\nstderr: ${launched.stderr()}`);
  });
  return launched;
}

async function contractsWithEvents(): Promise<Map<string, number>> {
  const rows = await database.db
    .selectFrom('dx.events')
    .select(['contract_id', sql<string>`count(*)`.as('n')])
    .groupBy('contract_id')
    .execute();
  return new Map(rows.map((r) => [r.contract_id, Number(r.n)]));
}

const totalEvents = async () => [...(await contractsWithEvents()).values()].reduce((a, b) => a + b, 0);

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
  broker = await startTestMosquitto();
  const dir = mkdtempSync(path.join(tmpdir(), 'dx-demo-'));
  env = {
    PORT: String(await freePort()),
    REGISTRY_PORT: String(await freePort()),
    SIM_PORT: String(await freePort()),
    CONSOLE_PORT: String(await freePort()),
    DX_PLANT_PORT: String(await freePort()),
    DX_PLANT_OPCUA_PORT: String(await freePort()),
    DX_MQTT_BRIDGE_PORT: String(await freePort()),
    DX_SPARKPLUG_PORT: String(await freePort()),
    DX_OPCUA_CLIENT_PORT: String(await freePort()),
    DATABASE_URL: database.url,
    NATS_URL: bus.url,
    MQTT_URL: broker.url,
    DX_EDGE_STATE_DIR: path.join(dir, 'state'),
    DX_LOG_DIR: path.join(dir, 'logs'),
    DX_PLANT_SENSORS: '100',
    DX_TWIN_SETPOINT_EVERY_MS: '3000',
  };
  demo = await startDemo();
}, 180_000);

afterAll(async () => {
  killRunningGateways();
  await broker?.remove();
  await bus?.stop();
  await database?.drop();
});

describe('npm start: the live demo plant', () => {
  it('prints one line per service with its address, and no JSON logs', () => {
    const out = demo.stdout();
    for (const name of [
      'console',
      'gateway',
      'registry',
      'simulation',
      'assets',
      'plant simulator',
      'mqtt bridge',
      'sparkplug host',
      'opcua client',
      'vr simulator',
      'twin controller',
    ])
      expect(out).toMatch(new RegExp(`^dx: ${name}\\s+\\S`, 'm'));
    expect(out).not.toMatch(/"level":/);
  });

  it('serves the console at the address it prints', async () => {
    const url = /^dx: console\s+(\S+)/m.exec(demo.stdout())?.[1];
    expect(url).toBe(`http://127.0.0.1:${env.CONSOLE_PORT}/console/`);
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('stores events of at least five contracts within 30 s, from all three plant protocols and the twin loop', async () => {
    const contracts = await waitFor(
      'events of five contracts',
      async () => {
        const seen = await contractsWithEvents();
        // What the launcher stores as it starts (registry, assets, scenario library) is not the plant's.
        for (const contract of seen.keys())
          if (contract.startsWith('hub.') || contract === 'sim.scenarios') seen.delete(contract);
        return seen.size >= 5 ? seen : undefined;
      },
      30_000,
      500,
    );
    expect([...contracts.keys()]).toEqual(
      expect.arrayContaining(['scada.pump-telemetry', 'sim.reactor-forecasts']),
    );
    const reactor = await waitFor('R101 over OPC UA and R201 over Sparkplug B', async () => {
      const events = await storedEvents(database.db, 'scada.reactor-telemetry');
      const opcua = events.find((e) => e.key === 'R101' && e.msgId.startsWith('opcua-client:'));
      const sparkplug = events.find((e) => e.key === 'R201' && e.msgId.startsWith('sparkplug-host:'));
      return opcua && sparkplug ? { opcua, sparkplug } : undefined;
    });
    expect(reactor.opcua.data.quality).toMatch(/good|uncertain|bad/);
  }, 60_000);

  it('has MQTT traffic on the broker', async () => {
    const client = connect(broker.url, { clientId: 'demo-watcher' });
    const topics = new Set<string>();
    client.on('message', (topic) => topics.add(topic.split('/').slice(0, 3).join('/')));
    await client.subscribeAsync(['plant/#', 'spBv1.0/#'], { qos: 0 });
    await waitFor('plain JSON and Sparkplug B messages', () =>
      topics.has('plant/methanol/pump') && [...topics].some((t) => t.startsWith('spBv1.0/ammonia'))
        ? true
        : undefined,
    );
    await client.endAsync();
  });

  it('raises the alarm of an injected emergency in the hub, and the VR view shows it', async () => {
    const answer = await fetch(`http://127.0.0.1:${env.DX_PLANT_PORT}/emergencies/superheated-refrigerant`, {
      method: 'POST',
    });
    expect(answer.status).toBe(200);
    const alarm = await waitFor('the alarm in the hub', async () =>
      (await storedEvents(database.db, 'scada.alarms')).find(
        (e) => e.data.kind === 'superheated-refrigerant' && e.data.state === 'active',
      ),
    );
    expect(alarm.key).toBe('E101');
    await waitFor('the VR scene showing it', async () =>
      (await storedEvents(database.db, 'vr.scene-state')).find(
        (e) => e.key === 'E101' && e.data.emergency === 'superheated-refrigerant',
      ),
    );
  }, 60_000);

  it('takes the twin’s setpoint to the plant, whose telemetry follows it', async () => {
    const setpoint = await waitFor(
      'a setpoint of the twin',
      async () =>
        (await storedEvents(database.db, 'scada.setpoints')).filter((e) => e.producer === 'twin').at(-1),
      90_000,
      500,
    );
    const wanted = setpoint.data.temperature as number;
    const plant = await waitFor('the plant to take it', async () => {
      const status = (await (await fetch(`http://127.0.0.1:${env.DX_PLANT_PORT}/status`)).json()) as {
        setpoints: { R101: { temperature: number } };
      };
      return status.setpoints.R101.temperature !== 262 ? status : undefined;
    });
    expect(plant.setpoints.R101.temperature).toBeLessThan(262);
    expect(Math.abs(plant.setpoints.R101.temperature - wanted)).toBeLessThan(20);
    await waitFor(
      'R101 telemetry moving toward the setpoint',
      async () =>
        (await storedEvents(database.db, 'scada.reactor-telemetry')).find(
          (e) => e.key === 'R101' && (e.data.temperature as number) < 259,
        ),
      60_000,
      500,
    );
  }, 180_000);

  it("has the plant's asset hierarchy in the hub, loaded from assets/demo-plant.json", async () => {
    const file = JSON.parse(readFileSync(path.join(REPO_ROOT, 'assets', 'demo-plant.json'), 'utf8')) as {
      assets: { id: string }[];
    };
    const stored = await storedEvents(database.db, 'hub.assets');
    expect(stored.map((e) => e.key).sort()).toEqual(file.assets.map((a) => a.id).sort());
    expect(stored.every((e) => e.producer === 'hub')).toBe(true);
    expect(demo.stdout()).toMatch(
      new RegExp(`^dx: assets\\s+${file.assets.length} from assets/demo-plant.json`, 'm'),
    );
  });

  it('assesses the health of pumps P101 and P102 by itself, and has the demo scenarios in the library', async () => {
    // The loops train on their first 60 samples (one a second) before they assess.
    const health = await waitFor(
      'an equipment health assessment',
      async () =>
        (await storedEvents(database.db, 'analytics.equipment-health')).find((e) =>
          ['P101', 'P102'].includes(e.data.equipment as string),
        ),
      150_000,
      1000,
    );
    expect(health.producer).toBe('analytics');
    expect(health.data.priority).toMatch(/^(critical|high|medium|low)$/);
    const scenarios = await contractsWithEvents();
    expect(scenarios.get('sim.scenarios')).toBeGreaterThan(0);
  }, 180_000);

  it('stops everything on Ctrl-C with exit code 0, and a second start carries on', async () => {
    demo.child.kill('SIGINT');
    const exit = await demo.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    const before = await totalEvents();
    demo = await startDemo();
    expect(demo.stdout()).toMatch(/0 versions approved now/);
    expect(demo.stdout()).toMatch(/^dx: assets\s+\d+ from assets\/demo-plant.json \(0 new\)/m);
    await waitFor(
      'new events after the restart',
      async () => ((await totalEvents()) > before + 20 ? true : undefined),
      60_000,
      500,
    );
    demo.child.kill('SIGINT');
    expect(await demo.exited).toEqual({ code: 0, signal: null });
  }, 240_000);
});

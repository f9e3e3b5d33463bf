/**
 * The simulation's equipment library reads its design data from the plant's asset model (hub.assets):
 * an asset's design values set the parameters they name, converted from their UCUM units to the
 * model's; what cannot be used is said. Real gateway, PostgreSQL, nats-server and Python workers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import type { Json } from '../../../../test/support/json.js';
import { REPO_ROOT } from '../../../../test/support/run-process.js';
import { startTestHub, type TestHub } from '../../../../test/support/test-hub.js';
import { ASSETS_CONTRACT, ASSETS_VERSION } from '../../../common/assets/asset.types.js';
import { SUBJECTS } from '../../../common/nats/subjects.js';
import { createSimulationApp } from '../../create-simulation-app.js';
import { loadSimConfig } from '../../sim-config.js';

let hub: TestHub;
let simulation: INestApplication;
let nats: NatsConnection;

const fouledCooler = {
  id: 'E101',
  level: 'equipment',
  type: 'heat-exchanger',
  name: 'Crude methanol cooler, fouled',
  parent: null,
  design: {
    U: { value: 0.4, unit: 'kW/(m2.K)' },
    A: { value: 'thirty' },
    shells: { value: 1, unit: 'm' },
    tubePasses: { value: 4 },
  },
  signals: [],
  updatedAt: '2026-11-22T00:00:00.000Z',
};

/** The demo plant's own assets (assets/demo-plant.json) of a reactor, a pump and a cooler. */
const demoPlant = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'assets', 'demo-plant.json'), 'utf8')) as { assets: Json[] }
).assets.filter((asset) => ['R101', 'P101', 'E102'].includes(asset.id as string));

async function publishAsset(asset: Json): Promise<void> {
  const h = natsHeaders();
  h.set('dx-producer', 'hub');
  h.set('dx-version', ASSETS_VERSION);
  h.set('dx-msg-id', `asset-${asset.id}`);
  const stored = (
    await nats.request(SUBJECTS.publish(ASSETS_CONTRACT), JSON.stringify(asset), {
      timeout: 10_000,
      headers: h,
    })
  ).json<Json>();
  expect(stored.ok).toBe(true);
}

beforeAll(async () => {
  hub = await startTestHub();
  nats = await connect({ servers: hub.bus.url });
  for (const asset of [fouledCooler, ...demoPlant]) await publishAsset(asset);
  simulation = await createSimulationApp(hub.config, hub.quiet, { ...loadSimConfig({}), workers: 1 });
  await simulation.init();
}, 60_000);

afterAll(async () => {
  await nats?.close();
  await simulation?.close();
  await hub?.stop();
});

/** dx.sim.models (app.init() resolved once the service's subscription reached the server). */
async function models(): Promise<Json> {
  return (await nats.request(SUBJECTS.sim('models'), '{}', { timeout: 30_000 })).json<Json>();
}

describe('the equipment library', () => {
  it("takes an asset's name and design data from hub.assets, its parameters converted to the model's units", async () => {
    const reply = await models();
    const instances = reply.result.instances as Json[];
    const cooler = instances.find((i) => i.id === 'E101')!;
    expect(cooler).toMatchObject({
      source: 'hub.assets',
      description: 'Crude methanol cooler, fouled',
      design: { U: '0.4 kW/(m2.K)', tubePasses: 4 },
    });
    expect(cooler.parameters.U).toBeCloseTo(400, 9);
    // The rest keeps the model's values; what could not be used is said, with why.
    expect(cooler.parameters.A).toBe(30);
    expect(cooler.ignored).toEqual(['A: not a number', "shells: m does not convert to the model's 1"]);
    expect(instances.find((i) => i.id === 'R201')).toMatchObject({ source: 'built-in' });
  });

  it("sets every model parameter the demo plant's asset file names, with nothing left unused", async () => {
    const instances = (await models()).result.instances as Json[];
    const byId = (id: string) => instances.find((i) => i.id === id)!;
    expect(demoPlant).toHaveLength(3);
    for (const id of ['R101', 'P101', 'E102']) {
      expect(byId(id).source).toBe('hub.assets');
      expect(byId(id).ignored).toBeUndefined();
    }
    expect(byId('R101').parameters).toMatchObject({ m: 1000, h: 500, A: 10 });
    // 5 kW in the asset file, the model's W.
    expect(byId('P101').parameters).toMatchObject({ Q_max: 100, H_max: 50, P_nom: 5000, eta: 0.85 });
    expect(byId('E102').parameters).toMatchObject({ U: 450, A: 24 });
    expect(byId('R101').design).toMatchObject({ volume: '12.5 m3', catalyst: 'Cu/ZnO/Al2O3' });
  });
});

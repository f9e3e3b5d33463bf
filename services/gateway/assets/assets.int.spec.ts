import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { Json } from '../../../test/support/json.js';
import { reactorReading } from '../../../test/support/reactor-reading.js';
import { runProcess } from '../../../test/support/run-process.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { SUBJECTS } from '../../common/nats/subjects.js';

jest.setTimeout(60_000);

let hub: TestHub;
let nats: NatsConnection;
let base: string;

const dx = (args: string[]) =>
  runProcess('bin/dx.js', args, { DATABASE_URL: hub.database.url, NATS_URL: hub.bus.url });

const get = async (url: string, token = 'dev-architect-token') => {
  const response = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Json };
};

let firstLoad: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  hub = await startTestHub();
  base = await hub.gateway.getUrl();
  nats = await connect({ servers: hub.bus.url });
  firstLoad = await dx(['assets', 'load']);
  const h = natsHeaders();
  h.set('dx-producer', 'scada');
  h.set('dx-version', '1.0.0');
  h.set('dx-msg-id', 'assets-r101-1');
  await nats.request(
    SUBJECTS.publish('scada.reactor-telemetry'),
    JSON.stringify({ ...reactorReading('R101', 251.3), sourceTimestamp: '2026-11-22T08:00:30Z' }),
    { timeout: 10_000, headers: h },
  );
});

afterAll(async () => {
  await nats.close();
  await hub.stop();
});

describe('the demo plant hierarchy', () => {
  it('loads through the gateway as the hub, and loading it again stores nothing new', async () => {
    expect(firstLoad).toMatchObject({ code: 0 });
    expect(firstLoad.stdout).toContain('loaded 23 assets');
    expect(firstLoad.stdout).toContain('23 new or changed');
    const again = await dx(['assets', 'load']);
    expect(again.stdout).toContain('0 new or changed');
  });

  it('is a tree from the enterprise down to the equipment, each asset under its parent', async () => {
    const { status, body } = await get('/api/v1/assets');
    expect(status).toBe(200);
    const [enterprise] = body.tree;
    expect(enterprise).toMatchObject({ id: 'DXCHEM', level: 'enterprise' });
    const site = enterprise.children[0];
    expect(site.children.map((a: Json) => a.id)).toEqual(['A100', 'A200', 'A300', 'A500', 'A600']);
    const methanol = site.children.find((a: Json) => a.id === 'A300');
    const loop = methanol.children.find((a: Json) => a.id === 'U310');
    expect(loop.children.map((a: Json) => a.id)).toEqual(['E101', 'E102', 'P101', 'R101']);
    expect(loop.children.find((a: Json) => a.id === 'R101').signals).toEqual([
      'temperature',
      'pressure',
      'feed flow',
    ]);
  });

  it("shows an asset's design data and its signals' latest values by name, in the signal's unit", async () => {
    const { body } = await get('/api/v1/assets/R101');
    expect(body.asset).toMatchObject({
      id: 'R101',
      parent: 'U310',
      design: { volume: { value: 12.5, unit: 'm3' } },
    });
    expect(body.asset.signals[0]).toMatchObject({
      name: 'temperature',
      value: 251.3,
      unit: 'Cel',
      eventTime: '2026-11-22T08:00:30.000Z',
    });
    expect(body.asset.signals[1]).toMatchObject({ name: 'pressure', value: 7.8, unit: 'MPa' });
    const signals = await get('/api/v1/assets/P101/signals');
    expect(signals.body.signals.map((s: Json) => [s.name, s.value])).toContainEqual(['speed', null]);
  });

  it("answers a signal's history by its name", async () => {
    const { body } = await get(
      '/api/v1/assets/R101/history/temperature?from=2026-11-22T08:00:00Z&to=2026-11-22T09:00:00Z&bucket=1h&unit=K',
    );
    expect(body).toMatchObject({ ok: true, asset: 'R101', signal: 'temperature', unit: 'K' });
    expect(body.buckets).toEqual([expect.objectContaining({ count: 1, mean: 524.45 })]);
    const missing = await get(
      '/api/v1/assets/R101/history/colour?from=2026-11-22T08:00:00Z&to=2026-11-22T09:00:00Z',
    );
    expect(missing.status).toBe(404);
  });

  it('is read as of a time like any contracted data, and only by those who may read hub.assets', async () => {
    expect((await get('/api/v1/assets?at=2026-11-21T00:00:00Z')).body.tree).toEqual([]);
    expect((await get('/api/v1/assets', 'dev-vr-token')).status).toBe(403);
  });

  it('prints the tree and the signals on the command line', async () => {
    const tree = await dx(['assets', 'tree']);
    expect(tree.stdout).toContain(
      '        R101  equipment reactor: Methanol synthesis reactor  [temperature, pressure, feed flow]',
    );
    const signals = await dx(['assets', 'signals', 'R101']);
    expect(JSON.parse(signals.stdout.split('\n')[0]!)).toMatchObject({
      name: 'temperature',
      value: 251.3,
      unit: 'Cel',
    });
  });

  it('refuses to load a signal whose unit does not convert, naming both units', async () => {
    const file = path.join(os.tmpdir(), `dx-assets-${process.pid}.json`);
    const bad = {
      assets: [
        {
          id: 'X1',
          level: 'equipment',
          type: 'reactor',
          name: 'Bad',
          parent: 'U310',
          signals: [
            { name: 't', contract: 'scada.reactor-telemetry', key: 'X1', field: '/temperature', unit: 'MPa' },
          ],
          updatedAt: '2026-11-22T00:00:00Z',
        },
      ],
    };
    await writeFile(file, JSON.stringify(bad));
    const { code, stderr } = await dx(['assets', 'load', file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/asset X1, signal "t": .*Cel.*MPa/);
  });
});

/**
 * The simulation service under the authorization `dx nats-config` generates: it connects as the
 * simulation subsystem and serves dx.sim.* to any subsystem, while a subsystem cannot pose as it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { inboxPrefixOf } from '../../services/common/nats/inbox-prefix.js';
import type { INestApplication } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../services/common/config/config.js';
import { tokenDigest } from '../../services/common/identity/identity-directory.js';
import { SUBJECTS } from '../../services/common/nats/subjects.js';
import { createSimulationApp } from '../../services/simulation/create-simulation-app.js';
import { loadSimConfig } from '../../services/simulation/sim-config.js';
import type { Json } from '../support/json.js';
import { runProcess } from '../support/run-process.js';
import { seedRegistry } from '../support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestNats, type TestNats } from '../support/test-nats.js';

const SECRETS = { simulation: 'simulation-secret', vr: 'vr-secret' } as const;
type Who = keyof typeof SECRETS;

let database: TestDatabase;
let scratch: string;
let bus: TestNats;
let simulation: INestApplication;
const connections: NatsConnection[] = [];

async function connectAs(who: Who): Promise<NatsConnection> {
  const connection = await connect({
    servers: bus.url,
    user: who,
    pass: SECRETS[who],
    inboxPrefix: inboxPrefixOf(who),
    reconnect: false,
  });
  connections.push(connection);
  return connection;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedRegistry(database.db);
  scratch = mkdtempSync(path.join(tmpdir(), 'dx-sim-permissions-'));
  const identities = path.join(scratch, 'identities.json');
  writeFileSync(
    identities,
    JSON.stringify(
      Object.entries(SECRETS).map(([id, secret]) => ({
        id,
        role: 'subsystem',
        tokenSha256: tokenDigest(secret),
        natsPasswordBcrypt: bcrypt.hashSync(secret, 4),
      })),
    ),
  );
  const generated = await runProcess('bin/dx.js', ['nats-config'], {
    DATABASE_URL: database.url,
    DX_IDENTITIES: identities,
  });
  expect(generated.code).toBe(0);
  bus = await startTestNats({ config: generated.stdout });
  const natsUrl = bus.url.replace('nats://', `nats://simulation:${SECRETS.simulation}@`);
  const config = { ...loadConfig(), databaseUrl: database.url, natsUrl, identitiesFile: identities };
  simulation = await createSimulationApp(config, pino({ level: 'silent' }), {
    ...loadSimConfig({}),
    workers: 1,
  });
  await simulation.listen(0, '127.0.0.1');
}, 60_000);

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close().catch(() => undefined)));
  await simulation?.close();
  await bus?.stop();
  await database?.drop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the simulation service with generated NATS permissions', () => {
  it('serves dx.sim.* to a subsystem', async () => {
    const vr = await connectAs('vr');
    const reply = (await vr.request(SUBJECTS.sim('models'), '{}', { timeout: 10_000 })).json<Json>();
    expect(reply.ok).toBe(true);
    expect(reply.result.models.map((m: Json) => m.name)).toEqual(expect.arrayContaining(['pump', 'reactor']));
  });

  it('does not let a subsystem serve dx.sim.* in its place', async () => {
    const vr = await connectAs('vr');
    const denied = new Promise<string>((resolve) => {
      void (async () => {
        for await (const status of vr.status()) {
          if (status.type === 'error') resolve(String(status.error));
        }
      })();
    });
    vr.subscribe(SUBJECTS.sim('run'), { queue: 'dx-simulation', callback: () => undefined });
    expect(await denied).toMatch(/permissions violation/i);
  });
});

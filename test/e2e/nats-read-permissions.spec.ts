/**
 * Reading is checked twice, as publishing is: a real gateway, connected as the hub to a nats-server
 * started with the authorization `dx nats-config` generated, serves catch-up pages and latest values
 * to whoever asks under its own name. The broker refuses a request made under another identity's
 * name; the gateway refuses an identity that neither owns nor consumes the contract; the owner, a
 * registered consumer and an architect get their answers, over NATS, HTTP, `dx get` and the client.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { inboxPrefixOf } from '../../services/common/nats/inbox-prefix.js';
import bcrypt from 'bcryptjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DxClient } from '../../services/client/index.js';
import { tokenDigest } from '../../services/common/identity/identity-directory.js';
import type { Json } from '../support/json.js';
import { reactorReading } from '../support/reactor-reading.js';
import { runProcess } from '../support/run-process.js';
import { seedRegistry } from '../support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestNats, type TestNats } from '../support/test-nats.js';
import { killRunningGateways, startHealthyGateway, type GatewayProcess } from './gateway-process.js';

/**
 * This file's own secrets: each is an identity's bearer token and its NATS password. scada owns the
 * reactor telemetry, the simulation is registered to consume it (seedRegistry), vr is neither.
 */
const TOKENS = {
  scada: 'scada-read-secret',
  vr: 'vr-read-secret',
  simulation: 'simulation-read-secret',
  architect: 'architect-read-secret',
  hub: 'hub-read-secret',
} as const;
type Who = keyof typeof TOKENS;

const CONTRACT = 'scada.reactor-telemetry';
const LATEST = { contract: CONTRACT, key: 'R101' };

let database: TestDatabase;
let scratch: string;
let bus: TestNats;
let gateway: GatewayProcess;
const connections: NatsConnection[] = [];

const urlOf = (who: Who) => bus.url.replace('nats://', `nats://${who}:${TOKENS[who]}@`);

async function connectAs(who: Who): Promise<NatsConnection> {
  const connection = await connect({
    servers: bus.url,
    user: who,
    pass: TOKENS[who],
    inboxPrefix: inboxPrefixOf(who),
    reconnect: false,
  });
  connections.push(connection);
  return connection;
}

async function ask(who: Who, subject: string, body: unknown): Promise<Json> {
  const connection = await connectAs(who);
  return (await connection.request(subject, JSON.stringify(body), { timeout: 5_000 })).json<Json>();
}

const dx = (args: string[], env: NodeJS.ProcessEnv) =>
  runProcess('bin/dx.js', args, {
    DATABASE_URL: database.url,
    DX_IDENTITIES: path.join(scratch, 'identities.json'),
    ...env,
  });

beforeAll(async () => {
  database = await createTestDatabase();
  scratch = mkdtempSync(path.join(tmpdir(), 'dx-read-permissions-'));
  await seedRegistry(database.db);
  writeFileSync(
    path.join(scratch, 'identities.json'),
    JSON.stringify(
      Object.entries(TOKENS).map(([id, token]) => ({
        id,
        role: id === 'architect' ? 'architect' : 'subsystem',
        tokenSha256: tokenDigest(token),
        natsPasswordBcrypt: bcrypt.hashSync(token, 4),
      })),
    ),
  );
  const generated = await dx(['nats-config'], {});
  expect(generated.code).toBe(0);
  bus = await startTestNats({ config: generated.stdout });
  gateway = await startHealthyGateway({
    DATABASE_URL: database.url,
    NATS_URL: urlOf('hub'),
    DX_IDENTITIES: path.join(scratch, 'identities.json'),
  });
  const scada = await connectAs('scada');
  for (const temperature of [250, 251]) {
    const h = headers();
    h.set('dx-producer', 'scada');
    h.set('dx-version', '1.0.0');
    h.set('dx-msg-id', `read-${temperature}`);
    const reply = await scada.request(
      `dx.publish.${CONTRACT}`,
      JSON.stringify(reactorReading('R101', temperature)),
      {
        timeout: 10_000,
        headers: h,
      },
    );
    expect(reply.json()).toMatchObject({ ok: true });
  }
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  killRunningGateways();
  await bus?.stop();
  await database.drop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the broker', () => {
  it("denies vr a replay or a latest value asked under another identity's name", async () => {
    const vr = await connectAs('vr');
    for (const subject of [
      'dx.replay.simulation',
      'dx.cache.get.scada',
      'dx.replay.architect',
      'dx.replay.hub',
    ]) {
      const refused = vr.request(subject, JSON.stringify(LATEST), { timeout: 2_000 });
      await expect(refused).rejects.toMatchObject({
        cause: { name: 'PermissionViolationError', operation: 'publish', subject },
      });
    }
  });

  it('no longer carries the old subjects without a name, which told the gateway nothing of who asks', async () => {
    const scada = await connectAs('scada');
    for (const subject of ['dx.replay', 'dx.cache.get']) {
      await expect(scada.request(subject, JSON.stringify(LATEST), { timeout: 2_000 })).rejects.toMatchObject({
        cause: { name: 'PermissionViolationError', subject },
      });
    }
  });
});

describe('reply inboxes', () => {
  it("keep one subsystem from reading another's publish acks and latest values", async () => {
    const vr = await connectAs('vr');
    for (const inboxes of ['_INBOX.scada.>', '_INBOX.>']) {
      const spy = vr.subscribe(inboxes);
      const ended = (async () => {
        for await (const _message of spy) return 'read a reply';
        return 'ended';
      })().catch((error: unknown) => error);
      await expect(ended).resolves.toMatchObject({
        name: 'PermissionViolationError',
        operation: 'subscription',
        subject: inboxes,
      });
    }
    // Meanwhile scada's own requests are answered in its own inboxes.
    expect(await ask('scada', 'dx.cache.get.scada', LATEST)).toMatchObject({ ok: true });
  });

  it('are where a client without the option asks for its replies, and the broker refuses them elsewhere', async () => {
    const defaultInboxes = await connect({
      servers: bus.url,
      user: 'scada',
      pass: TOKENS.scada,
      reconnect: false,
    });
    connections.push(defaultInboxes);
    await expect(
      defaultInboxes.request('dx.cache.get.scada', JSON.stringify(LATEST), { timeout: 2_000 }),
    ).rejects.toBeDefined();
  });
});

describe('the gateway behind it', () => {
  it('refuses vr, asking under its own name, the history and the latest value of a contract it does not consume', async () => {
    const refusal = {
      ok: false,
      error: {
        code: 'READ_FORBIDDEN',
        message: expect.stringContaining(`vr may not read ${CONTRACT}`),
        details: { identity: 'vr', contract: CONTRACT, owner: 'scada' },
      },
    };
    expect(await ask('vr', 'dx.replay.vr', { contract: CONTRACT })).toMatchObject(refusal);
    expect(await ask('vr', 'dx.cache.get.vr', LATEST)).toMatchObject(refusal);
  });

  it.each([
    ['scada', 'the owner'],
    ['simulation', 'a registered consumer'],
    ['architect', 'an architect'],
  ] as const)('answers %s (%s) under its own name', async (who, _what) => {
    const page = await ask(who, `dx.replay.${who}`, { contract: CONTRACT, key: 'R101' });
    expect(page).toMatchObject({ ok: true, more: false });
    expect(page.events.map((e: Json) => e.data.temperature)).toEqual([250, 251]);
    expect(await ask(who, `dx.cache.get.${who}`, LATEST)).toMatchObject({
      ok: true,
      event: { key: 'R101', data: { temperature: 251 } },
    });
  });

  it('lets an architect follow the live data of any contract, as it may read its history', async () => {
    const architect = await connectAs('architect');
    const live = architect.subscribe(`dx.data.${CONTRACT}.v1.R102`, { max: 1 });
    await architect.flush();
    const scada = await connectAs('scada');
    const h = headers();
    h.set('dx-producer', 'scada');
    h.set('dx-version', '1.0.0');
    h.set('dx-msg-id', 'read-live-252');
    await scada.request(`dx.publish.${CONTRACT}`, JSON.stringify(reactorReading('R102', 252)), {
      timeout: 10_000,
      headers: h,
    });
    for await (const message of live) {
      expect(message.json<Json>()).toMatchObject({ key: 'R102', data: { temperature: 252 } });
    }
  });

  it('answers GET /api/v1/data as the bearer token: 403 for vr, 200 for the simulation', async () => {
    const get = (who: Who) =>
      fetch(`${gateway.url}/api/v1/data/${CONTRACT}/R101`, {
        headers: { authorization: `Bearer ${TOKENS[who]}` },
      });
    const [forbidden, allowed] = await Promise.all([get('vr'), get('simulation')]);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ ok: false, error: { code: 'READ_FORBIDDEN' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ ok: true, event: { data: { temperature: 251 } } });
  });
});

describe('the readers', () => {
  it('dx get reads as the user in NATS_URL; --as another name is stopped by the broker', async () => {
    const asVr = await dx(['get', CONTRACT, 'R101'], { NATS_URL: urlOf('vr') });
    expect(asVr.code).toBe(1);
    expect(asVr.stderr).toContain(`READ_FORBIDDEN: vr may not read ${CONTRACT}`);
    const asSimulation = await dx(['get', CONTRACT, 'R101'], { NATS_URL: urlOf('simulation') });
    expect(asSimulation.code).toBe(0);
    expect(JSON.parse(asSimulation.stdout)).toMatchObject({ data: { temperature: 251 } });
    const posing = await dx(['get', CONTRACT, 'R101', '--as', 'simulation'], { NATS_URL: urlOf('vr') });
    expect(posing.code).toBe(3);
    expect(posing.stderr).toContain('Permissions Violation');
  });

  it('the client library reads as the user of its URL by default, and is refused as vr', async () => {
    const simulation = await DxClient.connect({ nats: urlOf('simulation') });
    const vr = await DxClient.connect({ nats: urlOf('vr'), retry: { attempts: 1 } });
    try {
      expect(await simulation.get(CONTRACT, 'R101')).toMatchObject({ data: { temperature: 251 } });
      await expect(vr.get(CONTRACT, 'R101')).rejects.toMatchObject({
        name: 'HubRefusedError',
        code: 'READ_FORBIDDEN',
      });
    } finally {
      await Promise.all([simulation.close(), vr.close()]);
    }
  });
});

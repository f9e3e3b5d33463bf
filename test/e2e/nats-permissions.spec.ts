/**
 * The broker enforces the registry: `dx nats-config` turns recorded owners and consumers into a
 * nats-server authorization block, and a nats-server of this file's own, started with it, refuses what
 * a subsystem may not do before the hub ever sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { inboxPrefixOf } from '../../services/common/nats/inbox-prefix.js';
import bcrypt from 'bcryptjs';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tokenDigest } from '../../services/common/identity/identity-directory.js';
import { connectNats } from '../../services/common/nest/nats/connect-nats.js';
import type { Identity } from '../../services/common/identity/identity.types.js';
import { loadContracts } from '../../services/registry/contracts/load-contracts.js';
import { parseSemver } from '../../services/common/registry-state/index.js';
import { checkHistory } from '../../services/registry/lifecycle/check-history.js';
import { decideCreateContract } from '../../services/registry/lifecycle/create-contract.js';
import { decideProposeVersion } from '../../services/registry/lifecycle/propose-version.js';
import { decideRegisterConsumer } from '../../services/registry/lifecycle/register-consumer.js';
import { Registry } from '../../services/registry/lifecycle/registry.js';
import { decideApprove } from '../../services/registry/lifecycle/review-version.js';
import { REPO_ROOT, runProcess, type ProcessResult } from '../support/run-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestNats, type TestNats } from '../support/test-nats.js';

/** This file's own secrets: the same string is an identity's bearer token and its NATS password. */
const TOKENS = { scada: 'scada-e2e-secret', vr: 'vr-e2e-secret', hub: 'hub-e2e-secret' } as const;
const CONTRACTS = ['scada.reactor-telemetry', 'scada.alarms', 'vr.scene-state'];
const architect: Identity = { id: 'architect.e2e', role: 'architect' };

let database: TestDatabase;
let scratch: string;
let bus: TestNats;
let generated: ProcessResult;
const connections: NatsConnection[] = [];
/** Subjects of the publishing requests the hub received. */
const served: string[] = [];

const nats = (user: string, pass: string) =>
  connect({
    servers: bus.url,
    user,
    pass,
    inboxPrefix: inboxPrefixOf(user),
    reconnect: false,
    name: `e2e-${user}`,
  });

async function connectAs(user: keyof typeof TOKENS): Promise<NatsConnection> {
  const connection = await nats(user, TOKENS[user]);
  connections.push(connection);
  return connection;
}

const dxNatsConfig = (args: string[] = []) =>
  runProcess('bin/dx.js', ['nats-config', ...args], {
    DATABASE_URL: database.url,
    DX_IDENTITIES: path.join(scratch, 'identities.json'),
  });

beforeAll(async () => {
  database = await createTestDatabase();
  scratch = mkdtempSync(path.join(tmpdir(), 'dx-nats-permissions-'));
  await recordRegistry();
  writeIdentities();
  generated = await dxNatsConfig();
  bus = await startTestNats({ config: generated.stdout });
  // The hub serves publishing requests as the gateway does, answering each one.
  const hub = await connectAs('hub');
  hub.subscribe('dx.publish.>', {
    queue: 'dx-gateway',
    callback: (_error, msg: Msg) => {
      served.push(msg.subject);
      msg.respond(JSON.stringify({ ok: true, position: served.length }));
    },
  });
  await hub.flush();
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await bus?.stop();
  await database.drop();
  rmSync(scratch, { recursive: true, force: true });
});

/** The demo contracts, created by their owners and approved; vr reads major 2 of reactor telemetry. */
async function recordRegistry(): Promise<void> {
  const { contracts } = await loadContracts(path.join(REPO_ROOT, 'contracts'));
  const registry = new Registry(database.db);
  for (const source of contracts.filter((c) => CONTRACTS.includes(c.descriptor.id))) {
    const id = source.descriptor.id;
    const owner: Identity = { id: source.descriptor.owner, role: 'subsystem' };
    await registry.execute(id, (s) => decideCreateContract(s, owner, source.descriptor));
    for (const { version, schema } of source.versions) {
      const semver = parseSemver(version)!;
      const first = semver.minor === 0 && semver.patch === 0;
      const major = first ? source.transforms.find((t) => t.major === semver.major) : undefined;
      const transforms = major ? { up: major.up, down: major.down } : undefined;
      await registry.execute(id, (s) =>
        decideProposeVersion(s, owner, { contract: id, version, schema, transforms }, checkHistory),
      );
      await registry.execute(id, (s) => decideApprove(s, architect, id, version));
    }
  }
  const vr: Identity = { id: 'vr', role: 'subsystem' };
  await registry.execute('scada.reactor-telemetry', (s) =>
    decideRegisterConsumer(s, vr, 'scada.reactor-telemetry', 'vr', [2]),
  );
}

/** scada, vr and the hub with NATS passwords; analytics with a bearer token only. */
function writeIdentities(): void {
  const entries = Object.entries(TOKENS).map(([id, token]) => ({
    id,
    role: 'subsystem',
    tokenSha256: tokenDigest(token),
    natsPasswordBcrypt: bcrypt.hashSync(token, 4),
  }));
  entries.push({ ...entries[0]!, id: 'architect.e2e', role: 'architect' });
  writeFileSync(
    path.join(scratch, 'identities.json'),
    JSON.stringify([
      ...entries,
      { id: 'analytics', role: 'subsystem', tokenSha256: tokenDigest('analytics') },
    ]),
  );
}

/** Resolves with the error a subscription was closed with, or rejects when it stays open. */
async function closedWith(subscription: { closed: Promise<void | Error> }): Promise<Error | void> {
  let timer: NodeJS.Timeout | undefined;
  const stillOpen = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('the subscription is still open')), 2_000);
  });
  try {
    return await Promise.race([subscription.closed, stillOpen]);
  } finally {
    clearTimeout(timer);
  }
}

describe('dx nats-config', () => {
  it('writes a user for each identity with a NATS password, and warns about the one without', () => {
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/^authorization \{$/m);
    for (const user of ['scada', 'vr', 'hub', 'architect.e2e'])
      expect(generated.stdout).toContain(`user: "${user}"`);
    expect(generated.stdout).not.toContain('user: "analytics"');
    expect(generated.stderr).toContain('warning: analytics has no natsPasswordBcrypt');
  });

  it('never writes a secret, only the bcrypt hashes of the passwords', () => {
    for (const token of Object.values(TOKENS)) expect(generated.stdout).not.toContain(token);
  });

  it('writes the same block to a file with --out, readable by its owner only', async () => {
    const out = path.join(scratch, 'authorization.conf');
    const result = await dxNatsConfig(['--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(generated.stdout);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });
});

describe('a nats-server configured by dx nats-config', () => {
  it('lets scada publish on scada.reactor-telemetry, which it owns, and the hub answer', async () => {
    const scada = await connectAs('scada');
    const reply = await scada.request(
      'dx.publish.scada.reactor-telemetry',
      JSON.stringify({ equipment: 'R101', temperature: 251.3 }),
      { timeout: 2_000 },
    );
    expect(reply.json()).toMatchObject({ ok: true });
    expect(served).toContain('dx.publish.scada.reactor-telemetry');
  });

  it('denies scada a publish on vr.scene-state, which vr owns, and tells scada so', async () => {
    const scada = await connectAs('scada');
    const refused = scada.request('dx.publish.vr.scene-state', JSON.stringify({ scene: 'forged' }), {
      timeout: 2_000,
    });
    await expect(refused).rejects.toMatchObject({
      cause: { name: 'PermissionViolationError', operation: 'publish', subject: 'dx.publish.vr.scene-state' },
    });
    await scada.flush();
    expect(served).not.toContain('dx.publish.vr.scene-state');
  });

  it('denies scada an announcement of a registry change, which only the hub makes', async () => {
    const scada = await connectAs('scada');
    const refused = scada.request('dx.registry.changed', JSON.stringify({ contract: 'scada.alarms' }), {
      timeout: 2_000,
    });
    await expect(refused).rejects.toMatchObject({
      cause: { name: 'PermissionViolationError', operation: 'publish', subject: 'dx.registry.changed' },
    });
  });

  it('delivers to vr the data of reactor telemetry major 2, which it is registered to read', async () => {
    const vr = await connectAs('vr');
    const hub = await connectAs('hub');
    const subscription = vr.subscribe('dx.data.scada.reactor-telemetry.v2.>', { max: 1 });
    await vr.flush();
    hub.publish('dx.data.scada.reactor-telemetry.v2.R101', JSON.stringify({ position: 1, key: 'R101' }));
    for await (const msg of subscription) {
      expect(msg.subject).toBe('dx.data.scada.reactor-telemetry.v2.R101');
      expect(msg.json()).toMatchObject({ key: 'R101' });
    }
    expect(subscription.getReceived()).toBe(1);
  });

  it('denies vr a subscription to a contract and a major it is not registered to read', async () => {
    const vr = await connectAs('vr');
    for (const subject of [
      'dx.data.scada.alarms.v1.>',
      'dx.data.scada.reactor-telemetry.v1.>',
      'dx.data.>',
    ]) {
      const error = await closedWith(vr.subscribe(subject));
      expect(error).toMatchObject({ name: 'PermissionViolationError', operation: 'subscription', subject });
    }
  });

  it('refuses a wrong password and a user it does not know', async () => {
    await expect(nats('scada', 'dev-scada-token')).rejects.toMatchObject({ name: 'AuthorizationError' });
    await expect(nats('scada', TOKENS.vr)).rejects.toMatchObject({ name: 'AuthorizationError' });
    await expect(nats('mallory', TOKENS.scada)).rejects.toMatchObject({ name: 'AuthorizationError' });
  });

  it("lets the hub's services connect with the user and password in NATS_URL, and never shows the password", async () => {
    const url = (pass: string) => bus.url.replace('nats://', `nats://hub:${pass}@`);
    const options = { timeoutMs: 2_000, keepReconnecting: false };
    const hub = await connectNats(url(TOKENS.hub), options);
    connections.push(hub);
    expect(hub.isClosed()).toBe(false);
    const refused = await connectNats(url('not-the-password'), options).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'NATS_UNREACHABLE' });
    expect((refused as Error).message).toContain('Authorization Violation');
    expect((refused as Error).message).not.toContain('not-the-password');
  });
});

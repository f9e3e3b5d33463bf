import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Parser } from '@asyncapi/parser';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Json } from '../../test/support/json.js';
import type { TestNats } from '../../test/support/test-nats.js';
import { startTestRegistry, type TestRegistry } from '../../test/support/test-registry.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import { loadContracts } from './contracts/load-contracts.js';
import type { ContractSource } from './contracts/contract.types.js';

const CONTRACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../contracts');
const TOKENS = { scada: 'scada-secret', vr: 'vr-secret', architect: 'architect-secret' } as const;

let registry: TestRegistry;
let bus: TestNats;
let base: string;
let nats: NatsConnection;
let plant: ContractSource[];

type Who = keyof typeof TOKENS | null;

async function call(method: string, route: string, who: Who, body?: unknown) {
  const response = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: {
      ...(who ? { authorization: `Bearer ${TOKENS[who]}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

function source(id: string): ContractSource {
  return plant.find((c) => c.descriptor.id === id)!;
}

function schemaOf(id: string, version: string): Json {
  return structuredClone(source(id).versions.find((v) => v.version === version)!.schema) as Json;
}

beforeAll(async () => {
  registry = await startTestRegistry(TOKENS);
  ({ bus, url: base } = registry);
  nats = await connect({ servers: bus.url });
  plant = (await loadContracts(CONTRACTS)).contracts;
});

afterAll(async () => {
  await nats.close();
  await registry.stop();
});

describe('the registry over HTTP', () => {
  it('lets an owner push its contracts, which then wait for review', async () => {
    const { status, body } = await call('POST', '/contracts', 'scada', {
      contracts: [source('scada.reactor-telemetry'), source('scada.alarms'), source('vr.scene-state')],
    });
    expect(status).toBe(201);
    expect(body.steps).toEqual(
      expect.arrayContaining([
        { contract: 'scada.reactor-telemetry', outcome: 'created' },
        expect.objectContaining({
          contract: 'scada.reactor-telemetry',
          version: '2.0.0',
          outcome: 'proposed',
          status: 'proposed',
        }),
        { contract: 'vr.scene-state', outcome: 'skipped', reason: 'owned by vr' },
      ]),
    );
    const contract = await call('GET', '/contracts/scada.reactor-telemetry', null);
    expect(contract.body.versions.map((v: { status: string }) => v.status)).toEqual([
      'proposed',
      'proposed',
      'proposed',
    ]);
  });

  it('refuses a write without a known bearer token', async () => {
    const anonymous = await call('POST', '/contracts/scada.alarms/versions/1.0.0/approve', null, {});
    expect(anonymous).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED' } } });
  });

  it('lets only an architect approve, and approval makes the version active, recording who and when', async () => {
    const byOwner = await call('POST', '/contracts/scada.alarms/versions/1.0.0/approve', 'scada', {});
    const byArchitect = await call('POST', '/contracts/scada.alarms/versions/1.0.0/approve', 'architect', {
      comment: 'clear and complete',
    });
    expect(byOwner).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(byArchitect.body.recorded).toEqual(['version-approved', 'version-activated']);
    const version = byArchitect.body.contract.versions[0];
    expect(version.status).toBe('active');
    expect(version.history[1]).toMatchObject({
      status: 'approved',
      by: 'architect.petrov',
      comment: 'clear and complete',
    });
    expect(Date.parse(version.history[1].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('lets an architect reject only with a comment', async () => {
    await call('POST', '/contracts/scada.reactor-telemetry/versions', 'scada', {
      version: '2.1.0',
      schema: { ...schemaOf('scada.reactor-telemetry', '2.0.0'), title: 'Reactor telemetry 2.1' },
    });
    const silent = await call(
      'POST',
      '/contracts/scada.reactor-telemetry/versions/2.1.0/reject',
      'architect',
      {},
    );
    const reasoned = await call(
      'POST',
      '/contracts/scada.reactor-telemetry/versions/2.1.0/reject',
      'architect',
      {
        comment: 'nothing changed but the title',
      },
    );
    expect(silent).toMatchObject({
      status: 422,
      body: { error: { code: 'BAD_ARGUMENT', details: { field: 'comment' } } },
    });
    expect(
      reasoned.body.contract.versions.find((v: { version: string }) => v.version === '2.1.0').status,
    ).toBe('rejected');
  });

  it('refuses a version from a subsystem that does not own the contract', async () => {
    const { status, body } = await call('POST', '/contracts/scada.alarms/versions', 'vr', {
      version: '1.1.0',
      schema: schemaOf('scada.alarms', '1.0.0'),
    });
    expect(status).toBe(403);
    expect(body.error).toMatchObject({ code: 'FORBIDDEN', details: { owner: 'scada', actor: 'vr' } });
  });

  it('refuses a version that does not document itself, listing every gap with its pointer', async () => {
    const schema = schemaOf('scada.alarms', '1.0.0');
    delete schema.properties.message.description;
    schema.properties.count = { type: 'integer', description: 'How often it fired.' };
    schema.examples = [];
    const { status, body } = await call('POST', '/contracts/scada.alarms/versions', 'scada', {
      version: '1.1.0',
      schema,
    });
    expect(status).toBe(422);
    expect(body.error.code).toBe('DOCUMENTATION_INCOMPLETE');
    expect(
      body.error.details.gaps.map((g: { pointer: string; rule: string }) => [g.pointer, g.rule]),
    ).toEqual([
      ['/properties/message', 'description'],
      ['/properties/count', 'x-unit'],
      ['/examples', 'examples'],
    ]);
  });

  it('refuses a breaking change within a major, naming the changes and the major to use', async () => {
    const schema = schemaOf('scada.alarms', '1.0.0');
    schema.properties.severity.enum = ['high', 'critical'];
    schema.examples = [{ ...schema.examples[0], severity: 'critical' }];
    const { status, body } = await call('POST', '/contracts/scada.alarms/versions', 'scada', {
      version: '1.1.0',
      schema,
    });
    expect(status).toBe(422);
    expect(body.error.code).toBe('COMPATIBILITY_BROKEN');
    expect(body.error.message).toContain('new major: 2.0.0');
    expect(body.error.details.against[0].changes).toEqual([
      expect.objectContaining({
        type: 'ENUM_ARRAY_NARROWED',
        path: '#/properties/severity/enum',
        breaking: true,
      }),
    ]);
  });

  it('refuses a schema that does not compile, and stores nothing', async () => {
    const before = await call('GET', '/contracts/scada.alarms', null);
    const { status, body } = await call('POST', '/contracts/scada.alarms/versions', 'scada', {
      version: '1.2.0',
      schema: (() => {
        const schema = schemaOf('scada.alarms', '1.0.0');
        schema.properties.tag = { $ref: '#/$defs/missing', description: 'The tag.' };
        return schema;
      })(),
    });
    const after = await call('GET', '/contracts/scada.alarms', null);
    expect(status).toBe(422);
    expect(body.error.code).toBe('SCHEMA_INVALID');
    expect(body.error.message).toContain('missing');
    expect(after.body.versions).toEqual(before.body.versions);
  });

  it('refuses other content for a published version, naming the version and the difference', async () => {
    const schema = schemaOf('scada.alarms', '1.0.0');
    schema.properties.message.maxLength = 100;
    const { status, body } = await call('POST', '/contracts/scada.alarms/versions', 'scada', {
      version: '1.0.0',
      schema,
    });
    expect(status).toBe(409);
    expect(body.error).toMatchObject({
      code: 'CONTRACT_VERSION_IMMUTABLE',
      details: {
        version: '1.0.0',
        differences: [{ pointer: '/properties/message/maxLength', before: 500, after: 100 }],
      },
    });
  });

  it('stores nothing of a push that has one bad version', async () => {
    const bad = structuredClone(source('scada.pump-telemetry'));
    (bad.versions[0]!.schema as Record<string, unknown>).description = '';
    const { status, body } = await call('POST', '/contracts', 'scada', {
      contracts: [source('scada.exchanger-telemetry'), bad],
    });
    const list = await call('GET', '/contracts', null);
    expect(status).toBe(422);
    expect(body.error.details.gaps[0]).toMatchObject({ pointer: '', rule: 'description' });
    expect(list.body.map((c: { descriptor: { id: string } }) => c.descriptor.id)).not.toContain(
      'scada.exchanger-telemetry',
    );
  });

  it('refuses to retire the last version of a major a registered consumer reads, and names the consumer', async () => {
    await call('PUT', '/contracts/scada.alarms/consumers/vr', 'vr', { majors: [1] });
    await call('POST', '/contracts/scada.alarms/versions/1.0.0/deprecate', 'scada', {
      sunset: '2027-06-01T00:00:00Z',
    });
    const retire = await call('POST', '/contracts/scada.alarms/versions/1.0.0/retire', 'scada', {});
    const canRetire = await call('GET', '/contracts/scada.alarms/majors/1/can-retire', null);
    expect(retire.status).toBe(409);
    expect(retire.body.error).toMatchObject({
      code: 'CONSUMERS_STILL_DEPEND',
      details: { consumers: ['vr'] },
    });
    expect(canRetire.body).toMatchObject({ canRetire: false, consumers: ['vr'] });

    await call('DELETE', '/contracts/scada.alarms/consumers/vr', 'vr');
    const retired = await call('POST', '/contracts/scada.alarms/versions/1.0.0/retire', 'scada', {});
    expect(retired.body.contract.versions[0].status).toBe('retired');
  });

  it('changes the owner only once an architect approves the change', async () => {
    const proposed = await call('POST', '/contracts/scada.reactor-telemetry/owner', 'scada', {
      newOwner: 'vr',
    });
    const byOwner = await call('POST', '/contracts/scada.reactor-telemetry/owner/approve', 'scada', {});
    const stillScada = await call('GET', '/contracts/scada.reactor-telemetry', null);
    const approved = await call('POST', '/contracts/scada.reactor-telemetry/owner/approve', 'architect', {});
    expect(proposed.body.contract.pendingOwner.newOwner).toBe('vr');
    expect(byOwner.status).toBe(403);
    expect(stillScada.body.descriptor.owner).toBe('scada');
    expect(approved.body.contract.descriptor.owner).toBe('vr');
    await call('POST', '/contracts/scada.reactor-telemetry/owner', 'vr', { newOwner: 'scada' });
    await call('POST', '/contracts/scada.reactor-telemetry/owner/approve', 'architect', {});
  });

  it('serves a valid AsyncAPI 3.0 document of the live versions', async () => {
    await call('POST', '/contracts/scada.reactor-telemetry/versions/1.0.0/approve', 'architect', {});
    const { body } = await call('GET', '/asyncapi.json', null);
    const { diagnostics } = await new Parser().parse(JSON.stringify(body));
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
    expect(Object.keys(body.channels).filter((name) => !name.startsWith('registry.'))).toEqual([
      'publish.scada.reactor-telemetry',
      'data.scada.reactor-telemetry.v1',
    ]);
    expect(body.channels['registry.review'].address).toBe('dx.registry.review');
  });
});

describe('the registry over NATS', () => {
  const request = async (operation: string, body: unknown, who: Who = null) => {
    const h = headers();
    if (who) h.set('authorization', `Bearer ${TOKENS[who]}`);
    const reply = await nats.request(SUBJECTS.registry(operation), JSON.stringify(body), {
      timeout: 5000,
      headers: h,
    });
    return reply.json<Json>();
  };

  it('answers reads as the HTTP API does', async () => {
    const reply = await request('get', { contract: 'scada.alarms' });
    expect(reply.ok).toBe(true);
    expect(reply.result.descriptor.owner).toBe('scada');
  });

  it('takes changes with a bearer token and refuses them without one', async () => {
    const anonymous = await request('approve', { contract: 'scada.reactor-telemetry', version: '1.1.0' });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const changes = nats.subscribe(SUBJECTS.registryChanged, { max: 1 });
    const approved = await request(
      'approve',
      { contract: 'scada.reactor-telemetry', version: '1.1.0' },
      'architect',
    );
    expect(approved.error).toBeUndefined();
    expect(approved.result.recorded).toEqual(['version-approved', 'version-activated']);
    for await (const msg of changes) {
      expect(msg.json()).toEqual({
        contract: 'scada.reactor-telemetry',
        types: ['version-approved', 'version-activated'],
      });
    }
  });
});
